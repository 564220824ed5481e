export * from './ordering';
export * from './contracts';
