import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable, localClient } from '../../devstack/table';

/**
 * Gives the calling test file a fresh table in the shared DynamoDB Local (named in env.ts), so test
 * files run in parallel without seeing each other's data.
 */
export function useTestTable(): void {
  const client = localClient(process.env.DYNAMODB_ENDPOINT as string);
  beforeAll(async () => {
    await ensureTable(client, process.env.TABLE_NAME as string);
  });
  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: process.env.TABLE_NAME as string })).catch(() => undefined);
    client.destroy();
  });
}
