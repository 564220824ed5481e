import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { PROXY_BASES } from '@linli/shared';
import { Repository } from '../repository';
import { LinliTable } from '../table';
import { pageInput, pageOptions } from '../page';

/**
 * 代办记录: one thing done in a resident's name (or a 代办 session started/ended): who, for whom, why,
 * what, on which object, when. The resident reads hers under her user partition (我的 → 代办记录); the
 * committee reads the community's on GSI1, newest first. Kept as long as the account (erased with it).
 */
export const ProxyRecordEntity = new Entity({
  name: 'ProxyRecord',
  table: LinliTable,
  schema: item({
    residentId: string().key(),
    recordId: string().key(),
    communityId: string(),
    residentName: string(),
    proxySessionId: string(),
    actorId: string(),
    actorName: string(),
    basis: string().enum(...PROXY_BASES),
    reason: string(),
    action: string(),
    actionLabel: string(),
    object: string(),
    at: string(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>(({ communityId }) => proxyRecordsOfCommunityKey(communityId)),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>(({ recordId }) => recordId),
  })),
  computeKey: ({ residentId, recordId }) => ({ PK: `USER#${residentId}`, SK: `PROXYREC#${recordId}` }),
});
export const proxyRecords = ProxyRecordEntity.build(Repository);
export type ProxyRecordItem = FormattedItem<typeof ProxyRecordEntity>;
const proxyRecordsOfCommunityKey = (communityId: string) => `C#${communityId}#PROXYREC`;

/** #P2 What was done in a resident's name, newest first (我的 → 代办记录: a page; export and erasure: all). */
export const proxyRecordsOfResident = ProxyRecordEntity.build(AccessPattern)
  .schema(map({ residentId: string(), page: pageInput }))
  .pattern(({ residentId, page }) => ({
    partition: `USER#${residentId}`,
    range: { beginsWith: 'PROXYREC#' },
    options: { ...pageOptions(page), reverse: true },
  }))
  .meta({ title: '#P2' });

/** #P3 A community's 代办记录, newest first, a page at a time (the committee's page). */
export const proxyRecordsOfCommunity = ProxyRecordEntity.build(AccessPattern)
  .schema(map({ communityId: string(), page: pageInput }))
  .pattern(({ communityId, page }) => ({
    index: 'GSI1',
    partition: proxyRecordsOfCommunityKey(communityId),
    options: { ...pageOptions(page), reverse: true },
  }))
  .meta({ title: '#P3' });
