/**
 * Summarises V8 CPU profiles (`node --cpu-prof`) of the API process by package: where the handler's
 * CPU goes. The Lambdas run as esbuild bundles, so each sample's position is mapped back through the
 * bundle's source map to the file it came from (dynamodb-toolbox, zod, jose, our own folders…).
 *
 * `npx tsx scripts/bench/profile.ts <file.cpuprofile | folder> …` prints the table; benchmarks call
 * `summariseProfiles` when run with LINLI_BENCH_CPU_PROFILE set.
 */
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = join(__dirname, '..', '..');

/** The package (or our own folder) a source path belongs to. */
export function packageOf(path: string): string {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? path);
    return name.startsWith('@aws-sdk/') || name.startsWith('@smithy/') ? `AWS SDK (${name})` : name;
  }
  const own = /(functions\/src|shared\/src)\/([^/]+)/.exec(path);
  if (own) return `${own[1]}/${own[2]}`;
  return path;
}

const maps = new Map<string, TraceMap | null>();
/** Where the bundles' maps were kept when the profile was taken (a later build rewrites .esbuild). */
let keptMaps: string | undefined;
function mapFor(file: string): TraceMap | null {
  if (!maps.has(file)) {
    const kept = keptMaps && join(keptMaps, `${relative(ROOT, file)}.map`);
    const mapFile = kept && existsSync(kept) ? kept : `${file}.map`;
    maps.set(file, existsSync(mapFile) ? new TraceMap(readFileSync(mapFile, 'utf8')) : null);
  }
  return maps.get(file) ?? null;
}

/** Copies the Lambda bundles' source maps next to the profiles, so they can be read after a rebuild. */
export function keepMaps(profileDir: string): void {
  const build = join(ROOT, '.esbuild', '.build');
  if (!existsSync(build)) return;
  cpSync(build, join(profileDir, 'maps', '.esbuild', '.build'), {
    recursive: true,
    filter: (src) => statSync(src).isDirectory() || src.endsWith('.map'),
  });
}

function sourceOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(program)') return '(program: V8 and native)';
    return `(native) ${functionName}`;
  }
  if (url.startsWith('node:')) return 'Node.js core';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const map = file.includes('/.esbuild/') ? mapFor(file) : null;
  if (map) {
    const pos = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
    if (pos.source) return packageOf(pos.source);
  }
  return packageOf(relative(ROOT, file));
}

/** `node --cpu-prof`'s default sampling interval. */
const SAMPLE_MS = 1;

/**
 * CPU time (ms) per package over one or more profiles, idle excluded: samples × the sampling interval.
 * Not the sum of the samples' time deltas: a process that is paused (the benchmarks stop the worker) or
 * waits for a core on a crowded machine takes no samples meanwhile, and the next sample's delta would
 * charge all that time to whatever runs then.
 */
export function selfTimeByPackage(files: string[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const file of files) {
    // <dir>/api/*.cpuprofile: the maps kept for <dir> are in <dir>/maps.
    const kept = join(dirname(dirname(file)), 'maps');
    keptMaps = existsSync(kept) ? kept : undefined;
    maps.clear();
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const owner = new Map<number, string>(profile.nodes.map((n) => [n.id, sourceOf(n.callFrame)]));
    // LINLI_PROFILE_WEIGHT=deltas weighs each sample by its time delta instead (what Chrome's tools show).
    const byDeltas = process.env.LINLI_PROFILE_WEIGHT === 'deltas';
    profile.samples.forEach((id, i) => {
      const pkg = owner.get(id) ?? '?';
      total.set(pkg, (total.get(pkg) ?? 0) + (byDeltas ? (profile.timeDeltas[i] ?? 0) / 1000 : SAMPLE_MS));
    });
  }
  total.delete('(idle)');
  return total;
}

/** Groups the AWS SDK's packages into one line (with its largest parts named) and ranks the rest. */
export function summariseProfiles(files: string[], top = 12): string[] {
  const byPackage = selfTimeByPackage(files);
  const sum = [...byPackage.values()].reduce((a, b) => a + b, 0);
  const sdk = [...byPackage].filter(([k]) => k.startsWith('AWS SDK'));
  const rows = [...byPackage].filter(([k]) => !k.startsWith('AWS SDK'));
  const sdkMs = sdk.reduce((a, [, v]) => a + v, 0);
  const sdkParts = sdk
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `${k.slice(9, -1)} ${((100 * v) / sum).toFixed(0)} %`)
    .join(', ');
  rows.push([`AWS SDK (${sdkParts})`, sdkMs]);
  return rows
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `| ${k} | ${(v / 1000).toFixed(1)} s | ${((100 * v) / sum).toFixed(1)} % |`)
    .concat([`| total (idle excluded) | ${(sum / 1000).toFixed(1)} s | 100 % |`]);
}

/** Where a frame's code came from: `package · function (file:line)`, mapped through the bundles' maps. */
function frameOf(frame: ProfileNode['callFrame']): string {
  const pkg = sourceOf(frame);
  const file = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  const map = file.includes('/.esbuild/') ? mapFor(file) : null;
  const pos = map ? originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber }) : undefined;
  const where = pos?.source
    ? `${pos.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '')}:${pos.line}`
    : `${relative(ROOT, file)}:${frame.lineNumber + 1}`;
  return `${pkg} · ${frame.functionName || '(anonymous)'} (${where})`;
}

/**
 * The functions that cost most, self and inclusive (the function and what it called), in samples of
 * 1 ms: what the package table cannot say (which of our calls into a library is the expensive one).
 */
export function topFunctions(files: string[], top = 30): string[] {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const kept = join(dirname(dirname(file)), 'maps');
    keptMaps = existsSync(kept) ? kept : undefined;
    maps.clear();
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const key = new Map<number, string>();
    for (const n of profile.nodes) key.set(n.id, n.callFrame.url ? frameOf(n.callFrame) : sourceOf(n.callFrame));
    for (const id of profile.samples) {
      const own = key.get(id) ?? '?';
      if (own === '(idle)') continue;
      total++;
      self.set(own, (self.get(own) ?? 0) + 1);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const k = key.get(at) ?? '?';
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + 1);
      }
    }
  }
  const rank = (m: Map<string, number>, title: string) => [
    `| ${title} | ms | share |`,
    '| --- | --- | --- |',
    ...[...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `| ${k.replace(/\|/g, '\\|')} | ${v} | ${((100 * v) / total).toFixed(1)} % |`),
  ];
  return [...rank(self, 'self'), '', ...rank(inclusive, 'inclusive')];
}

export function profilesIn(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => f.endsWith('.cpuprofile'))
          .map((f) => join(p, f))
      : [p],
  );
}

if (require.main === module) {
  const files = profilesIn(process.argv.slice(2));
  if (!files.length) {
    console.error('usage: tsx scripts/bench/profile.ts <file.cpuprofile | folder> …');
    process.exit(2);
  }
  console.log(['| package | CPU | share |', '| --- | --- | --- |', ...summariseProfiles(files)].join('\n'));
}
