import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Benchmark, GoalFigure } from './context';
import { percentile } from './load';

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

const ROOT = join(__dirname, '..', '..');
const SIZE_BUDGET_KB = 250;
// The bundle's own code (parse, schemas, entities); the AWS SDK's share is the runtime's and shows beside it.
const OWN_INIT_BUDGET_MS = 30;

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

/** Bundles one Lambda as serverless-esbuild does (serverless.yml custom.esbuild: minified UTF-8 CJS for nodejs22.x, AWS SDK left to the runtime). */
async function bundle(file: string, outfile: string) {
  const result = await build({
    entryPoints: [join(ROOT, file)],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    charset: 'utf8',
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
  return { bytes: output.bytes, contributors: [...byPackage.entries()].sort((a, b) => b[1] - a[1]) };
}

/**
 * The function zips `npm run package` builds (the prod stage, offline): each one's size and whether a source map
 * is inside (the file names, read from the zip's central directory).
 */
function packagedZips(): Map<string, { bytes: number; maps: number }> {
  const r = spawnSync('npm', ['run', '-s', 'package'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed: ${r.stderr || r.stdout}`);
  const zips = new Map<string, { bytes: number; maps: number }>();
  for (const { name } of lambdaHandlers()) {
    const zip = readFileSync(join(ROOT, '.serverless', `${name}.zip`));
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let at = zip.readUInt32LE(end + 16);
    let maps = 0;
    for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
      const nameLength = zip.readUInt16LE(at + 28);
      const fileName = zip.toString('utf8', at + 46, at + 46 + nameLength);
      if (fileName.endsWith('.map')) maps++;
      at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    zips.set(name, { bytes: zip.length, maps });
  }
  return zips;
}

/** Wall time of an empty Node process here, median of 5: the floor under every cold start on this machine. */
function nodeStartMs(): number {
  return median(
    Array.from({ length: 5 }, () => {
      const t = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      return performance.now() - t;
    }),
  );
}

const LAMBDA_ENV = {
  ...process.env,
  STAGE: 'local',
  TABLE_NAME: 'bench',
  MEDIA_BUCKET: 'bench',
  WECHAT_APPID: 'wx-bench',
  AWS_REGION: 'cn-north-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Runs a script in a fresh Node process (from the project root, so `@aws-sdk/*` resolves) and returns its stdout. */
function fresh(script: string): string {
  const r = spawnSync(process.execPath, ['-e', script], { env: LAMBDA_ENV, encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0) throw new Error(`a Lambda failed to load: ${r.stderr}`);
  return r.stdout;
}

const clock = 'const ms=(t)=>Number(process.hrtime.bigint()-t)/1e6;';

/**
 * A bundle's cold init, split the way it is spent, each the median of `runs` fresh processes:
 * - whole: `require()` of the bundle;
 * - sdk: `require()` of just the `@aws-sdk/*` packages that bundle loads at init (found by loading it once
 *   and reading the module cache, so SDK clients loaded lazily on first use are not counted);
 * - own: the bundle's own code, `require()`d after those packages in the same process.
 */
function initMs(bundle: string, runs = 5): { whole: number; sdk: number; own: number; sdkPackages: string[] } {
  const sdkPackages = JSON.parse(
    fresh(
      `require(${JSON.stringify(bundle)});const s=new Set();for(const k of Object.keys(require.cache)){const p=k.split('node_modules/@aws-sdk/')[1];if(p)s.add('@aws-sdk/'+p.split('/')[0]);}process.stdout.write(JSON.stringify([...s]))`,
    ),
  ) as string[];
  const loadSdk = sdkPackages.map((m) => `require(${JSON.stringify(m)});`).join('');
  const whole: number[] = [];
  const sdk: number[] = [];
  const own: number[] = [];
  for (let i = 0; i < runs; i++) {
    whole.push(
      Number(
        fresh(
          `${clock}const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(ms(t)))`,
        ),
      ),
    );
    const [s, o] = JSON.parse(
      fresh(
        `${clock}let t=process.hrtime.bigint();${loadSdk}const s=ms(t);t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(JSON.stringify([s,ms(t)]))`,
      ),
    ) as [number, number];
    sdk.push(s);
    own.push(o);
  }
  return { whole: median(whole), sdk: median(sdk), own: median(own), sdkPackages };
}

/** Every Lambda's bundled size and cold module init, against the 250 KB / 30 ms (own code) budgets. */
export const lambdaSizes: Benchmark = {
  name: 'lambdas',
  withFanOut: true,
  async run(ctx) {
    // Bundles live under the project so `@aws-sdk/*` resolves from node_modules, as the runtime provides it.
    mkdirSync(join(ROOT, '.bench'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, '.bench', 'lambdas-'));
    const rows: string[] = [];
    const over: string[] = [];
    const measured: { name: string; kb: number; own: number; zipMaps: boolean }[] = [];
    const zips = packagedZips();
    try {
      for (const { name, file } of lambdaHandlers()) {
        const out = join(dir, `${name}.js`);
        const { bytes, contributors } = await bundle(file, out);
        const init = initMs(out);
        const kb = bytes / 1024;
        const sizeOk = kb <= SIZE_BUDGET_KB;
        const initOk = init.own <= OWN_INIT_BUDGET_MS;
        const verdict = (ok: boolean) => (ok ? 'within' : '**over**');
        // The clients by name; their dependencies (core, credential providers, codecs) load with them.
        const sdkNames =
          init.sdkPackages
            .filter((p) => /\/(client|lib)-/.test(p))
            .map((p) => p.replace('@aws-sdk/', ''))
            .join(', ') || 'none';
        const zip = zips.get(name)!;
        measured.push({ name, kb, own: init.own, zipMaps: !!zip.maps });
        rows.push(
          `| ${name} | ${kb.toFixed(1)} KB | ${verdict(sizeOk)} | ${(zip.bytes / 1024).toFixed(1)} KB${zip.maps ? ' **with map**' : ''} | ${init.whole.toFixed(1)} ms | ${init.sdk.toFixed(1)} ms (${sdkNames}) | ${init.own.toFixed(1)} ms | ${verdict(initOk)} |`,
        );
        ctx.log(
          `${name}: ${kb.toFixed(1)} KB, init ${init.whole.toFixed(1)} ms (AWS SDK ${init.sdk.toFixed(1)} ms, own code ${init.own.toFixed(1)} ms)`,
        );
        if (!sizeOk)
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
        `Each handler bundled as deployed (esbuild, minified CJS, \`@aws-sdk/*\` excluded: the nodejs22.x runtime provides it). Init is \`require()\` of the bundle in a fresh Node process, median of 5. It is split into the AWS SDK packages the bundle loads at init (timed alone in a fresh process; S3 and SSM clients are loaded on first use, so only the requests that need them pay) and the bundle's own code (timed with those packages already loaded: parsing the bundle, building schemas and entities). The deployed zip is what \`npm run package\` (prod stage, offline) wrote to \`.serverless/\`, in the same run: the bundle only, its source map kept in \`.serverless/sourcemaps/\` (\`npm run stacktrace\` reads it). An empty \`node -e 0\` takes ${nodeStartMs().toFixed(0)} ms on this machine, for scale. Budgets: ${SIZE_BUDGET_KB} KB, and ${OWN_INIT_BUDGET_MS} ms for the bundle's own code.`,
        '',
        '| Lambda | bundle | size budget | deployed zip | init | of which AWS SDK (packages) | own code | own-code budget |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
        '',
        ...(over.length
          ? ['Largest contributors to the size of those over the size budget:', '', ...over]
          : ['Every Lambda is within the size budget.']),
      ].join('\n'),
      goals: lambdaGoals(measured),
    };
  },
};

/** Issue 19's Lambda rows: the largest bundle, the slowest own-code init, and zips that carry a map. */
function lambdaGoals(measured: { name: string; kb: number; own: number; zipMaps: boolean }[]): GoalFigure[] {
  const largest = [...measured].sort((a, b) => b.kb - a.kb)[0];
  const slowest = [...measured].sort((a, b) => b.own - a.own)[0];
  if (!largest || !slowest) return [];
  const overSize = measured.filter((m) => m.kb > SIZE_BUDGET_KB).map((m) => `${m.name} ${m.kb.toFixed(1)} KB`);
  const overInit = measured
    .filter((m) => m.own > OWN_INIT_BUDGET_MS)
    .sort((a, b) => b.own - a.own)
    .map((m) => `${m.name} ${m.own.toFixed(1)} ms`);
  return [
    {
      measure: `largest Lambda bundle (of ${measured.length})`,
      value: largest.kb,
      goal: SIZE_BUDGET_KB,
      kind: 'atMost',
      unit: 'KB',
      baseline: `${largest.name}; esbuild as deployed, minified, \`@aws-sdk/*\` external (section "Lambdas" above)`,
      why: overSize.length ? `over: ${overSize.join(', ')}.` : undefined,
    },
    {
      measure: `slowest own-code init (median of 5, of ${measured.length})`,
      value: slowest.own,
      goal: OWN_INIT_BUDGET_MS,
      kind: 'atMost',
      unit: 'ms',
      baseline: `${slowest.name}; \`require()\` of the bundle in a fresh Node process with the AWS SDK already loaded (section "Lambdas" above)`,
      why: overInit.length
        ? `${overInit.length} of ${measured.length} over: ${overInit.join(', ')}. What remains at load is parsing the bundle (dynamodb-toolbox alone is ~100 KB) and building every route's zod/mini schemas and every entity's schema.`
        : undefined,
    },
    {
      measure: 'deployed zips carrying a source map',
      value: measured.filter((m) => m.zipMaps).length,
      goal: 0,
      kind: 'atMost',
      unit: 'zips',
      baseline: '`npm run package` (prod stage) in the same run; maps kept in `.serverless/sourcemaps/`',
    },
  ];
}
