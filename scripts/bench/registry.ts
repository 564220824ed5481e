import type { Benchmark } from './context';
import { agoraBenchmark } from './agora';

/** Every benchmark `npm run bench` runs, in order. Features add theirs here. */
export const BENCHMARKS: Benchmark[] = [agoraBenchmark];
