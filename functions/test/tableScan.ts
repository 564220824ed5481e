import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../src/commons/clients';

/** Every item of one entity in this test file's table. Tests only: request paths never scan. */
export async function itemsOf<T = Record<string, unknown>>(entity: string): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: process.env.TABLE_NAME,
        FilterExpression: '#et = :et',
        ExpressionAttributeNames: { '#et': '_et' },
        ExpressionAttributeValues: { ':et': entity },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
