// ESLint (flat config) for every workspace. The rules are chosen to catch defects, not to restyle:
// formatting is Prettier's (.prettierrc.json) and import boundaries are dependency-cruiser's
// (.dependency-cruiser.cjs). `npm test -- lint` runs all three; docs/DEVELOPING.md "Lint" lists the
// rules and why each is on.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.data/**',
      '.serverless/**',
      '.esbuild/**',
      '.bench/**',
      'miniapp/.swc/**',
      'test-results/**',
      'tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // Type-aware rules (promises, exhaustive switches) read each file's own tsconfig.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // TypeScript already checks names and redeclarations (and these misfire on TS syntax).
      'no-undef': 'off',
      'no-redeclare': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          // `prev`: dynamodb-toolbox's `.and((prev) => …)` needs the parameter for `typeof prev` alone.
          argsIgnorePattern: '^(_|prev$)',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
      // Type-only imports are erased: a Lambda bundle or the weapp main package never loads a module for a type.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // A promise nobody awaits loses its rejection (a Lambda ends before it settles; an unhandled rejection).
      '@typescript-eslint/no-floating-promises': 'error',
      // An async callback where a void one is expected (e.g. http.createServer) drops its rejection.
      // JSX handlers are exempt: `onClick={async () => …}` is how pages submit, and useSubmit catches.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      // A deprecated option is often already ignored (Playwright's isVisible timeout was) or gone next major.
      '@typescript-eslint/no-deprecated': 'error',
      // A new status, role or event added to a union must be handled wherever the union is switched on.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      eqeqeq: ['error', 'smart'],
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      'no-constructor-return': 'error',
      'array-callback-return': 'error',
    },
  },
  {
    // Lambdas log through commons/logger (structured, with the correlation id); the mini-program has no console.
    files: ['functions/src/**', 'shared/src/**', 'miniapp/src/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}', 'miniapp/test/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Test doubles of Taro and the API answer whatever a test needs.
    files: ['miniapp/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain JavaScript (configs, scripts) and files outside every tsconfig: no type information.
    files: ['**/*.{js,cjs,mjs}', 'scripts/screenshot.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: [
      '**/*.cjs',
      '**/jest.config.js',
      'miniapp/babel.config.js',
      'miniapp/config/*.js',
      'miniapp/test/stubs/*.js',
    ],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Taro loads its build config as CommonJS; the browser targets come from a file the size script shares.
    files: ['miniapp/config/index.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
