import type { Benchmark } from './context';
import { agoraBenchmark } from './agora';
import { apiLatency } from './api';
import { grievancesBenchmark } from './grievances';
import { lambdaSizes } from './lambdas';
import { lighthouseBenchmark } from './lighthouse';
import { miniappBenchmark } from './miniapp';
import { notificationsBenchmark } from './notifications';
import { sdkOptionsBenchmark } from './sdk';
import { soakBenchmark } from './soak';
import { streetBenchmark } from './street';
import { timebankBenchmark } from './timebank';

/** Every benchmark `npm run bench` runs, in order. Features add theirs here. */
export const BENCHMARKS: Benchmark[] = [
  sdkOptionsBenchmark,
  apiLatency,
  miniappBenchmark,
  lighthouseBenchmark,
  notificationsBenchmark,
  grievancesBenchmark,
  agoraBenchmark,
  timebankBenchmark,
  // Issue 15 §3: seeds a street of 20 communities (minutes) and measures it beside the demo seed.
  streetBenchmark,
  // Last and longest (10 minutes): the whole stack under a steady mix, watching errors and memory.
  soakBenchmark,
  // After every benchmark that uses the stack: it runs `npm run package` in the same folder as the running
  // serverless-offline processes, and when it ran first (2026-12-08) the stream consumers delivered nothing after it.
  lambdaSizes,
];
