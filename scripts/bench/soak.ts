import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, buildingIdOf, MINUTE_MS, PRIVACY_GUIDELINE, type RouteContract } from '@linli/shared';
import { DEMO_COMMUNITY_ID as C, persona, type PersonaKey } from '../../devstack/seed/personas';
import { call, loginCode } from '../../functions/test/api/http';
import type { BenchContext, Benchmark } from './context';
import { ms, percentile } from './load';

/**
 * The soak: a day's mix of residents and staff at moderate load for LINLI_SOAK_MINUTES (default 10),
 * while the API process's memory is sampled. Sessions are kept the way the mini-program keeps them: an
 * access token lives 15 minutes, and a 401 is answered by refreshing the session once and retrying.
 * Passes when every request succeeds (any answer but 2xx after that, or none, is an error) and the
 * memory it still holds after a full garbage collection stays flat after warm-up (the trend of each
 * minute's floor is under 1 MB/min).
 */
const MINUTES = Number(process.env.LINLI_SOAK_MINUTES ?? 10);
// Measured with heap snapshots 1 and 5 minutes in: for about 3 minutes the live heap still grows by JIT
// code and by Lambda bundles first loaded when their schedule or stream fires, then it levels off.
const WARM_UP_SECONDS = 180;
const SAMPLE_EVERY_MS = 10_000;
/** Moderate: about what a community of 3,500 households puts on the API at a busy hour, from 8 clients. */
const TARGET_PER_SECOND = 20;
const CLIENTS = 8;
const FLAT_MB_PER_MINUTE = 1;
/** After the load: long enough for the dispatcher to drain what the last minutes raised (at 250 ms stream polls). */
const SETTLE_SECONDS = 60;

/** The API process's resident set (serverless-offline runs every Lambda in this one process here). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

/**
 * What the API process still holds after a full garbage collection (MB of V8 heap plus buffers),
 * from devstack/memoryProbe.cjs: signalled, it collects and appends a line to its file.
 */
async function liveHeapMb(pid: number): Promise<number> {
  const file = join(tmpdir(), `linli-memory-${pid}.jsonl`);
  const lines = () => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : []);
  const before = lines().length;
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 10_000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    const now = lines();
    if (now.length > before) {
      const m = JSON.parse(now.at(-1) as string) as { heapUsed: number; external: number };
      return (m.heapUsed + m.external) / 2 ** 20;
    }
  }
  throw new Error('the API process did not answer the memory probe');
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

/** One kind of request in the mix: whose session sends it, and what it sends besides the token. */
type Step = {
  label: string;
  contract: RouteContract;
  who: Session;
  req?: () => Omit<NonNullable<Parameters<BenchContext['call']>[1]>, 'token'>;
};

/** A persona's session as the app holds it: signed in through WeChat, refreshed when the API answers 401. */
class Session {
  private access = '';
  private refresh = '';
  private refreshing?: Promise<void>;
  refreshes = 0;
  private constructor(private readonly key: PersonaKey) {}

  static async start(key: PersonaKey): Promise<Session> {
    const session = new Session(key);
    const res = await call(API.identity.signInWithWeChat, { body: { code: await loginCode(persona(key).openid) } });
    if (res.status !== 200) throw new Error(`sign-in as ${key} failed: ${res.status}`);
    session.keep(res.body);
    return session;
  }

  get token(): string {
    return this.access;
  }

