import { DynamoDBClient, GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { runLoad } from './load';

/**
 * Raw DynamoDB Local throughput on this machine, right now: every API figure is reported beside it
 * as a ratio, since absolute numbers on these shared machines move from run to run.
 */
export async function measureBaseline(endpoint: string, table: string) {
  const client = new DynamoDBClient({
    endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const key = (i: number) => ({ PK: { S: `BENCH#${i % 500}` }, SK: { S: `ITEM#${i}` } });
  const puts = await runLoad(2000, 50, async (i) => {
    await client.send(new PutItemCommand({ TableName: table, Item: { ...key(i), n: { N: String(i) } } }));
    return 200;
  });
  const gets = await runLoad(2000, 50, async (i) => {
    await client.send(new GetItemCommand({ TableName: table, Key: key(i), ConsistentRead: true }));
    return 200;
  });
  const transactions = await runLoad(1000, 50, async (i) => {
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: { PK: { S: `BENCHTX#${i}` }, SK: { S: 'A' } },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Update: {
              TableName: table,
              Key: key(i),
              UpdateExpression: 'ADD n :one',
              ExpressionAttributeValues: { ':one': { N: '1' } },
            },
          },
        ],
      }),
    );
    return 200;
  });
  client.destroy();
  return {
    putsPerSecond: puts.perSecond,
    getsPerSecond: gets.perSecond,
    transactionsPerSecond: transactions.perSecond,
  };
}
