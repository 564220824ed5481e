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
 * A route's load bracketed by a raw DynamoDB Local load of the same kind just before and just after it:
 * on a shared machine the ratio to the mean of the two moves far less than either rate.
 */
export async function besideRaw(
  raw: () => Promise<LoadResult>,
  route: () => Promise<LoadResult>,
): Promise<{ route: LoadResult; rawPerSecond: number; ratio: number }> {
  const before = await raw();
  const result = await route();
  const after = await raw();
  const rawPerSecond = (before.perSecond + after.perSecond) / 2;
  return { route: result, rawPerSecond, ratio: result.perSecond / rawPerSecond };
}
