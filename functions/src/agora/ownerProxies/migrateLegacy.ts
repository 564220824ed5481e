import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../commons/clients';
import { config } from '../../commons/config';
import { ulid } from '../../commons/ids';
import { activeOwnerProxies, ownerProxies as proxies, type OwnerProxyItem } from '../../db/entities/ownerProxy';
import { topicPartition } from '../../db/entities/topic';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import { isConditionFailure } from '../../db/errors';
import { agora } from '../../db/registries/agora';
import { proxyCodeHash } from './codes';

/**
 * One-off rewrite of 书面委托 written before nominations kept their history and the 委托码 was hashed: the old
 * item (key `OPROXY#<ownerId>`, plain `code`) becomes a nomination record (`OPROXY#<ownerId>#<nominationId>`,
 * `codeHash` only), with the owner's standing marker if it still stands, and the old item is deleted. The new id
 * is derived from the old `createdAt` (its ULID time, zero randomness), so a run stopped half-way and run again puts
 * nothing twice: a nomination already there is taken as done, and the old item is deleted. Reads the community's
 * topics (an index query, A1) and each topic's partition; an operator command
 * (`npm run admin -- migrate-owner-proxies --stage <stage> --community <id>`), never on a request path.
 */
export async function migrateLegacyOwnerProxies({
  communityId,
}: {
  communityId: string;
}): Promise<{ migrated: number; topics: number }> {
  let migrated = 0;
  let topics = 0;
  for (const bucket of ['open', 'closed'] as const) {
    let cursor: string | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await agora.query
        .topicsInBucket({ communityId, bucket, page: { limit: 100, start: decodeCursor(cursor) } })
        .send();
      for (const topic of Items) {
        if (topic.vote?.basis !== 'owners') continue;
        topics++;
        migrated += await migrateTopic(communityId, topic.topicId);
      }
      cursor = encodeCursor(LastEvaluatedKey);
    } while (cursor);
  }
  return { migrated, topics };
}

type Legacy = Omit<OwnerProxyItem, 'nominationId' | 'codeHash'> & { PK: string; SK: string; code: string };

async function migrateTopic(communityId: string, topicId: string): Promise<number> {
  let migrated = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: config.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': topicPartition(communityId, topicId), ':sk': 'OPROXY#' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const raw of (page.Items ?? []) as Legacy[]) {
      // The old shape: one `#` in the sort key, the plain code, no nomination id.
      if (raw.SK !== `OPROXY#${raw.ownerId}` || typeof raw.code !== 'string') continue;
      await migrateOne(raw);
      migrated++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return migrated;
}

async function migrateOne(raw: Legacy) {
  const { PK, SK, code, ...rest } = raw;
  const nominationId = `${ulid(Date.parse(raw.createdAt)).slice(0, 10)}0000000000000000`;
  const item = {
    communityId: rest.communityId,
    topicId: rest.topicId,
    ownerId: rest.ownerId,
    nominationId,
    ownerLabel: rest.ownerLabel,
    namedBy: rest.namedBy,
    namedByName: rest.namedByName,
    proxyName: rest.proxyName,
    proxyPhone: rest.proxyPhone,
    documentKey: rest.documentKey,
    codeHash: await proxyCodeHash(rest.communityId, code),
    proxyUserId: rest.proxyUserId,
    status: rest.status,
    note: rest.note,
    reviewedBy: rest.reviewedBy,
    reviewedByName: rest.reviewedByName,
    reviewedAt: rest.reviewedAt,
    revokedAt: rest.revokedAt,
    usedAt: rest.usedAt,
    createdAt: rest.createdAt,
  };
  await ignoringRepeat(proxies.put(item, { condition: { attr: 'nominationId', exists: false } }));
  if (item.status === 'pending' || item.status === 'confirmed')
    await ignoringRepeat(
      activeOwnerProxies.put(
        { communityId: item.communityId, topicId: item.topicId, ownerId: item.ownerId, nominationId },
        { condition: { attr: 'ownerId', exists: false } },
      ),
    );
  await documentClient.send(new DeleteCommand({ TableName: config.tableName, Key: { PK, SK } }));
}

async function ignoringRepeat(write: Promise<unknown>) {
  try {
    await write;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
