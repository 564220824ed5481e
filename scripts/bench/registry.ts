import type { Benchmark } from './context';
import { notificationsBenchmark } from './notifications';

/** Every benchmark `npm run bench` runs, in order. Features add theirs here. */
export const BENCHMARKS: Benchmark[] = [notificationsBenchmark];
