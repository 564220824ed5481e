import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { unitInScope, type Membership, type Principal } from '@linli/shared';
import { roundScopeOf, type BudgetRoundItem } from '../db/entities/budgetRound';
import { units, type UnitItem } from '../db/entities/unit';
import type { UserItem } from '../db/entities/user';
import { LinliTable } from '../db/table';
import { householdKey, personKey } from '../agora/voterKeys';

/** A place in a round's vote: the person (每人一票) or a household they belong to (一户一票). */
export interface BudgetSeat {
  voterKey: string;
  label: string;
}

/** The caller's homes in the round's scope (by their memberships: no reads). */
export function homesInScope(principal: Principal, round: BudgetRoundItem): Membership[] {
  const scope = roundScopeOf(round);
  return principal.memberships.filter((m) => m.communityId === round.communityId && unitInScope(scope, m));
}

/** A home counts once voting is open when its building was in scope when the electorate was frozen. */
const inElectorate = (round: BudgetRoundItem, m: Membership) =>
  !!round.electorate && !!round.electorate.buildings[m.buildingId];

/** Voter keys the caller might hold, straight from their memberships: lists show 已投票 without reads. */
export function candidateKeys(principal: Principal, round: BudgetRoundItem): string[] {
  const homes = homesInScope(principal, round);
  if (round.basis === 'person') return homes.length ? [personKey(principal.userId)] : [];
  return homes.map((m) => householdKey(m.unitId));
}

/**
 * The seats a signed-in resident may vote for once voting is open: themselves, when bound in scope
 * before the electorate was frozen; or each household in scope they belong to. The one-ballot rule
 * itself is the condition on the BudgetParticipation put.
 */
export async function budgetSeatsOf(
  user: UserItem,
  principal: Principal,
  round: BudgetRoundItem,
): Promise<BudgetSeat[]> {
  const electorate = round.electorate;
  if (!electorate) return [];
  const homes = homesInScope(principal, round).filter((m) => inElectorate(round, m));
  if (round.basis === 'person') {
    const bound = homes.some(
      (m) => (user.memberships[`${m.communityId}|${m.unitId}`]?.since ?? '') <= electorate.frozenAt,
    );
    return bound ? [{ voterKey: personKey(user.userId), label: user.nickname }] : [];
  }
  if (!homes.length) return [];
  const { Responses } = await batchGet(
    LinliTable.build(BatchGetCommand).requests(
      ...homes.map((m) => units.batchGet({ communityId: round.communityId, unitId: m.unitId })),
    ),
  );
  return ((Responses?.[0] ?? []) as (UnitItem | undefined)[])
    .filter((u): u is UnitItem => !!u)
    .map((u) => ({ voterKey: householdKey(u.unitId), label: u.label }));
}
