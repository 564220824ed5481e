import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { number } from 'dynamodb-toolbox/schema/number';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { record } from 'dynamodb-toolbox/schema/record';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';
import { MODERATED_KINDS } from '@linli/shared';

/**
 * 审核记录: one staff decision (恢复 or 移除) with the content's original text as it was judged, who
 * decided, when and why, and the reports behind it. Written in the decision's transaction; never changed.
 */
export const ModerationLogEntryEntity = new Entity({
  name: 'ModerationLogEntry',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    entryId: string().key(),
    contentKey: string(),
    kind: string().enum(...MODERATED_KINDS),
    context: string(),
    text: string(),
    authorId: string().optional(),
    authorName: string(),
    decision: string().enum('restore', 'remove'),
    reason: string().optional(),
    deciderId: string(),
    deciderName: string(),
    decidedAt: string(),
    reportCount: number(),
    reasons: record(string(), number()),
    held: boolean(),
    /** `USER#<authorId>` / `MODLOG#<decidedAt>`: the author's entries, found on erasure (M8). Absent without an author. */
    GSI2PK: string().optional().hidden(),
    GSI2SK: string().optional().hidden(),
  }),
  computeKey: ({ communityId, entryId }) => ({ PK: moderationLog(communityId), SK: `ENTRY#${entryId}` }),
});
export const moderationLogEntries = ModerationLogEntryEntity.build(Repository);
export type ModerationLogEntryItem = Omit<FormattedItem<typeof ModerationLogEntryEntity>, 'created' | 'modified'>;

const moderationLog = (communityId: string) => `C#${communityId}#MODLOG`;

/** M2 A community's moderation log, newest first. */
export const moderationLogOf = ModerationLogEntryEntity.build(AccessPattern)
  .schema(map({ communityId: string(), page: pageInput }))
  .pattern(({ communityId, page }) => ({
    partition: moderationLog(communityId),
    range: { beginsWith: 'ENTRY#' },
    options: { ...pageOptions(page), reverse: true },
  }))
  .meta({ title: 'M2' });

/** The index keys that let an author's entries be found on erasure (none when the content has no author). */
export const authorIndexOf = (authorId: string | undefined, decidedAt: string) =>
  authorId ? { GSI2PK: `USER#${authorId}`, GSI2SK: `MODLOG#${decidedAt}` } : {};

/** M8 The moderation log entries about a person's content (erasure anonymises them). */
export const moderationLogOfAuthor = ModerationLogEntryEntity.build(AccessPattern)
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: 'MODLOG#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'M8' });
