export * from './ledger';
export * from './contracts';
export * from './streetContracts';
