export * from './regionCode';
export * from './contracts';
