export * from './ledger';
export * from './contracts';
