import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startStack, type RunningStack } from '../devstack/stack';
import { assertChromium } from './browser';

/** Browser journeys run the H5 build against the whole local stack, seeded with the demo community. */
export default async function setup(): Promise<void> {
  assertChromium();
  if (!existsSync(join(ROOT, 'miniapp', 'dist', 'h5', 'index.html')))
    throw new Error('No H5 build: run `node scripts/build-h5-e2e.mjs` (npm test does).');
  const stack = await startStack({
    ports: 'free',
    h5: 'static',
    lambdaEnv: {
      RATE_LIMIT_WRITES_PER_MINUTE: '100000',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '100000',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
    },
  });
  (globalThis as { __linliStack?: RunningStack }).__linliStack = stack;
  process.env.LINLI_E2E_URL = stack.urls.h5;
  // The accessibility audit's record of this run (e2e/accessibility): what it audited and found.
  process.env.LINLI_A11Y_DIR = join(ROOT, 'test-results', 'accessibility');
  rmSync(process.env.LINLI_A11Y_DIR, { recursive: true, force: true });
  process.env.LINLI_TEST_API = stack.urls.api;
  process.env.LINLI_TEST_WECHAT = stack.urls.wechat;
  process.env.LINLI_TEST_CONTROL = stack.urls.control;
  // The operator's bootstrap command (npm run admin) reaches this stack's table (e2e/streetOnboarding.e2e.ts).
  process.env.LINLI_TEST_DYNAMO = stack.urls.dynamo;
  // serverless-offline's Lambda invoke endpoint, to run a scheduled function (the 诉求 sweep) on demand.
  process.env.LINLI_TEST_LAMBDA = `http://127.0.0.1:${stack.ports.workerLambda}`;
}
