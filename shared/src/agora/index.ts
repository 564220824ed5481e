export * from './rules';
export * from './presets';
export * from './ballot';
export * from './tally';
export * from './scope';
export * from './phases';
export * from './contracts';
