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
 * 书面委托 (an owner's written proxy for one owners' vote, 民法典第278条): one per owner and poll, in the
 * poll's partition beside the Participation it guards. The cast through it conditions on `status =
 * confirmed` and the proxy's account; a revocation conditions on the owner's Participation being absent
 * (or voided), so of a revocation and a cast at once exactly one commits. A new nomination replaces a
 * rejected or revoked one. It never holds a receipt or a choice.
 * GSI1: the 委托码, while the proxy has not linked an account (sparse). GSI2: the proxy's account, once linked.
 */
export const OwnerProxyEntity = new Entity({
  name: 'OwnerProxy',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    ownerId: string().key(),
    ownerLabel: string(),
    /** The resident who speaks for the owner (bound as 业主 with this owner's id) and named the proxy. */
    namedBy: string(),
    namedByName: string(),
    proxyName: string(),
    proxyPhone: string(),
    /** The signed 授权委托书's photo (S3 key under agora/proxy/…). */
    documentKey: string(),
    code: string(),
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
      .link<typeof prev>((p) => (p.proxyUserId ? undefined : codeKey(p.communityId, p.code))),
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
  computeKey: ({ communityId, topicId, ownerId }) => ({
    PK: topicPartition(communityId, topicId),
    SK: `OPROXY#${ownerId}`,
  }),
});
export const ownerProxies = OwnerProxyEntity.build(Repository);
export type OwnerProxyItem = FormattedItem<typeof OwnerProxyEntity>;

const codeKey = (communityId: string, code: string) => `C#${communityId}#OPROXYCODE#${code}`;
const holderSort = (p: { communityId: string; createdAt: string; topicId: string; ownerId: string }) =>
  `AGORA#OPROXY#${p.communityId}#${p.createdAt}#${p.topicId}#${p.ownerId}`;

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

/** AP1 A poll's written proxies (委托), read consistently. */
export const proxiesOfPoll = OwnerProxyEntity.build(AccessPattern)
  .schema(map({ communityId: string(), topicId: string() }))
  .pattern(({ communityId, topicId }) => ({
    partition: topicPartition(communityId, topicId),
    range: { beginsWith: 'OPROXY#' },
    options: { consistent: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'AP1' });

/** AP2 The proxy a 委托码 names (unclaimed ones only). */
export const proxyByCode = OwnerProxyEntity.build(AccessPattern)
  .schema(map({ communityId: string(), code: string() }))
  .pattern(({ communityId, code }) => ({
    index: 'GSI1',
    partition: codeKey(communityId, code),
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
