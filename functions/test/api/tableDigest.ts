import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';

/** The table's content, minus the per-caller request counters the rate limiter keeps: item key → item. */
export async function tableDigest(): Promise<Map<string, string>> {
  const client = new DynamoDBClient({
    endpoint: process.env.LINLI_TEST_DYNAMO,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const items = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: 'linli-local', ExclusiveStartKey: start as never }));
    for (const item of page.Items ?? [])
      if (!['RateCounter', 'DevClock'].includes(item._et?.S ?? ''))
        items.set(`${item._et?.S} ${item.PK?.S} ${item.SK?.S}`, JSON.stringify(item, Object.keys(item).sort()));
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return items;
}

/** The items added, removed or changed between two digests, by key. */
export function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}
