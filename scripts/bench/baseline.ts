import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { runLoad } from './load';

/**
 * The shape of a route's transaction, for a raw TransactWriteItems of the same size beside it: how many
 * items are put and updated, and how many of those carry a condition.
 */
export interface TransactionShape {
  puts: number;
  updates: number;
  conditional: number;
}

export const SHAPES = {
  /** The baseline's: one conditional put and one counter. */
  pair: { puts: 1, updates: 1, conditional: 1 },
  /** 诉求 submit: request, first timeline event (both absent before), notification intent. */
  grievanceSubmit: { puts: 3, updates: 0, conditional: 2 },
  /** Hours approval: posting (absent before), two balances, registration, activity, two stats, intent. */
  hoursApproval: { puts: 2, updates: 6, conditional: 4 },
  /** Redemption: posting and order (absent before), two balances, the catalogue item (stock, window, price). */
  redemption: { puts: 2, updates: 3, conditional: 4 },
} satisfies Record<string, TransactionShape>;

/** Raw DynamoDB Local, bypassing the API: what the same calls cost on this machine right now. */
export class RawDynamo {
  private client: DynamoDBClient;
  private run = Date.now().toString(36);

  constructor(
    endpoint: string,
    private table: string,
  ) {
    this.client = new DynamoDBClient({
      endpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  }

  private key = (i: number) => ({ PK: { S: `BENCH#${i % 500}` }, SK: { S: `ITEM#${i}` } });

  async puts(n = 2000, concurrency = 50) {
    return runLoad(n, concurrency, async (i) => {
      await this.client.send(
        new PutItemCommand({ TableName: this.table, Item: { ...this.key(i), n: { N: String(i) } } }),
      );
      return 200;
    });
  }

  /** Consistent GetItems of items the puts wrote. */
  async gets(n = 2000, concurrency = 50) {
    return runLoad(n, concurrency, async (i) => {
      await this.client.send(new GetItemCommand({ TableName: this.table, Key: this.key(i), ConsistentRead: true }));
      return 200;
    });
  }

  /** Queries of one partition of an index, `limit` items a page, newest first (a list page without the API). */
  async queries(index: string, partition: string, limit: number, n = 500, concurrency = 50) {
    return runLoad(n, concurrency, async () => {
      await this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': `${index}PK` },
          ExpressionAttributeValues: { ':pk': { S: partition } },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return 200;
    });
  }

  /** TransactWriteItems of `shape`: fresh items put (conditionally: absent), counters updated (some conditionally). */
  async transactions(shape: TransactionShape, n = 1000, concurrency = 50) {
    const tag = `${this.run}${Math.random().toString(36).slice(2, 6)}`;
    return runLoad(n, concurrency, async (i) => {
      const items: TransactWriteItem[] = [];
      let conditions = shape.conditional;
      for (let p = 0; p < shape.puts; p++)
        items.push({
          Put: {
            TableName: this.table,
            Item: { PK: { S: `BENCHTX#${tag}#${i}` }, SK: { S: `P${p}` }, at: { S: new Date().toISOString() } },
            ...(conditions-- > 0 ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
          },
        });
      for (let u = 0; u < shape.updates; u++)
        items.push({
          Update: {
            TableName: this.table,
            Key: { PK: { S: `BENCHTX#${tag}#C${u}#${i % 200}` }, SK: { S: `U${i}` } },
            UpdateExpression: 'ADD n :one',
            ExpressionAttributeValues: { ':one': { N: '1' }, ...(conditions > 0 ? { ':max': { N: '1000000' } } : {}) },
            ...(conditions-- > 0 ? { ConditionExpression: 'attribute_not_exists(n) OR n < :max' } : {}),
          },
        });
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return 200;
    });
  }

  destroy() {
    this.client.destroy();
  }
}

/**
 * Raw DynamoDB Local throughput on this machine, right now: every API figure is reported beside it
 * as a ratio, since absolute numbers on these shared machines move from run to run.
 */
export async function measureBaseline(endpoint: string, table: string) {
  const raw = new RawDynamo(endpoint, table);
  const puts = await raw.puts();
  const gets = await raw.gets();
  const transactions = await raw.transactions(SHAPES.pair);
  raw.destroy();
  return {
    putsPerSecond: puts.perSecond,
    getsPerSecond: gets.perSecond,
    transactionsPerSecond: transactions.perSecond,
  };
}
