export * from './regionCode';
export * from './contracts';
export * from './figures';
export * from './consoleContracts';
