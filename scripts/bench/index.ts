/**
 * `npm run bench`: starts the local stack (in memory, rate limits off), measures raw DynamoDB Local
 * throughput, runs every benchmark in BENCHMARKS, and writes docs/BENCHMARKS.md.
 * `npm run bench -- <name> …` runs some. Figures are ratios to the baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { startStack } from '../../devstack/stack';
import { call, signIn } from '../../functions/test/api/http';
import { measureBaseline, RawDynamo } from './baseline';
import { keepMaps, profilesIn, summariseProfiles } from './profile';
import type { BenchContext, Benchmark, BenchReport, GoalFigure } from './context';
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
    lambdaEnv: {
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '0',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
    },
    // Benchmarks sign in a hundred residents at a time: WeChat's code quota is not what they measure.
    wechatCodesPerMinute: 100_000,
    memoryProbe: selected.some((b) => b.name === 'soak'),
    // LINLI_BENCH_CPU_PROFILE=<folder>: profile the API process (written when it stops, summarised below).
    cpuProfileDir: process.env.LINLI_BENCH_CPU_PROFILE || undefined,
    // The fan-out's calls per recipient are counted on the wire (the API's come from its own header).
    countDynamoCalls: ['worker'],
  });
  process.env.LINLI_TEST_API = stack.urls.api;
  process.env.LINLI_TEST_WECHAT = stack.urls.wechat;
  const reports: BenchReport[] = [];
  // The machine is shared: the 1-minute load average every 5 s says how busy it was (our own processes included).
  const oneMinute = () => loadavg()[0] ?? 0;
  const loads: number[] = [oneMinute()];
  const loadSampler = setInterval(() => loads.push(oneMinute()), 5_000);
  loadSampler.unref();
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
      workerCalls: stack.wireCalls.worker,
      raw: new RawDynamo(stack.urls.dynamo, stack.tableName),
      processes: {
        'bench (client, stand-ins)': process.pid,
        API: stack.apiPid,
        worker: stack.worker.pid,
        'DynamoDB Local': stack.dynamo.process.pid,
      },
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
      console.log(`\n▶ ${bench.name}${bench.withFanOut ? '' : ' (request path: stream consumers paused)'}`);
      if (!bench.withFanOut) stack.worker.pause();
      try {
        reports.push(await bench.run(ctx));
      } finally {
        if (!bench.withFanOut) {
          stack.worker.resume();
          const { awaitStreamCaughtUp } = await import('./notificationsDb');
          console.log(`  (fan-out caught up with the benchmark's writes in ${(await awaitStreamCaughtUp()) / 1000} s)`);
        }
      }
    }
    const goals = reports.flatMap((r) => r.goals ?? []);
    if (goals.length) reports.push(goalsReport(goals, loads));
  } finally {
    clearInterval(loadSampler);
    await stack.stop();
  }
  const profiles = process.env.LINLI_BENCH_CPU_PROFILE;
  if (profiles) {
    keepMaps(profiles);
    const tables = (['api', 'worker'] as const).flatMap((role) => {
      const dir = join(profiles, role);
      const files = existsSync(dir) ? profilesIn([dir]) : [];
      return files.length
        ? [
            `**${role === 'api' ? 'API process' : 'worker process (stream consumers, scheduled jobs)'}**, ${files.length} profile(s):`,
            '',
            '| package | CPU | share |',
            '| --- | --- | --- |',
            ...summariseProfiles(files),
            '',
          ]
        : [];
    });
    reports.push({
      title: 'CPU profiles of this run',
      markdown: [
        "`node --cpu-prof` on both serverless-offline processes for the whole run (`LINLI_BENCH_CPU_PROFILE=<dir>`): CPU by package, counted in samples (1 ms each; a paused or descheduled process takes none), the Lambdas mapped through their bundles' source maps (scripts/bench/profile.ts).",
        '',
        ...tables,
      ].join('\n'),
    });
    console.log(`\n${tables.join('\n')}`);
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

/** The goals of issue 19 that this run measured, each against its goal: met, or how far off. */
function goalsReport(goals: GoalFigure[], loads: number[]): BenchReport {
  const sorted = [...loads].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.floor(q * (sorted.length - 1))] ?? 0).toFixed(1);
  const show = (g: GoalFigure, n: number) =>
    g.unit === '×'
      ? `${n.toFixed(2)}×`
      : g.unit === 'zips'
        ? `${n} ${g.unit}`
        : `${n.toFixed(g.unit === 'calls' ? 2 : 1)} ${g.unit}`;
  const met = (g: GoalFigure) => (g.kind === 'atLeast' ? g.value >= g.goal : g.value <= g.goal);
  const reached = goals.filter(met);
  const missed = goals.filter((g) => !met(g));
  return {
    title: 'Goals (issue 19): the request path and the notice fan-out',
    markdown: [
      `Measured in this run (\`npm run bench -- ${process.argv.slice(2).join(' ') || '(all)'}\`), each beside its raw DynamoDB Local baseline of the same run. Request-path figures are taken with the stream consumers paused; the fan-out with them running.`,
      '',
      `Machine load during the run (1-minute load average, sampled every 5 s, this run's own four processes included, ${cpus().length} cores): median ${at(0.5)}, from ${at(0)} to ${at(1)}. The cores are shared with other helpers' builds and tests: compare the ratios to the raw baseline of the same run, not absolute rates.`,
      '',
      '| measure | measured | goal | | baseline |',
      '| --- | --- | --- | --- | --- |',
      '| DynamoDB calls counted by x-linli-db-ops | equal to the calls on the wire, in every answer | equal | met | a counting proxy between the API process and DynamoDB Local, request by request: functions/test/api/dbOps.test.ts (api tier) |',
      ...goals.map(
        (g) =>
          `| ${g.measure} | ${show(g, g.value)} | ${g.kind === 'atLeast' ? '≥' : '≤'} ${show(g, g.goal)} | ${
            met(g)
              ? 'met'
              : `${g.kind === 'atLeast' ? `${((100 * g.value) / g.goal).toFixed(0)} % of it` : `${show(g, g.value - g.goal)} over`}`
          } | ${g.baseline} |`,
      ),
      '',
      `Met (${reached.length + 1} of ${goals.length + 1}): the call counter; ${reached.map((g) => g.measure).join('; ')}. Not met: ${missed.map((g) => g.measure).join('; ') || 'none'}, each for the reason below.`,
      '',
      ...missed.map((g) => `- **${g.measure}**: ${shortfall(g)}`),
    ].join('\n'),
  };
}

/**
 * Why a ratio falls short, from the CPU each process spent per request: at full load the machine's two cores
 * are the limit, so the ratio can be at most (CPU per raw call) ÷ (CPU per request), whatever the latency.
 */
function shortfall(g: GoalFigure): string {
  const parts: string[] = [];
  if (g.cpu) {
    const sum = (side: Record<string, number>) => Object.values(side).reduce((a, b) => a + b, 0);
    const route = sum(g.cpu.route);
    const raw = sum(g.cpu.raw);
    const diffs = Object.keys(g.cpu.route)
      .map((name) => [name, (g.cpu!.route[name] ?? 0) - (g.cpu!.raw[name] ?? 0)] as const)
      .filter(([, d]) => d > 0.05)
      .sort((a, b) => b[1] - a[1]);
    parts.push(
      `each request cost ${route.toFixed(1)} ms of CPU over all processes against ${raw.toFixed(1)} ms per raw call, so on these two cores the ratio can reach ${(raw / route).toFixed(2)}× at most; the difference is ${diffs.map(([n, d]) => `${n} +${d.toFixed(1)} ms`).join(', ')}.`,
    );
  }
  if (g.why) parts.push(g.why);
  return parts.join(' ') || 'see the benchmark section above.';
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
