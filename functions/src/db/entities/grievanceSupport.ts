import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';
import { grievancePartition } from './grievance';

/**
 * "我也遇到": a neighbour joins a public request. One item per (request, person), put with a
 * condition in the same transaction as the request's counter, so the count moves once per person.
 * GSI2: the requests a person follows.
 */
export const GrievanceSupportEntity = new Entity({
  name: 'GrievanceSupport',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    grievanceId: string().key(),
    userId: string().key(),
    at: string(),
  }).and((prev) => ({
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ userId }) => `USER#${userId}`),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>((s) => followingSort(s)),
  })),
  computeKey: ({ communityId, grievanceId, userId }) => ({
    PK: grievancePartition(communityId, grievanceId),
    SK: `SUP#${userId}`,
  }),
});
export const grievanceSupports = GrievanceSupportEntity.build(Repository);
/** As services handle it: the created/modified stamps are the table's, not the domain's. */
export type GrievanceSupportItem = Omit<FormattedItem<typeof GrievanceSupportEntity>, 'created' | 'modified'>;

export const followingSort = (s: { communityId: string; at: string; grievanceId: string }) =>
  `GRVSUP#${s.communityId}#${s.at}#${s.grievanceId}`;

/** G9 / G16 The requests a person joined (in one community, or in all for their data export). */
export const supportsOf = GrievanceSupportEntity.build(AccessPattern)
  .schema(
    map({ userId: string(), communityId: string().optional(), newestFirst: boolean().optional(), page: pageInput }),
  )
  .pattern(({ userId, communityId, newestFirst, page }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: communityId ? `GRVSUP#${communityId}#` : 'GRVSUP#' },
    options: { reverse: newestFirst, ...pageOptions(page) },
  }))
  .meta({ title: 'G9' });
