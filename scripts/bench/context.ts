import type { RouteContract, RequestOf, ResponseOf } from '@linli/shared';
import type { WireCounts } from '../../devstack/dynamoCounter';
import type { PersonaKey } from '../../devstack/seed/personas';
import type { RawDynamo } from './baseline';

/** What every benchmark gets: the running local stack, a way in, and the raw DynamoDB baseline. */
export interface BenchContext {
  urls: { api: string; wechat: string; control: string; dynamo: string; h5?: string };
  signIn(who: PersonaKey | { openid: string }): Promise<string>;
  call<C extends RouteContract>(
    contract: C,
    req: Partial<RequestOf<C>> & { token?: string },
  ): Promise<{ status: number; body: ResponseOf<C>; dbOps?: { reads: number; writes: number } }>;
  /** Raw DynamoDB Local throughput measured at the start of this run (for ratios). */
  baseline: { putsPerSecond: number; transactionsPerSecond: number; getsPerSecond: number };
  log(line: string): void;
  /** The API process (serverless-offline), whose memory the soak watches. */
  apiPid?: number;
  /** DynamoDB calls the worker process (stream consumers, scheduled jobs) sent, counted by a proxy on the wire. */
  workerCalls(): WireCounts;
  /** Raw DynamoDB Local, for a baseline of the same shape measured right beside a route. */
  raw: RawDynamo;
  /** The processes whose CPU a goal figure accounts for, per request: the benchmark's own, the API, DynamoDB Local. */
  processes: Record<string, number | undefined>;
}

/**
 * One row of the goals table (issue 19): a figure of this run against its goal. `ratio` figures are the
 * route's rate divided by the raw DynamoDB Local rate named in `baseline`, measured in the same run.
 */
export interface GoalFigure {
  measure: string;
  value: number;
  goal: number;
  /** `atLeast`: met when value ≥ goal; `atMost`: met when value ≤ goal. */
  kind: 'atLeast' | 'atMost';
  unit: '×' | 's' | 'calls' | 'KB' | 'ms' | 'zips';
  /** What the value is measured against (raw baseline) or how. */
  baseline: string;
  /** CPU per request of each process, the route's and the raw baseline's: what explains a ratio that falls short. */
  cpu?: { route: Record<string, number>; raw: Record<string, number> };
  /** Why a goal is out of reach here, when the figures alone do not say it. */
  why?: string;
}

/** One section of docs/BENCHMARKS.md. */
export interface BenchReport {
  title: string;
  /** Markdown body: a table of figures and a sentence on what they mean. */
  markdown: string;
  /** Figures that answer a goal of issue 19, gathered into the goals table. */
  goals?: GoalFigure[];
}

export interface Benchmark {
  name: string;
  /**
   * The worker (stream consumers: notification fan-out, projections) runs during this benchmark. Off
   * by default: request-path benchmarks run with it paused, as on AWS the fan-out runs on other
   * machines than the API; it catches up (untimed) before the next benchmark.
   */
  withFanOut?: boolean;
  run(ctx: BenchContext): Promise<BenchReport>;
}

/** Signs in many accounts a few at a time (a sign-in storm is not what the benchmarks measure). */
export async function signInMany(ctx: BenchContext, openids: string[], inFlight = 5): Promise<string[]> {
  const tokens: string[] = new Array(openids.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < openids.length) {
        const i = next++;
        tokens[i] = await ctx.signIn({ openid: openids[i] as string });
      }
    }),
  );
  return tokens;
}
