export * from './ordering';
export * from './contracts';
export * from './wording';
export * from './notices';
