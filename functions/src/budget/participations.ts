import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { budgetParticipations, type BudgetParticipationItem } from '../db/entities/budgetParticipation';
import { LinliTable } from '../db/table';

/* Apart from queries.ts (which reads every budget entity) so the home feed can ask 已投票 with this alone. */

/** B2: the "who voted" records of these (round, voter key) pairs, in one BatchGet (at most 100 pairs). */
export async function participationsAcross(
  communityId: string,
  seats: { roundId: string; voterKey: string }[],
): Promise<BudgetParticipationItem[]> {
  if (!seats.length) return [];
  const { Responses } = await batchGet(
    LinliTable.build(BatchGetCommand).requests(
      ...seats.map(({ roundId, voterKey }) => budgetParticipations.batchGet({ communityId, roundId, voterKey })),
    ),
  );
  return ((Responses?.[0] ?? []) as (BudgetParticipationItem | undefined)[]).filter(
    (p): p is BudgetParticipationItem => !!p,
  );
}

/** B2: the "who voted" records of these voter keys. */
export async function participationsOf(
  communityId: string,
  roundId: string,
  voterKeys: string[],
): Promise<Map<string, BudgetParticipationItem>> {
  const found = await participationsAcross(
    communityId,
    voterKeys.map((voterKey) => ({ roundId, voterKey })),
  );
  return new Map(found.map((p) => [p.voterKey, p]));
}
