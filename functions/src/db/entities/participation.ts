import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { item } from 'dynamodb-toolbox/schema/item';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { record } from 'dynamodb-toolbox/schema/record';
import { string } from 'dynamodb-toolbox/schema/string';
import { VOTE_CHANNELS } from '@linli/shared';
import { LinliTable } from '../table';
import { $remove, isRemoval } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { pageOptions } from '../page';
import { topicPartition } from './topic';

/**
 * "Who voted" (参与记录): one per voter of a poll — a person, a household (一户一票) or an owner — keyed
 * by the voter, so the one-ballot rule is a condition on this item. It never holds the choice; the
 * ballot it goes with has no voter in it (see Ballot). `tallied` is the turnout projection's own mark.
 * GSI2: the casting user's votes, for "导出我的数据" (not the choices: those are not linked to anyone).
 */
export const ParticipationEntity = new Entity({
  name: 'Participation',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    voterKey: string().key(),
    /** The request that made it, fingerprinted with its idempotency key (http/idempotency.ts); absent before 2026-12. */
    requestFingerprint: string().optional(),
    label: string(),
    status: string().enum('cast', 'voided'),
    /** Counted in the live turnout; only the projection writes it (see projections/agoraTurnout). */
    tallied: boolean(),
    /** Incremented by every change of ballot; the ballot's id is derived from it. */
    version: number(),
    channel: string().enum(...VOTE_CHANNELS),
    castBy: string().optional(),
    castByName: string(),
    recordedBy: string().optional(),
    photoKey: string().optional(),
    castAt: string(),
    requestId: string(),
    heads: number(),
    /** Hundredths of ㎡ this voter weighs (the units' areas in scope). */
    area: number(),
    /** What this voter adds to each building's turnout (户 or people, and area). */
    byBuilding: record(string(), map({ count: number(), area: number() })),
    voidedAt: string().optional(),
  }).and((prev) => ({
    // An online vote is in the caster's index; a paper ballot (recorded by staff) and an erased voter are not.
    GSI2PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((p) => (p.castBy ? `USER#${p.castBy}` : undefined))
      .updateLink<typeof prev>((p) =>
        isRemoval(p.castBy) ? $remove() : typeof p.castBy === 'string' ? `USER#${p.castBy}` : undefined,
      ),
    GSI2SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((p) => (p.castBy ? voteSort(p) : undefined))
      .updateLink<typeof prev>((p) =>
        isRemoval(p.castBy)
          ? $remove()
          : typeof p.castBy === 'string' && typeof p.castAt === 'string' && typeof p.topicId === 'string'
            ? voteSort({ castAt: p.castAt, topicId: p.topicId })
            : undefined,
      ),
  })),
  computeKey: ({ communityId, topicId, voterKey }) => ({
    PK: topicPartition(communityId, topicId),
    SK: `VOTER#${voterKey}`,
  }),
});
export const participations = ParticipationEntity.build(Repository);
export type ParticipationItem = FormattedItem<typeof ParticipationEntity>;

const voteSort = (p: { castAt: string; topicId: string }) => `AGORA#VOTE#${p.castAt}#${p.topicId}`;

/** A2 / A8 / A11 Who voted in a poll: every Participation of the topic, read consistently. */
export const votersOf = ParticipationEntity.build(AccessPattern)
  .schema(map({ communityId: string(), topicId: string() }))
  .pattern(({ communityId, topicId }) => ({
    partition: topicPartition(communityId, topicId),
    range: { beginsWith: 'VOTER#' },
    options: { consistent: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'A2' });

/** A13 A person's online votes (when and for which household; never the choice). */
export const votesOf = ParticipationEntity.build(AccessPattern)
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: 'AGORA#VOTE#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'A13' });
