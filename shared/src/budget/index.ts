export * from './money';
export * from './selection';
export * from './phases';
export * from './ballot';
export * from './contracts';
