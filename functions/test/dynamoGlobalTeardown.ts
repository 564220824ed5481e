import type { DynamoLocal } from '../../devstack/dynamodb';

export default async function teardown(): Promise<void> {
  await (globalThis as { __linliDynamo?: DynamoLocal }).__linliDynamo?.stop();
}
