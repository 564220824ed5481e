import type { Benchmark } from './context';

/** Every benchmark `npm run bench` runs, in order. Features add theirs here. */
export const BENCHMARKS: Benchmark[] = [];
