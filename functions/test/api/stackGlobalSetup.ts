import { startStack, type RunningStack } from '../../../devstack/stack';

/**
 * The API tier runs against the real local stack: serverless-offline serving the bundled Lambdas
 * over HTTP, DynamoDB Local in memory with the demo community, local S3 and the WeChat stand-in.
 */
export default async function setup(): Promise<void> {
  const stack = await startStack({
    ports: 'free',
    h5: 'none',
    lambdaEnv: {
      RATE_LIMIT_WRITES_PER_MINUTE: '100000',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '100000',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
    },
  });
  (globalThis as { __linliStack?: RunningStack }).__linliStack = stack;
  process.env.LINLI_TEST_API = stack.urls.api;
  process.env.LINLI_TEST_WECHAT = stack.urls.wechat;
  process.env.LINLI_TEST_CONTROL = stack.urls.control;
  process.env.LINLI_TEST_DYNAMO = stack.urls.dynamo;
  process.env.LINLI_TEST_S3 = stack.urls.s3;
}
