import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { number } from 'dynamodb-toolbox/schema/number';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { record } from 'dynamodb-toolbox/schema/record';
import { LinliTable } from '../table';
import { MODERATED_KINDS } from '@linli/shared';

/**
 * The moderation state of one piece of content (诉求, 诉求留言, 议题提议, 议事意见): how many distinct
 * residents reported it and why, whether it is hidden or held, and whether staff decided. Every report
 * updates it on the condition that `reportCount` is still what the reporter's request read, so counting
 * and hiding are one atomic step. `authorId` lets the service refuse a report of one's own content.
 */
export const ModerationCaseEntity = new Entity({
  name: 'ModerationCase',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    contentKey: string().key(),
    kind: string().enum(...MODERATED_KINDS),
    authorId: string().optional(),
    reportCount: number().default(0),
    reasons: record(string(), number()).default({}),
    /** Hidden from others by residents' reports, pending a decision. */
    hidden: boolean().default(false),
    /** Held by WeChat's content check (议事 comments). */
    held: boolean().default(false),
    status: string().enum('open', 'restored', 'removed'),
    openedAt: string(),
    decidedAt: string().optional(),
  }),
  computeKey: ({ communityId, contentKey }) => ({
    PK: moderationPartition(communityId, contentKey),
    SK: 'CASE',
  }),
});
export const moderationCases = ModerationCaseEntity.build(Repository);
export type ModerationCaseItem = Omit<FormattedItem<typeof ModerationCaseEntity>, 'created' | 'modified'>;

export const moderationPartition = (communityId: string, contentKey: string) => `C#${communityId}#MOD#${contentKey}`;
