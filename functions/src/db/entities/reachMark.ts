import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';

/**
 * How a committee notice or a poll's opening notice reached one household (触达): `sentAt` when a
 * subscribe message to one of its members was delivered to WeChat, `readAt` when one of them first
 * opened it in the inbox. Keyed by the notice's audience intent (`subjectId`), one item per household,
 * written by the dispatcher and by 标记已读 where each already knows the person's households; a
 * household with no item was reached by neither. Kept as long as the inbox entries (TTL).
 */
export const ReachMarkEntity = new Entity({
  name: 'ReachMark',
  table: LinliTable,
  schema: item({
    subjectId: string().key(),
    unitId: string().key(),
    communityId: string(),
    buildingId: string(),
    sentAt: string().optional(),
    readAt: string().optional(),
    ttl: number(),
  }),
  computeKey: ({ subjectId, unitId }) => ({ PK: `REACH#${subjectId}`, SK: `UNIT#${unitId}` }),
});
export const reachMarks = ReachMarkEntity.build(Repository);
export type ReachMarkItem = FormattedItem<typeof ReachMarkEntity>;

/** #32 The households a notice reached (every mark of its audience intent; at most one per household). */
export const marksOfSubject = ReachMarkEntity.build(AccessPattern)
  .schema(map({ subjectId: string() }))
  .pattern(({ subjectId }) => ({ partition: `REACH#${subjectId}`, options: pageOptions(undefined) }))
  .meta({ title: '#32' });
