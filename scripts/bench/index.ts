/**
 * `npm run bench`: starts the local stack (in memory, rate limits off), measures raw DynamoDB Local
 * throughput, runs every benchmark in BENCHMARKS, and writes docs/BENCHMARKS.md.
 * `npm run bench -- <name> …` runs some. Figures are ratios to the baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { startStack } from '../../devstack/stack';
import { call, signIn } from '../../functions/test/api/http';
import { measureBaseline } from './baseline';
import type { BenchContext, Benchmark, BenchReport } from './context';
import { BENCHMARKS } from './registry';

async function main() {
  const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected: Benchmark[] = chosen.length ? BENCHMARKS.filter((b) => chosen.includes(b.name)) : BENCHMARKS;
  // The mini-program and Lighthouse benchmarks load the H5 production build: build it first (skipped when up to date).
  const withH5 = selected.some((b) => b.name === 'miniapp' || b.name === 'lighthouse');
  if (
    withH5 &&
    spawnSync(process.execPath, [join(__dirname, '..', 'build-h5-e2e.mjs')], { stdio: 'inherit' }).status !== 0
  )
    throw new Error('H5 build failed');
  console.log('Starting the local stack for benchmarks…');
  const stack = await startStack({
    ports: 'free',
    h5: withH5 ? 'static' : 'none',
    lambdaEnv: { RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_SIGN_IN_PER_MINUTE: '0' },
    memoryProbe: selected.some((b) => b.name === 'soak'),
  });
  process.env.LINLI_TEST_API = stack.urls.api;
  process.env.LINLI_TEST_WECHAT = stack.urls.wechat;
  const reports: BenchReport[] = [];
  try {
    const baseline = await measureBaseline(stack.urls.dynamo, stack.tableName);
    console.log(
      `Baseline: ${baseline.putsPerSecond.toFixed(0)} puts/s, ${baseline.getsPerSecond.toFixed(0)} gets/s, ${baseline.transactionsPerSecond.toFixed(0)} transactions/s`,
    );
    const ctx: BenchContext = {
      urls: stack.urls,
      signIn,
      call: call as BenchContext['call'],
      baseline,
      log: (line) => console.log(`  ${line}`),
      apiPid: stack.apiPid,
    };
    reports.push({
      title: 'Baseline: raw DynamoDB Local on this machine',
      markdown: [
        '| operation (50 in flight) | per second |',
        '| --- | --- |',
        `| PutItem | ${baseline.putsPerSecond.toFixed(0)} |`,
        `| GetItem (consistent) | ${baseline.getsPerSecond.toFixed(0)} |`,
        `| TransactWriteItems (2 items, one conditional) | ${baseline.transactionsPerSecond.toFixed(0)} |`,
      ].join('\n'),
    });
    for (const bench of selected) {
      console.log(`\n▶ ${bench.name}`);
      reports.push(await bench.run(ctx));
    }
  } finally {
    await stack.stop();
  }
  const doc = [
    '# Benchmarks',
    '',
    `Produced by \`npm run bench${chosen.length ? ` -- ${chosen.join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 10)}, ` +
      `${cpus().length} cores, Node ${process.version}, against the local stack (serverless-offline + DynamoDB Local in memory).`,
    'These machines are shared and noisy: compare ratios to the baseline measured in the same run, not absolute numbers across runs.',
    '',
    ...reports.flatMap((r) => [`## ${r.title}`, '', r.markdown, '']),
  ].join('\n');
  const file = join(__dirname, '..', '..', 'docs', 'BENCHMARKS.md');
  if (!chosen.length) writeFileSync(file, doc);
  else if (existsSync(file)) writeFileSync(file, withSections(readFileSync(file, 'utf8'), reports.slice(1)));
  console.log(`\n${doc}`);
}

/**
 * `npm run bench -- <name>` refreshes only its own sections of docs/BENCHMARKS.md (matched by title,
 * appended when new) and says which run produced them; the rest of the file is left as it was.
 */
function withSections(doc: string, reports: BenchReport[]): string {
  const parts = doc.split(/^(?=## )/m);
  const stamp = (r: BenchReport) =>
    `## ${r.title}\n\n_Refreshed on its own by \`npm run bench -- ${process.argv.slice(2).join(' ')}\` on ${new Date().toISOString().slice(0, 10)}; ratios to the baseline above are from the full run._\n\n${r.markdown}\n\n`;
  for (const r of reports) {
    const i = parts.findIndex((p) => p.startsWith(`## ${r.title}\n`));
    if (i >= 0) parts[i] = stamp(r);
    else parts.push(stamp(r));
  }
  return parts.join('');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
