import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Benchmark } from './context';

const ROOT = join(__dirname, '..', '..');
const SIZE_BUDGET_KB = 250;
const INIT_BUDGET_MS = 50;

/** Handler modules named in serverless.yml (`handler: path/to/file.export`). */
export function lambdaHandlers(): { name: string; file: string }[] {
  const yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
  const out: { name: string; file: string }[] = [];
  let current: string | undefined;
  let inFunctions = false;
  for (const line of yml.split('\n')) {
    if (/^functions:/.test(line)) inFunctions = true;
    else if (/^\S/.test(line)) inFunctions = false;
    if (!inFunctions) continue;
    const fn = /^ {2}(\w+):\s*$/.exec(line);
    if (fn) current = fn[1];
    const handler = /^ {4}handler:\s*(\S+)\.\w+\s*$/.exec(line);
    if (handler && current) out.push({ name: current, file: `${handler[1]}.ts` });
  }
  return out;
}

/** Bundles one Lambda as serverless-esbuild does (minified CJS, AWS SDK left to the runtime). */
async function bundle(file: string, outfile: string) {
  const result = await build({
    entryPoints: [join(ROOT, file)],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    metafile: true,
    outfile,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
  const byPackage = new Map<string, number>();
  for (const [path, info] of Object.entries(output.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = m ? m[1]! : path.split('/').slice(0, 3).join('/');
    byPackage.set(key, (byPackage.get(key) ?? 0) + info.bytesInOutput);
  }
  const sdk = [...new Set(output.imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path))];
  return { bytes: output.bytes, sdk, contributors: [...byPackage.entries()].sort((a, b) => b[1] - a[1]) };
}

/** Time to require() these modules in a fresh Node process, median of several runs. */
function initMs(modules: string[], runs = 5): number {
  const script = `const t=process.hrtime.bigint();${modules.map((m) => `require(${JSON.stringify(m)});`).join('')}process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const env = {
    ...process.env,
    STAGE: 'local',
    TABLE_NAME: 'bench',
    MEDIA_BUCKET: 'bench',
    WECHAT_APPID: 'wx-bench',
    AWS_REGION: 'cn-north-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8', cwd: ROOT });
    if (r.status !== 0) throw new Error(`${modules.join(', ')} failed to load: ${r.stderr}`);
    times.push(Number(r.stdout));
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

/** Every Lambda's bundled size and cold module init, against the 250 KB / 50 ms budgets. */
export const lambdaSizes: Benchmark = {
  name: 'lambdas',
  async run(ctx) {
    // Bundles live under the project so `@aws-sdk/*` resolves from node_modules, as the runtime provides it.
    mkdirSync(join(ROOT, '.bench'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, '.bench', 'lambdas-'));
    const rows: string[] = [];
    const over: string[] = [];
    try {
      for (const { name, file } of lambdaHandlers()) {
        const out = join(dir, `${name}.js`);
        const { bytes, sdk, contributors } = await bundle(file, out);
        const init = initMs([out]);
        // The runtime provides the AWS SDK but still loads it at init: how much of init is that.
        const sdkInit = sdk.length ? initMs(sdk) : 0;
        const kb = bytes / 1024;
        const ok = kb <= SIZE_BUDGET_KB && init <= INIT_BUDGET_MS;
        rows.push(`| ${name} | ${kb.toFixed(1)} KB | ${init.toFixed(1)} ms | ${sdkInit.toFixed(1)} ms | ${ok ? 'within' : '**over**'} |`);
        ctx.log(`${name}: ${kb.toFixed(1)} KB, init ${init.toFixed(1)} ms (AWS SDK alone ${sdkInit.toFixed(1)} ms)`);
        if (!ok)
          over.push(
            `- **${name}**: ${contributors
              .slice(0, 6)
              .map(([pkg, b]) => `${pkg} ${(b / 1024).toFixed(1)} KB`)
              .join(', ')}`,
          );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return {
      title: 'Lambdas: bundled size and module init',
      markdown: [
        `Each handler bundled as deployed (esbuild, minified CJS, \`@aws-sdk/*\` excluded: the Node 20 runtime provides it); init is \`require()\` of the bundle in a fresh Node process, median of 5; "AWS SDK alone" is \`require()\` of just the \`@aws-sdk/*\` modules that bundle imports, in another fresh process (the part of init no bundling choice removes). Budgets: ${SIZE_BUDGET_KB} KB and ${INIT_BUDGET_MS} ms.`,
        '',
        '| Lambda | bundle | init | AWS SDK alone | budget |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
        '',
        ...(over.length ? ['Largest contributors of those over budget:', '', ...over] : ['Every Lambda is within budget.']),
      ].join('\n'),
    };
  },
};
