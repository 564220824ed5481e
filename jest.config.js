/**
 * Test tiers (see README "Tests"). `npm test` runs them in order through scripts/test.mjs;
 * `npx jest --selectProjects <name>` runs one.
 */
const swc = [
  '@swc/jest',
  { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
];
const node = (name, testMatch, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  moduleNameMapper: { '^@linli/shared$': '<rootDir>/shared/src/index.ts' },
  // jose ships ESM only; everything else has a CommonJS build jest can load as is.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // Benchmark output, incl. Stryker's sandboxes (a copy of the tree) while `npm run mutation` runs.
  modulePathIgnorePatterns: ['<rootDir>/.bench/'],
  testMatch,
  ...extra,
});

module.exports = {
  // Only reorders the e2e journeys: those that move the shared stack's clock run last (e2e/sequencer.cjs).
  testSequencer: '<rootDir>/e2e/sequencer.cjs',
  projects: [
    node('shared', ['<rootDir>/shared/src/**/*.test.ts']),
    node('devstack', ['<rootDir>/devstack/**/*.test.ts']),
    // The repository's own tooling: the OpenAPI document generated from the contracts.
    node('scripts', ['<rootDir>/scripts/**/*.test.ts']),
    node('functions', ['<rootDir>/functions/src/**/*.test.ts'], {
      globalSetup: '<rootDir>/functions/test/dynamoGlobalSetup.ts',
      globalTeardown: '<rootDir>/functions/test/dynamoGlobalTeardown.ts',
      setupFiles: ['<rootDir>/functions/test/env.ts'],
      setupFilesAfterEnv: ['<rootDir>/functions/test/setup.ts'],
    }),
    node('api', ['<rootDir>/functions/test/api/**/*.test.ts'], {
      globalSetup: '<rootDir>/functions/test/api/stackGlobalSetup.ts',
      globalTeardown: '<rootDir>/functions/test/api/stackGlobalTeardown.ts',
      setupFiles: ['<rootDir>/functions/test/env.ts'],
      setupFilesAfterEnv: ['<rootDir>/functions/test/api/setup.ts'],
    }),
    '<rootDir>/miniapp/jest.config.js',
    node('e2e', ['<rootDir>/e2e/**/*.e2e.ts'], {
      globalSetup: '<rootDir>/e2e/globalSetup.ts',
      globalTeardown: '<rootDir>/e2e/globalTeardown.ts',
      setupFilesAfterEnv: ['<rootDir>/e2e/setup.ts'],
    }),
  ],
};
