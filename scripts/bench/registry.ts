import type { Benchmark } from './context';
import { agoraBenchmark } from './agora';
import { apiLatency } from './api';
import { grievancesBenchmark } from './grievances';
import { lambdaSizes } from './lambdas';
import { notificationsBenchmark } from './notifications';

/** Every benchmark `npm run bench` runs, in order. Features add theirs here. */
export const BENCHMARKS: Benchmark[] = [
  lambdaSizes,
  apiLatency,
  notificationsBenchmark,
  grievancesBenchmark,
  agoraBenchmark,
];
