import type { Benchmark } from './context';
import { grievancesBenchmark } from './grievances';

/** Every benchmark `npm run bench` runs, in order. Features add theirs here. */
export const BENCHMARKS: Benchmark[] = [
  grievancesBenchmark,
];
