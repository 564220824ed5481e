// `npm run package:check`: after `npm run package` (sls package --stage prod), proves what AWS will run
// also runs here. For every function of the packaged CloudFormation template:
//   - its runtime is the one serverless.yml deploys (nodejs22.x), so no function is left on a deprecated one;
//   - its zip holds the handler file the template names;
//   - the handler, taken out of that very zip, loads on this machine's Node (20 on these machines and in CI)
//     in a fresh process with a deployed stage's environment, and exports a function.
// The AWS SDK is not in the zips (the Lambda runtime provides it); the bundles are unpacked under the project,
// so `@aws-sdk/*` resolves from node_modules, whose range is held to releases that still support Node 20.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packaged = join(root, '.serverless');
/** Issue 19's budget for a function's bundle (docs/DEVELOPING.md, "Lambda size"): a larger one fails the check. */
const SIZE_BUDGET_KB = 250;
const EXPECTED_RUNTIME = /^\s+runtime:\s*(\S+)\s*$/m.exec(readFileSync(join(root, 'serverless.yml'), 'utf8'))?.[1];

/** The files of a zip archive (stored or deflated entries, as serverless packs them), by name. */
export function unzip(buffer) {
  const files = new Map();
  // End of central directory: the last `PK\x05\x06` (no archive comment from serverless, but search anyway).
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const localHeader = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = localHeader + 30 + buffer.readUInt16LE(localHeader + 26) + buffer.readUInt16LE(localHeader + 28);
    const data = buffer.subarray(dataStart, dataStart + compressed);
    if (!name.endsWith('/')) {
      if (method === 0) files.set(name, Buffer.from(data));
      else if (method === 8) files.set(name, inflateRawSync(data));
      else throw new Error(`${name}: unsupported zip method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** A deployed stage's environment (no dev conveniences: the Lambdas refuse to start with any set). */
const LAMBDA_ENV = {
  PATH: process.env.PATH,
  STAGE: 'prod',
  TABLE_NAME: 'linli-prod',
  MEDIA_BUCKET: 'linli-media-prod',
  WECHAT_APPID: 'wx0000000000000000',
  WECHAT_API_BASE: 'https://api.weixin.qq.com',
  AWS_REGION: 'cn-north-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** The error a failed load reports, its first lines cut short (a minified line would fill the screen). */
const lastLines = (text) =>
  text
    .trim()
    .split('\n')
    .slice(0, 3)
    .map((line) => `    ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`)
    .join('\n');

function main() {
  let template;
  try {
    template = JSON.parse(readFileSync(join(packaged, 'cloudformation-template-update-stack.json'), 'utf8'));
  } catch {
    console.error('No packaged stack in .serverless/: run `npm run package` first.');
    process.exit(2);
  }
  const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
  if (functions.length === 0) throw new Error('the packaged template has no Lambda functions');

  mkdirSync(join(root, '.bench'), { recursive: true });
  const dir = mkdtempSync(join(root, '.bench', 'bundles-'));
  const problems = [];
  try {
    for (const { Properties: fn } of functions) {
      const zipName = fn.Code.S3Key.split('/').pop();
      const label = zipName.replace(/\.zip$/, '');
      if (fn.Runtime !== EXPECTED_RUNTIME)
        problems.push(`${label}: runtime ${fn.Runtime}, expected ${EXPECTED_RUNTIME}`);
      const [file, exportName] = [fn.Handler.replace(/\.[^.]+$/, ''), fn.Handler.split('.').pop()];
      const files = unzip(readFileSync(join(packaged, zipName)));
      const source = files.get(`${file}.js`);
      if (!source) {
        problems.push(`${label}: ${zipName} has no ${file}.js`);
        continue;
      }
      if (source.length / 1024 > SIZE_BUDGET_KB)
        problems.push(
          `${label}: ${(source.length / 1024).toFixed(1)} KB, over the ${SIZE_BUDGET_KB} KB budget (docs/DEVELOPING.md, "Lambda size")`,
        );
      const bundle = join(dir, label, `${file}.js`);
      mkdirSync(dirname(bundle), { recursive: true });
      writeFileSync(bundle, source);
      const started = process.hrtime.bigint();
      const run = spawnSync(
        process.execPath,
        [
          '-e',
          `let m;try{m=require(${JSON.stringify(bundle)})}catch(e){console.error(String(e&&e.stack||e).split('\\n').slice(0,3).join('\\n'));process.exit(1)}` +
            `if(typeof m[${JSON.stringify(exportName)}]!=='function'){console.error('no ${exportName} function exported');process.exit(1)}`,
        ],
        { cwd: root, env: LAMBDA_ENV, encoding: 'utf8' },
      );
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (run.status !== 0)
        problems.push(`${label}: does not load on Node ${process.versions.node}:\n${lastLines(run.stderr)}`);
      else
        console.log(
          `  ✓ ${label.padEnd(22)} ${fn.Runtime}, ${(source.length / 1024).toFixed(0)} KB, loads in ${ms.toFixed(0)} ms`,
        );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (problems.length) {
    console.error(
      `\n✖ ${problems.length} packaged function(s) would not run or are over budget:\n${problems.join('\n')}`,
    );
    process.exit(1);
  }
  console.log(
    `\n${functions.length} functions packaged for ${EXPECTED_RUNTIME} load on Node ${process.versions.node}, each within ${SIZE_BUDGET_KB} KB.`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
