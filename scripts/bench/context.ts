import type { RouteContract, RequestOf, ResponseOf } from '@linli/shared';
import type { PersonaKey } from '../../devstack/seed/personas';

/** What every benchmark gets: the running local stack, a way in, and the raw DynamoDB baseline. */
export interface BenchContext {
  urls: { api: string; wechat: string; control: string; dynamo: string };
  signIn(who: PersonaKey | { openid: string }): Promise<string>;
  call<C extends RouteContract>(contract: C, req: Partial<RequestOf<C>> & { token?: string }): Promise<{ status: number; body: ResponseOf<C>; dbOps?: { reads: number; writes: number } }>;
  /** Raw DynamoDB Local throughput measured at the start of this run (for ratios). */
  baseline: { putsPerSecond: number; transactionsPerSecond: number; getsPerSecond: number };
  log(line: string): void;
}

/** One section of docs/BENCHMARKS.md. */
export interface BenchReport {
  title: string;
  /** Markdown body: a table of figures and a sentence on what they mean. */
  markdown: string;
}

export interface Benchmark {
  name: string;
  run(ctx: BenchContext): Promise<BenchReport>;
}
