import type { RunningStack } from '../../../devstack/stack';

export default async function teardown(): Promise<void> {
  await (globalThis as { __linliStack?: RunningStack }).__linliStack?.stop();
}
