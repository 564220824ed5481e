/**
 * Component tests for the mini-program: jsdom + babel-jest, with DOM stand-ins for @tarojs/components
 * and a scriptable @tarojs/taro (test/stubs). Platform files resolve to their `.h5` variant, as in the
 * H5 build. Self-contained so the root config can list it as a project.
 */
const path = require('node:path');

const babel = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    presets: [
      ['@babel/preset-env', { targets: { node: 'current' } }],
      ['@babel/preset-react', { runtime: 'automatic' }],
      '@babel/preset-typescript',
    ],
  },
];

module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}', '<rootDir>/test/**/*.test.{ts,tsx}'],
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'json'],
  transform: { '^.+\\.[jt]sx?$': babel },
  // First match wins: styles before the `@/` alias, or `@/…/x.scss` would load as a module.
  moduleNameMapper: {
    '\\.(scss|css)$': '<rootDir>/test/stubs/style.js',
    '^@linli/shared$': path.resolve(__dirname, '../shared/src/index.ts'),
    '^@tarojs/taro$': '<rootDir>/test/stubs/taro.ts',
    '^@tarojs/components$': '<rootDir>/test/stubs/components.tsx',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@test/(.*)$': '<rootDir>/test/$1',
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // Room for several 5 s findBy waits (test/setup.ts) in one test on a busy machine.
  testTimeout: 20_000,
};
