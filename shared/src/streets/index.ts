export * from './regionCode';
export * from './contracts';
export * from './invitations';
export * from './figures';
export * from './consoleContracts';
export * from './streetWide';
export * from './streetAgora';
export * from './settlement';
