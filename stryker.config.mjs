// Mutation testing of the shared domain rules (npm run mutation; a benchmark, not part of npm test).
// Stryker changes one thing at a time in the rules (a comparison, a boundary, a branch, a constant) and
// runs the shared unit tests: a change no test notices is a surviving mutant, a rule no test pins down.
// Contract files (zod declarations of routes and views) are left out: their strings and shapes are checked
// by the api tier over HTTP (hostile input, the authorisation matrix, Portman), which Stryker cannot run.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'stryker.jest.config.js', enableFindRelatedTests: true },
  mutate: [
    'shared/src/{agora,timebank,grievances}/**/*.ts',
    '!shared/src/**/*.test.ts',
    '!shared/src/**/contracts.ts',
    '!shared/src/**/ledgerContracts.ts',
    '!shared/src/**/index.ts',
  ],
  // The machine is shared (see HELPERS.md): one or two test processes at a time.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: '.bench/mutation/mutation.json' },
  htmlReporter: { fileName: '.bench/mutation/mutation.html' },
  tempDirName: '.bench/stryker-tmp',
  cleanTempDir: 'always',
  // Only what the shared tests need is copied to the sandbox.
  ignorePatterns: ['miniapp', 'functions', 'e2e', 'devstack', 'docs', '.data', '.bench', 'dist'],
};
