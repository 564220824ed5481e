export * from './regionCode';
export * from './contracts';
export * from './streetWide';
export * from './settlement';
