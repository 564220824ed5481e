import { Readable } from 'node:stream';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { HttpResponse } from '@smithy/core/transport';
import type { Benchmark } from './context';

// A GetItem answer as DynamoDB sends it: the SDK parses it, lib-dynamodb unmarshalls it.
const ITEM = JSON.stringify({
  Item: {
    PK: { S: 'USER#u1' },
    SK: { S: 'USER' },
    nickname: { S: '王阿姨' },
    grants: { M: {} },
    largeText: { BOOL: false },
  },
});
/** A request handler that answers at once: what is timed is the SDK's own work, not a network or a database. */
const instantHandler = {
  handle: async () => ({
    response: new HttpResponse({
      statusCode: 200,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: Readable.from([Buffer.from(ITEM)]),
    }),
  }),
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
  destroy() {},
};

/** CPU microseconds per GetItem through the document client (as dynamodb-toolbox sends it), median of 5 rounds. */
async function cpuPerCall(options: Partial<DynamoDBClientConfig>, removeLogger: boolean, calls = 3000) {
  const client = new DynamoDBClient({
    region: 'cn-north-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 3,
    requestHandler: instantHandler as never,
    ...options,
  });
  if (removeLogger) client.middlewareStack.remove('loggerMiddleware');
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const get = () =>
    doc.send(new GetCommand({ TableName: 'linli', Key: { PK: 'USER#u1', SK: 'USER' }, ConsistentRead: true }));
  for (let i = 0; i < 500; i++) await get();
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) await get();
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / calls);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

/** What the DynamoDB client's options cost per call, on the SDK's side alone. */
export const sdkOptionsBenchmark: Benchmark = {
  name: 'sdk',
  async run(ctx) {
    const variants: [string, Partial<DynamoDBClientConfig>, boolean][] = [
      ['SDK defaults (maxAttempts 3, standard retries)', {}, false],
      ["accountIdEndpointMode: 'disabled'", { accountIdEndpointMode: 'disabled' }, false],
      ['the SDK logger middleware removed', {}, true],
      ['both', { accountIdEndpointMode: 'disabled' }, true],
    ];
    const rows: string[] = [];
    // Twice through, interleaved, so a busy moment does not land on one variant only; the lower of the two.
    const results = new Map<string, number>();
    for (let pass = 0; pass < 2; pass++)
      for (const [label, options, removeLogger] of variants) {
        const us = await cpuPerCall(options, removeLogger);
        results.set(label, Math.min(results.get(label) ?? Infinity, us));
      }
    for (const [label] of variants) {
      rows.push(`| ${label} | ${results.get(label)!.toFixed(0)} µs |`);
      ctx.log(`${label}: ${results.get(label)!.toFixed(0)} µs CPU per GetItem`);
    }
    return {
      title: 'AWS SDK: CPU per DynamoDB call by client option',
      markdown: [
        'CPU time of one GetItem through the document client (as dynamodb-toolbox sends it) against a request handler that answers at once, so only the SDK works: middleware, endpoint resolution, signing, serialisation, parsing, unmarshalling. Median of 5 rounds of 3,000 calls, the lower of two interleaved passes.',
        '',
        '| client | CPU per GetItem |',
        '| --- | --- |',
        ...rows,
        '',
        "Endpoint resolution is cached by the SDK already (an `EndpointCache` per client); `cacheMiddleware: true` is not measured because it is wrong with lib-dynamodb (its resolved handler keeps the first command: every later GetItem would send the first one's key).",
      ].join('\n'),
    };
  },
};
