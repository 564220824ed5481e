import { startDynamoLocal } from '../../devstack/dynamodb';
import { freePort } from '../../devstack/ports';

/** One in-memory DynamoDB Local for the whole `functions` tier; each test file makes its own table. */
export default async function setup(): Promise<void> {
  const db = await startDynamoLocal({ port: await freePort(), quiet: true });
  process.env.DYNAMODB_ENDPOINT = db.endpoint;
  (globalThis as { __linliDynamo?: typeof db }).__linliDynamo = db;
}
