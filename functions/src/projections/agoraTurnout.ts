import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { participations, type ParticipationItem } from '../db/entities/participation';
import { turnouts } from '../db/entities/turnout';
import { failedWrites, transact, type WriteTx } from '../db/transactions';
import { logger } from '../commons/logger';
import type { ChangeRecord } from './changes';

/** A change of one voter's standing in the live turnout: +1 when cast, −1 when voided. */
interface Move {
  record: ChangeRecord;
  voter: ParticipationItem;
  sign: 1 | -1;
}

// Nine marks and the turnout update fill a transaction (DynamoDB Local allows ten items).
const MARKS_PER_TRANSACTION = 9;

/** Reads a stream image back into the entity (validates it, maps saved names). */
const asParticipation = (image: Record<string, unknown>) => participations.format(image) as ParticipationItem;

function moveOf(record: ChangeRecord): Move | undefined {
  if (!record.newImage) return undefined;
  const voter = asParticipation(record.newImage);
  if (voter.status === 'cast' && !voter.tallied) return { record, voter, sign: 1 };
  if (voter.status === 'voided' && voter.tallied) return { record, voter, sign: -1 };
  return undefined;
}

/**
 * The mark that makes a move happen once: it flips the Participation's `tallied` only from the state
 * this move expects, in the same transaction as the counters. A replayed record, or one overtaken by
 * a later change (voided, then cast again before we got here), finds the state moved on and its
 * condition fails — so nothing is ever counted twice, in any order.
 */
const mark = (m: Move) =>
  participations.transactUpdate(
    { communityId: m.voter.communityId, topicId: m.voter.topicId, voterKey: m.voter.voterKey, tallied: m.sign === 1 },
    {
      condition: {
        and: [
          { attr: 'status', eq: m.sign === 1 ? 'cast' : 'voided' },
          { attr: 'tallied', eq: m.sign !== 1 },
        ],
      },
    },
  );

function counters(moves: Move[]): WriteTx {
  const first = moves[0] as Move;
  let heads = 0;
  let area = 0;
  const byBuilding: Record<string, { count: number; area: number }> = {};
  for (const m of moves) {
    heads += m.sign * m.voter.heads;
    area += m.sign * m.voter.area;
    for (const [b, c] of Object.entries(m.voter.byBuilding)) {
      const slot = (byBuilding[b] ??= { count: 0, area: 0 });
      slot.count += m.sign * c.count;
      slot.area += m.sign * c.area;
    }
  }
  return turnouts.transactUpdate(
    {
      communityId: first.voter.communityId,
      topicId: first.voter.topicId,
      heads: $add(heads),
      area: $add(area),
      byBuilding: Object.fromEntries(
        Object.entries(byBuilding).map(([b, c]) => [b, { count: $add(c.count), area: $add(c.area) }]),
      ),
    },
    { condition: { attr: 'heads', exists: true } },
  );
}

/** 实时参与率: keeps each poll's Turnout from its Participation changes. */
export async function projectTurnout(records: ChangeRecord[]): Promise<{ failed: string[] }> {
  const byTopic = new Map<string, Move[]>();
  for (const r of records) {
    const m = moveOf(r);
    if (m)
      byTopic.set(`${m.voter.communityId}|${m.voter.topicId}`, [
        ...(byTopic.get(`${m.voter.communityId}|${m.voter.topicId}`) ?? []),
        m,
      ]);
  }
  const failed: string[] = [];
  for (const moves of byTopic.values()) {
    for (let i = 0; i < moves.length; i += MARKS_PER_TRANSACTION) {
      const chunk = moves.slice(i, i + MARKS_PER_TRANSACTION);
      const writes = { marks: chunk.map(mark), turnout: counters(chunk) };
      try {
        await transact(writes);
      } catch (error) {
        if (!failedWrites(error, writes)) {
          failed.push(...chunk.map((m) => m.record.sequenceNumber));
          continue;
        }
        // Some of the chunk was applied before (a replay): apply the rest one by one.
        for (const m of chunk) {
          const one = { mark: mark(m), turnout: counters([m]) };
          try {
            await transact(one);
          } catch (single) {
            const reasons = failedWrites(single, one);
            if (reasons?.has('turnout')) logger.warn('turnout missing for a poll', { topicId: m.voter.topicId });
            else if (!reasons) failed.push(m.record.sequenceNumber);
          }
        }
      }
    }
  }
  return { failed };
}
