import { readFileSync } from 'node:fs';

/** Latency percentiles and throughput of a batch of requests run at a fixed concurrency. */
export interface LoadResult {
  requests: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  statuses: Record<number, number>;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Runs `total` calls of `task(i)` with `concurrency` in flight; each returns an HTTP status.
 * Statuses ≥ 500 (and thrown errors) count as errors.
 */
export async function runLoad(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<number>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        let status = 0;
        try {
          status = await task(i);
        } catch {
          status = 0;
        }
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 0 || status >= 500) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    concurrency,
    seconds,
    perSecond: total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    statuses,
  };
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const rate = (n: number) => `${n.toFixed(0)}/s`;

/**
 * A route's load interleaved with a raw DynamoDB Local load of the same kind: `rounds` times a raw slice
 * then a route slice, so both meet the same moments of a shared machine's load (eight engineers' tests
 * move it by 3× within minutes). The ratio is of the totals. `route(count, offset)` runs requests
 * `offset … offset + count - 1`, so each index is used once.
 */
export async function besideRaw(
  raw: (count: number) => Promise<LoadResult>,
  route: (count: number, offset: number) => Promise<LoadResult>,
  opts: { requests: number; rawRequests?: number; rounds?: number; processes?: Record<string, number | undefined> },
): Promise<{ route: LoadResult; rawPerSecond: number; ratio: number; cpu: CpuPerRequest }> {
  const rounds = opts.rounds ?? 4;
  const rawSlice = Math.ceil((opts.rawRequests ?? opts.requests) / rounds);
  const slices: LoadResult[] = [];
  let rawRequests = 0;
  let rawSeconds = 0;
  const cpu: CpuPerRequest = { raw: {}, route: {} };
  const processes = Object.entries(opts.processes ?? {}).filter((e): e is [string, number] => e[1] !== undefined);
  const measured = async <T>(into: Record<string, number>, run: () => Promise<T>) => {
    const before = processes.map(([, pid]) => processCpuMs(pid));
    const result = await run();
    processes.forEach(([name, pid], i) => (into[name] = (into[name] ?? 0) + processCpuMs(pid) - (before[i] ?? 0)));
    return result;
  };
  for (let r = 0; r < rounds; r++) {
    const from = Math.floor((r * opts.requests) / rounds);
    const to = Math.floor(((r + 1) * opts.requests) / rounds);
    const rawResult = await measured(cpu.raw, () => raw(rawSlice));
    rawRequests += rawResult.requests;
    rawSeconds += rawResult.seconds;
    if (to > from) slices.push(await measured(cpu.route, () => route(to - from, from)));
  }
  const requests = slices.reduce((n, s) => n + s.requests, 0);
  const seconds = slices.reduce((n, s) => n + s.seconds, 0);
  const statuses: Record<number, number> = {};
  for (const s of slices) for (const [k, v] of Object.entries(s.statuses)) statuses[+k] = (statuses[+k] ?? 0) + v;
  const byP50 = [...slices].sort((a, b) => a.p50 - b.p50);
  const combined: LoadResult = {
    requests,
    concurrency: slices[0]?.concurrency ?? 0,
    seconds,
    perSecond: requests / seconds,
    p50: byP50[Math.floor(byP50.length / 2)]?.p50 ?? 0,
    p99: Math.max(...slices.map((s) => s.p99)),
    errors: slices.reduce((n, s) => n + s.errors, 0),
    statuses,
  };
  const rawPerSecond = rawRequests / rawSeconds;
  for (const name of Object.keys(cpu.raw)) cpu.raw[name] = (cpu.raw[name] as number) / rawRequests;
  for (const name of Object.keys(cpu.route)) cpu.route[name] = (cpu.route[name] as number) / requests;
  return { route: combined, rawPerSecond, ratio: combined.perSecond / rawPerSecond, cpu };
}

/** CPU milliseconds per request spent by each named process, in the raw load and in the route's. */
export interface CpuPerRequest {
  raw: Record<string, number>;
  route: Record<string, number>;
}

/** A process's CPU time so far (user + system, all its threads), from /proc. */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces) start at the state: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return 0;
  }
}

/** "API 3.1 ms, DynamoDB Local 2.0 ms, …" for one side of a CpuPerRequest. */
export const cpuText = (side: Record<string, number>) =>
  Object.entries(side)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`)
    .join(', ');
