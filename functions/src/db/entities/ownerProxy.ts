import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { item } from 'dynamodb-toolbox/schema/item';
import { map } from 'dynamodb-toolbox/schema/map';
import { string } from 'dynamodb-toolbox/schema/string';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { OWNER_PROXY_STATES } from '@linli/shared';
import { Repository } from '../repository';
import { LinliTable } from '../table';
import { pageOptions } from '../page';
import { topicPartition } from './topic';

/**
 * 书面委托 (an owner's written proxy for one owners' vote, 民法典第278条): one record per nomination, in the
 * poll's partition beside the Participation it guards. A new nomination is a new record; a rejected or
 * revoked one stays as it was (who, when, why) for the committee's list and the archive. At most one per
 * owner and poll stands (pending or confirmed): the owner's ActiveOwnerProxy marker, put on the condition
 * that none exists and deleted by the revocation or rejection, says which. The cast through it conditions on
 * `status = confirmed` and the proxy's account; a revocation conditions on the owner's Participation being
 * absent (or voided), so of a revocation and a cast at once exactly one commits. It never holds a receipt or
 * a choice, nor the 委托码: only its HMAC under the stage's ballot secret (`codeHash`, ownerProxies/codes.ts).
 * GSI1: the code's HMAC, while the proxy has not linked an account (sparse). GSI2: the proxy's account, once linked.
 */
export const OwnerProxyEntity = new Entity({
  name: 'OwnerProxy',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    ownerId: string().key(),
    /** A ULID from the nomination's time: the owner's nominations sort oldest first. */
    nominationId: string().key(),
    ownerLabel: string(),
    /** The resident who speaks for the owner (bound as 业主 with this owner's id) and named the proxy. */
    namedBy: string(),
    namedByName: string(),
    proxyName: string(),
    proxyPhone: string(),
    /** The signed 授权委托书's photo (S3 key under agora/proxy/…). */
    documentKey: string(),
    /** HMAC-SHA256 of the 委托码 (hex): the code itself was shown once, to the owner, when they named the proxy. */
    codeHash: string(),
    /** The proxy's Linli account, once they entered the 委托码. */
    proxyUserId: string().optional(),
    status: string().enum(...OWNER_PROXY_STATES),
    note: string().optional(),
    reviewedBy: string().optional(),
    reviewedByName: string().optional(),
    reviewedAt: string().optional(),
    revokedAt: string().optional(),
    /** When a ballot was last cast for the owner through this proxy (the cast's own transaction). */
    usedAt: string().optional(),
    createdAt: string(),
  }).and((prev) => ({
    GSI1PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((p) => (p.proxyUserId ? undefined : codeKey(p.communityId, p.codeHash))),
    GSI1SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((p) => (p.proxyUserId ? undefined : 'OPROXY')),
    GSI2PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((p) => (p.proxyUserId ? `USER#${p.proxyUserId}` : undefined)),
    GSI2SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((p) => (p.proxyUserId ? holderSort(p) : undefined)),
  })),
  computeKey: ({ communityId, topicId, ownerId, nominationId }) => ({
    PK: topicPartition(communityId, topicId),
    SK: `OPROXY#${ownerId}#${nominationId}`,
  }),
});
export const ownerProxies = OwnerProxyEntity.build(Repository);
export type OwnerProxyItem = FormattedItem<typeof OwnerProxyEntity>;

const codeKey = (communityId: string, codeHash: string) => `C#${communityId}#OPROXYCODE#${codeHash}`;
const holderSort = (p: { communityId: string; createdAt: string; topicId: string; ownerId: string }) =>
  `AGORA#OPROXY#${p.communityId}#${p.createdAt}#${p.topicId}#${p.ownerId}`;

/**
 * The owner's standing nomination in a poll (pending or confirmed), by id: the record that makes "at most one
 * standing nomination per owner and poll" a DynamoDB condition. A nomination puts it (condition: none), a
 * revocation or rejection deletes it (condition: this nomination), each in the same transaction as the
 * nomination's own write.
 */
export const ActiveOwnerProxyEntity = new Entity({
  name: 'ActiveOwnerProxy',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    ownerId: string().key(),
    nominationId: string(),
  }),
  computeKey: ({ communityId, topicId, ownerId }) => ({
    PK: topicPartition(communityId, topicId),
    SK: `OPROXYON#${ownerId}`,
  }),
});
export const activeOwnerProxies = ActiveOwnerProxyEntity.build(Repository);

/**
 * The index keys of a proxy once it is claimed: it leaves the code index and joins its holder's. The
 * claim's update spreads these in (an update link sees only the update's input).
 */
export const claimedIndexKeys = (p: OwnerProxyItem, proxyUserId: string) => ({
  GSI1PK: $remove(),
  GSI1SK: $remove(),
  GSI2PK: `USER#${proxyUserId}`,
  GSI2SK: holderSort(p),
});

/** The code index keys of an unclaimed proxy whose 委托码 was issued again (a retried nomination's new code). */
export const reissuedCodeKeys = (communityId: string, codeHash: string) => ({
  GSI1PK: codeKey(communityId, codeHash),
  GSI1SK: 'OPROXY',
});

/** AP1 A poll's written proxies (委托), read consistently. */
export const proxiesOfPoll = OwnerProxyEntity.build(AccessPattern)
  .schema(map({ communityId: string(), topicId: string() }))
  .pattern(({ communityId, topicId }) => ({
    partition: topicPartition(communityId, topicId),
    range: { beginsWith: 'OPROXY#' },
    options: { consistent: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'AP1' });

/** AP4 An owner's nominations in a poll, oldest first (the standing one, or why the last was returned). */
export const nominationsOfOwner = OwnerProxyEntity.build(AccessPattern)
  .schema(map({ communityId: string(), topicId: string(), ownerId: string() }))
  .pattern(({ communityId, topicId, ownerId }) => ({
    partition: topicPartition(communityId, topicId),
    range: { beginsWith: `OPROXY#${ownerId}#` },
    options: { consistent: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'AP4' });

/** AP2 The proxy a 委托码 names, by the code's HMAC (unclaimed ones only). */
export const proxyByCode = OwnerProxyEntity.build(AccessPattern)
  .schema(map({ communityId: string(), codeHash: string() }))
  .pattern(({ communityId, codeHash }) => ({
    index: 'GSI1',
    partition: codeKey(communityId, codeHash),
    options: pageOptions(undefined),
  }))
  .meta({ title: 'AP2' });

/** AP3 The proxies a person holds in a community, newest first. */
export const proxiesHeldBy = OwnerProxyEntity.build(AccessPattern)
  .schema(map({ userId: string(), communityId: string() }))
  .pattern(({ userId, communityId }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: `AGORA#OPROXY#${communityId}#` },
    options: { reverse: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'AP3' });
