import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../commons/clients';

/**
 * Sends a named access pattern's query as the toolbox built it (keys, filters, page, projection) and
 * answers its items as DynamoDB stored them, without the toolbox's formatting. For list pages that read a
 * projection: every item was parsed by its entity when written, and what the route answers is checked
 * by its response contract on the way out (http/api.ts), so formatting each item again re-validates what
 * the table guarantees. It was the API's largest own cost on the 诉求 list page (20 items, ~1.6 ms of
 * CPU per page: docs/BENCHMARKS.md). Only for entities without `savedAs` renames, read with a
 * projection of their public attributes (hidden keys are then not read at all).
 */
export async function queryAsStored<T>(
  command: { params(): QueryCommandInput },
  opts: { allPages?: boolean } = {},
): Promise<{ Items: T[]; LastEvaluatedKey?: Record<string, unknown> }> {
  const input = command.params();
  const items: T[] = [];
  let start = input.ExclusiveStartKey;
  do {
    const page = await documentClient.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (opts.allPages && start);
  return { Items: items, LastEvaluatedKey: start };
}
