import { readFileSync } from 'node:fs';
import { API, buildingIdOf, PRIVACY_GUIDELINE, type RouteContract } from '@linli/shared';
import { DEMO_COMMUNITY_ID as C } from '../../devstack/seed/personas';
import type { BenchContext, Benchmark } from './context';
import { ms, percentile } from './load';

/**
 * The soak: a day's mix of residents and staff at moderate load for LINLI_SOAK_MINUTES (default 10),
 * while the API process's resident memory is sampled. Passes when no request errs (5xx or no answer)
 * and memory after warm-up stays flat (its trend over the run is under 1 MB per minute).
 */
const MINUTES = Number(process.env.LINLI_SOAK_MINUTES ?? 10);
const WARM_UP_SECONDS = 60;
const SAMPLE_EVERY_MS = 10_000;
/** Moderate: about what a community of 3,500 households puts on the API at a busy hour, from 8 clients. */
const TARGET_PER_SECOND = 20;
const CLIENTS = 8;
const FLAT_MB_PER_MINUTE = 1;

/** The API process's resident set (serverless-offline runs every Lambda in its own process here). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den ? num / den : 0;
}

type Step = { label: string; contract: RouteContract; req: () => Parameters<BenchContext['call']>[1] };

export const soakBenchmark: Benchmark = {
  name: 'soak',
  async run(ctx) {
    if (!ctx.apiPid) throw new Error('the soak needs the API process id');
    const [wang, li, liu, sun] = await Promise.all((['wang', 'li', 'liu', 'sun'] as const).map((p) => ctx.signIn(p)));
    const community = { communityId: C };
    let n = 0;
    // Reads dominate a community's day; every tenth request is a write that goes through the whole
    // pipeline (a request raised, which also writes its timeline, counters and notification intents).
    const steps: Step[] = [
      { label: 'GET /me', contract: API.identity.getMe, req: () => ({ token: wang }) },
      { label: 'community requests', contract: API.grievances.listCommunity, req: () => ({ token: wang, params: community }) },
      { label: 'activities', contract: API.volunteer.listActivities, req: () => ({ token: li, params: community }) },
      { label: 'topics', contract: API.agora.listTopics, req: () => ({ token: wang, params: community }) },
      { label: 'inbox', contract: API.notifications.listInbox, req: () => ({ token: li }) },
      { label: 'unread count', contract: API.notifications.unreadCount, req: () => ({ token: wang }) },
      { label: 'wallet', contract: API.timebank.wallet, req: () => ({ token: li, params: community }) },
      { label: 'handler queue', contract: API.grievances.listQueue, req: () => ({ token: liu, params: community }) },
      { label: 'dashboard', contract: API.grievances.dashboard, req: () => ({ token: sun, params: community }) },
      {
        label: 'raise a request (write)',
        contract: API.grievances.submit,
        req: () => ({
          token: li,
          params: community,
          body: { clientRequestId: `soak${Date.now().toString(36)}${(n++).toString(36)}`, category: 'sanitation', description: '长稳测试：垃圾桶满了', location: { kind: 'building', buildingId: buildingIdOf(C, '5栋') }, visibility: 'private' },
        }),
      },
    ];
    // Privacy consent is a plain idempotent write on the hot path of every sign-in.
    steps.push({ label: 'privacy consent (write)', contract: API.identity.acceptPrivacy, req: () => ({ token: wang, body: { version: PRIVACY_GUIDELINE.version } }) });

    const latencies = new Map<string, number[]>(steps.map((s) => [s.label, []]));
    const statuses: Record<number, number> = {};
    let errors = 0;
    let requests = 0;
    const memory: [number, number][] = [];
    const started = performance.now();
    const endsAt = started + MINUTES * 60_000;
    const elapsedS = () => (performance.now() - started) / 1000;
    memory.push([0, rssMb(ctx.apiPid)]);
    const sampler = setInterval(() => {
      memory.push([elapsedS(), rssMb(ctx.apiPid as number)]);
      const last = memory.at(-1) as [number, number];
      ctx.log(`${(last[0] / 60).toFixed(1)} min: ${requests} requests, ${errors} errors, API RSS ${last[1].toFixed(0)} MB`);
    }, SAMPLE_EVERY_MS);
    // Each client paces itself so that together they hold TARGET_PER_SECOND.
    const interval = (1000 * CLIENTS) / TARGET_PER_SECOND;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        let i = client;
        while (performance.now() < endsAt) {
          const step = steps[i++ % steps.length] as Step;
          const t0 = performance.now();
          let status = 0;
          try {
            status = (await ctx.call(step.contract, step.req())).status;
          } catch {
            status = 0;
          }
          const took = performance.now() - t0;
          latencies.get(step.label)?.push(took);
          statuses[status] = (statuses[status] ?? 0) + 1;
          requests++;
          if (status === 0 || status >= 500) errors++;
          if (took < interval) await new Promise((r) => setTimeout(r, interval - took));
        }
      }),
    );
    clearInterval(sampler);
    memory.push([elapsedS(), rssMb(ctx.apiPid)]);
    const seconds = elapsedS();
    const steady = memory.filter(([t]) => t >= WARM_UP_SECONDS);
    const rssValues = steady.map(([, v]) => v);
    // RSS saw-tooths with garbage collection (±60 MB here); a leak shows in the floor it returns to, so the
    // trend is taken over each minute's lowest sample, not over every sample.
    const floors = new Map<number, [number, number]>();
    for (const [t, v] of steady) {
      const minute = Math.floor(t / 60);
      const seen = floors.get(minute);
      if (!seen || v < seen[1]) floors.set(minute, [t, v]);
    }
    const floorSeries = [...floors.values()];
    const trend = slope(floorSeries) * 60;
    const flat = trend < FLAT_MB_PER_MINUTE;
    const rows = steps.map((s) => {
      const l = (latencies.get(s.label) as number[]).sort((a, b) => a - b);
      return `| ${s.label} | ${l.length} | ${ms(percentile(l, 50))} | ${ms(percentile(l, 99))} |`;
    });
    ctx.log(`soak: ${requests} requests in ${seconds.toFixed(0)} s, ${errors} errors, RSS floor trend ${trend.toFixed(2)} MB/min`);
    return {
      title: 'Soak: errors and API memory under a steady mix',
      markdown: [
        `${MINUTES} minutes (\`npm run bench -- soak\` runs only this; \`LINLI_SOAK_MINUTES\` changes the length): ${CLIENTS} clients hold about ${TARGET_PER_SECOND} requests/s of a community's mix ` +
          `(reads, 1 in ${steps.length} a new request raised through the whole pipeline, 1 in ${steps.length} a privacy consent) while the API process's resident memory is sampled every ${SAMPLE_EVERY_MS / 1000} s. ` +
          `Memory is judged after a ${WARM_UP_SECONDS} s warm-up (bundles loaded, caches filled): flat means the trend of each minute's lowest sample (where garbage collection brings it back to) is under ${FLAT_MB_PER_MINUTE} MB per minute.`,
        '',
        '| figure | value |',
        '| --- | --- |',
        `| requests | ${requests} in ${seconds.toFixed(0)} s (${(requests / seconds).toFixed(1)}/s) |`,
        `| errors (5xx or no answer) | **${errors}** (${((100 * errors) / Math.max(1, requests)).toFixed(3)} %) |`,
        `| statuses | ${Object.entries(statuses).map(([s, c]) => `${s}: ${c}`).join(', ')} |`,
        `| API RSS at start → after warm-up → end | ${memory[0]?.[1].toFixed(0)} → ${rssValues[0]?.toFixed(0)} → ${rssValues.at(-1)?.toFixed(0)} MB (min ${Math.min(...rssValues).toFixed(0)}, max ${Math.max(...rssValues).toFixed(0)}) |`,
        `| each minute's floor after warm-up | ${floorSeries.map(([, v]) => v.toFixed(0)).join(' → ')} MB |`,
        `| trend of the floor | ${trend.toFixed(2)} MB/min: **${flat ? 'flat' : 'growing'}** |`,
        '',
        '| route | requests | p50 | p99 |',
        '| --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    };
  },
};
