// `npm run mutation`: Stryker on the shared domain rules of 议事厅, 时间银行 and 诉求 (stryker.config.mjs),
// then the score per module into docs/BENCHMARKS.md ("Mutation testing" section). CPU-heavy: run it as
// `flock /work/bench.lock npm run mutation` on a shared machine. `npm run mutation -- --report-only` rewrites
// the section from the last report without running Stryker again.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = join(ROOT, '.bench', 'mutation', 'mutation.json');
const BENCHMARKS = join(ROOT, 'docs', 'BENCHMARKS.md');
const TITLE = 'Mutation testing: the shared rules of 议事厅, 时间银行 and 诉求';

type Status = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored';
interface Report {
  files: Record<string, { mutants: { status: Status; mutatorName: string; location: { start: { line: number } } }[] }>;
}

interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
}
const score = (t: Tally) =>
  (100 * (t.killed + t.timeout)) / Math.max(1, t.killed + t.timeout + t.survived + t.noCoverage);

export function tallies(report: Report): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const key = file.replace(/^.*shared\/src\//, '');
    const t = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
    for (const m of mutants) {
      if (m.status === 'Killed') t.killed++;
      else if (m.status === 'Timeout') t.timeout++;
      else if (m.status === 'Survived') t.survived++;
      else if (m.status === 'NoCoverage') t.noCoverage++;
    }
    out.set(key, t);
  }
  return out;
}

function section(report: Report, seconds: number | undefined): string {
  const files = tallies(report);
  const modules = new Map<string, Tally>();
  for (const [file, t] of files) {
    const module = file.split('/')[0]!;
    const m = modules.get(module) ?? { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
    for (const k of Object.keys(t) as (keyof Tally)[]) m[k] += t[k];
    modules.set(module, m);
  }
  const row = (name: string, t: Tally) =>
    t.killed + t.timeout + t.survived + t.noCoverage === 0
      ? `| ${name} | — (nothing to mutate) | 0 | 0 | 0 |`
      : `| ${name} | **${score(t).toFixed(1)} %** | ${t.killed + t.timeout} | ${t.survived} | ${t.noCoverage} |`;
  const all = [...modules.values()].reduce(
    (a, t) => ({
      killed: a.killed + t.killed,
      timeout: a.timeout + t.timeout,
      survived: a.survived + t.survived,
      noCoverage: a.noCoverage + t.noCoverage,
    }),
    { killed: 0, timeout: 0, survived: 0, noCoverage: 0 },
  );
  return [
    `\`npm run mutation\` (Stryker ${strykerVersion()} with the jest runner, \`stryker.config.mjs\`, concurrency ${process.env.STRYKER_CONCURRENCY ?? 2}` +
      `${seconds ? `, ${Math.round(seconds / 60)} min on ${cpus().length} shared cores, load average ${loadavg()[0]!.toFixed(0)} at the end` : ''}): ` +
      'each mutant is one small change to a rule ' +
      '(a comparison, a boundary, a branch, a constant, a removed statement); the shared unit tests must fail for it. ' +
      'Score = killed (incl. timeouts) ÷ all mutants; "no coverage" mutants are in code no shared test runs. ' +
      'Contract files are not mutated (the api tier checks them over HTTP). The HTML report is `.bench/mutation/mutation.html`.',
    '',
    '| module | score | killed | survived | no coverage |',
    '| --- | --- | --- | --- | --- |',
    ...[...modules].map(([name, t]) => row(`\`${name}\``, t)),
    row('all', all),
    '',
    '| file | score | killed | survived | no coverage |',
    '| --- | --- | --- | --- | --- |',
    ...[...files].sort(([a], [b]) => a.localeCompare(b)).map(([name, t]) => row(`\`${name}\``, t)),
  ].join('\n');
}

function strykerVersion(): string {
  const pkg = join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

function writeSection(markdown: string) {
  const doc = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# Benchmarks\n\n';
  const parts = doc.split(/^(?=## )/m);
  const text = `## ${TITLE}\n\n_Refreshed by \`npm run mutation\` on ${new Date().toISOString().slice(0, 10)}._\n\n${markdown}\n\n`;
  const i = parts.findIndex((p) => p.startsWith(`## ${TITLE}\n`));
  if (i >= 0) parts[i] = text;
  else parts.push(text);
  writeFileSync(BENCHMARKS, parts.join(''));
}

function main() {
  let seconds: number | undefined;
  if (!process.argv.includes('--report-only')) {
    const started = Date.now();
    const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'stryker'), ['run'], { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
    seconds = (Date.now() - started) / 1000;
  }
  const markdown = section(JSON.parse(readFileSync(REPORT, 'utf8')) as Report, seconds);
  writeSection(markdown);
  console.log(markdown);
}

main();