  /** One refresh at a time, shared by every client that saw the 401 (the app does the same). */
  renew(): Promise<void> {
    this.refreshing ??= (async () => {
      const res = await call(API.identity.refreshSession, { body: { refreshToken: this.refresh } });
      if (res.status !== 200) throw new Error(`refreshing ${this.key}'s session failed: ${res.status}`);
      this.keep(res.body);
      this.refreshes++;
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private keep(body: { accessToken: string; refreshToken: string }) {
    this.access = body.accessToken;
    this.refresh = body.refreshToken;
  }
}

export const soakBenchmark: Benchmark = {
  name: 'soak',
  withFanOut: true,
  async run(ctx) {
    const pid = ctx.apiPid;
    // The probe answers SIGUSR2; without it the signal would end the process.
    if (!pid || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('memoryProbe.cjs'))
      throw new Error('the soak needs the API process started with devstack/memoryProbe.cjs');
    const sessions = await Promise.all((['wang', 'li', 'liu', 'sun'] as const).map((p) => Session.start(p)));
    const [wang, li, liu, sun] = sessions as [Session, Session, Session, Session];
    const community = { communityId: C };
    let n = 0;
    // Reads dominate a community's day; every tenth request is a write that goes through the whole
    // pipeline (a request raised, which also writes its timeline, counters and notification intents).
    const steps: Step[] = [
      { label: 'GET /me', contract: API.identity.getMe, who: wang },
      {
        label: 'community requests',
        contract: API.grievances.listCommunity,
        who: wang,
        req: () => ({ params: community }),
      },
      { label: 'activities', contract: API.volunteer.listActivities, who: li, req: () => ({ params: community }) },
      { label: 'topics', contract: API.agora.listTopics, who: wang, req: () => ({ params: community }) },
      { label: 'inbox', contract: API.notifications.listInbox, who: li },
      { label: 'unread count', contract: API.notifications.unreadCount, who: wang },
      { label: 'wallet', contract: API.timebank.wallet, who: li, req: () => ({ params: community }) },
      { label: 'handler queue', contract: API.grievances.listQueue, who: liu, req: () => ({ params: community }) },
      { label: 'dashboard', contract: API.grievanceOversight.dashboard, who: sun, req: () => ({ params: community }) },
      {
        label: 'raise a request (write)',
        contract: API.grievances.submit,
        who: li,
        req: () => ({
          params: community,
          body: {
            clientRequestId: `soak${Date.now().toString(36)}${(n++).toString(36)}`,
            category: 'sanitation',
            description: '长稳测试：垃圾桶满了',
            location: { kind: 'building', buildingId: buildingIdOf(C, '5栋') },
            visibility: 'private',
          },
        }),
      },
    ];
    // Privacy consent is a plain idempotent write on the hot path of every sign-in.
    steps.push({
      label: 'privacy consent (write)',
      contract: API.identity.acceptPrivacy,
      who: wang,
      req: () => ({ body: { version: PRIVACY_GUIDELINE.version } }),
    });

    const latencies = new Map<string, number[]>(steps.map((s) => [s.label, []]));
    const statuses: Record<number, number> = {};
    let errors = 0;
    let requests = 0;
    /** [seconds, RSS MB, live MB after a full collection] */
    const memory: [number, number, number][] = [];
    const started = performance.now();
    const endsAt = started + MINUTES * MINUTE_MS;
    const elapsedS = () => (performance.now() - started) / 1000;
    const sample = async () => {
      const live = await liveHeapMb(pid);
      memory.push([elapsedS(), rssMb(pid), live]);
    };
    await sample();
    let sampling = Promise.resolve();
    const sampler = setInterval(() => {
      sampling = sampling.then(sample).then(() => {
        const [t, rss, live] = memory.at(-1) as [number, number, number];
        ctx.log(
          `${(t / 60).toFixed(1)} min: ${requests} requests, ${errors} errors, API RSS ${rss.toFixed(0)} MB, live ${live.toFixed(1)} MB`,
        );
      });
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
            const req = step.req?.(); // once: a retry resends the same body (and idempotency key)
            const send = async () => (await ctx.call(step.contract, { ...req, token: step.who.token })).status;
            status = await send();
            // An access token expired mid-soak: refresh the session once and retry, as the app does.
            if (status === 401) {
              await step.who.renew();
              status = await send();
            }
          } catch {
            status = 0;
          }
          const took = performance.now() - t0;
          latencies.get(step.label)?.push(took);
          statuses[status] = (statuses[status] ?? 0) + 1;
          requests++;
          // The mix only asks what each persona may ask: any answer but 2xx is an error, not just 5xx.
          if (status < 200 || status >= 300) errors++;
          if (took < interval) await new Promise((r) => setTimeout(r, interval - took));
        }
      }),
    );
    clearInterval(sampler);
    await sampling;
    // No trend sample after the load stops: that is when the stream backlog (intents still being dispatched) peaks.
    const seconds = elapsedS();
    // The leak test proper: once the load has stopped and the streams have drained, what is still live
    // after a full collection should come back to the level the warm process started from.
    ctx.log(`load stopped; letting the API idle ${SETTLE_SECONDS} s before the last samples`);
    await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));
    const settled: number[] = [];
    for (let i = 0; i < 3; i++) {
      settled.push(await liveHeapMb(pid));
      await new Promise((r) => setTimeout(r, 5_000));
    }
    const settledMb = Math.min(...settled);
    const steady = memory.filter(([t]) => t >= WARM_UP_SECONDS);
    const rssValues = steady.map(([, rss]) => rss);
    // RSS saw-tooths with garbage collection and stays high once V8 has grown its heap, so it can't tell
    // a leak from a warm process; what is still live after a full collection can. Even that includes the
    // requests in flight and the stream batches being dispatched (±30 MB at this load, measured), so the
    // trend is taken over each minute's floor: a leak raises the level every minute comes back down to.
    const floors = new Map<number, [number, number]>();
    for (const [t, , mb] of steady) {
      const minute = Math.floor(t / 60);
      const seen = floors.get(minute);
      if (!seen || mb < seen[1]) floors.set(minute, [t, mb]);
    }
    const floorSeries = [...floors.values()];
    const trend = slope(floorSeries) * 60;
    const flat = trend < FLAT_MB_PER_MINUTE;
    const liveValues = steady.map(([, , mb]) => mb);
    const rows = steps.map((s) => {
      const l = (latencies.get(s.label) as number[]).sort((a, b) => a - b);
      return `| ${s.label} | ${l.length} | ${ms(percentile(l, 50))} | ${ms(percentile(l, 99))} |`;
    });
    ctx.log(
      `soak: ${requests} requests in ${seconds.toFixed(0)} s, ${errors} errors, live memory trend ${trend.toFixed(2)} MB/min`,
    );
    return {
      title: 'Soak: errors and API memory under a steady mix',
      markdown: [
        `${MINUTES} minutes (\`npm run bench -- soak\` runs only this; \`LINLI_SOAK_MINUTES\` changes the length): ${CLIENTS} clients hold about ${TARGET_PER_SECOND} requests/s of a community's mix ` +
          `(reads, 1 in ${steps.length} a new request raised through the whole pipeline, 1 in ${steps.length} a privacy consent) while the API process's memory is sampled every ${SAMPLE_EVERY_MS / 1000} s. ` +
          `Each sample asks the process (devstack/memoryProbe.cjs, preloaded with \`--expose-gc\` for the benchmarks only) for a full garbage collection and reads what is still live (V8 heap + buffers); ` +
          `after a ${WARM_UP_SECONDS} s warm-up (JIT code compiled, every Lambda's bundle loaded), flat means the trend of each minute's lowest live sample is under ${FLAT_MB_PER_MINUTE} MB per minute (what is live still includes requests in flight and stream batches being dispatched). RSS is shown beside it: it saw-tooths with collections and stays high once V8 has grown its heap, so it can't tell a leak from a warm process.`,
        '',
        '| figure | value |',
        '| --- | --- |',
        `| requests | ${requests} in ${seconds.toFixed(0)} s (${(requests / seconds).toFixed(1)}/s) |`,
        `| errors (any answer but 2xx after a session refresh, or none) | **${errors}** (${((100 * errors) / Math.max(1, requests)).toFixed(3)} %) |`,
        `| session refreshes (access tokens live 15 min) | ${sessions.reduce((sum, s) => sum + s.refreshes, 0)} |`,
        `| statuses | ${Object.entries(statuses)
          .map(([s, c]) => `${s}: ${c}`)
          .join(', ')} |`,
        `| API RSS at start → after warm-up → end | ${memory[0]?.[1].toFixed(0)} → ${rssValues[0]?.toFixed(0)} → ${rssValues.at(-1)?.toFixed(0)} MB (min ${Math.min(...rssValues).toFixed(0)}, max ${Math.max(...rssValues).toFixed(0)}) |`,
        `| live after a full collection, every sample after warm-up | ${Math.min(...liveValues).toFixed(1)}–${Math.max(...liveValues).toFixed(1)} MB |`,
        `| each minute's floor of live memory | ${floorSeries.map(([, v]) => v.toFixed(1)).join(' → ')} MB |`,
        `| trend of the floor | ${trend.toFixed(2)} MB/min: **${flat ? 'flat' : 'growing'}** |`,
        `| live after the load stopped and the API idled ${SETTLE_SECONDS} s | ${settledMb.toFixed(1)} MB (the floor of the first minute after warm-up: ${floorSeries[0]?.[1].toFixed(1)} MB) |`,
        '',
        '| route | requests | p50 | p99 |',
        '| --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    };
  },
};
