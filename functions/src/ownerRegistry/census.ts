import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { RELATION_LABELS, toCentiArea, unitInScope, type OwnerCensusView, type TopicScope } from '@linli/shared';
import { owners, type OwnerItem } from '../db/entities/owner';
import { topics } from '../db/entities/topic';
import { units, type UnitItem } from '../db/entities/unit';
import { LinliTable } from '../db/table';
import type { CommunityRequest } from '../commons/serviceRequest';
import { badRequest, notFound } from '../http/errors';

async function loadUnits(communityId: string, unitIds: string[]): Promise<UnitItem[]> {
  const found: UnitItem[] = [];
  const ids = [...new Set(unitIds)];
  for (let i = 0; i < ids.length; i += 100) {
    const { Responses } = await batchGet(
      LinliTable.build(BatchGetCommand).requests(
        ...ids.slice(i, i + 100).map((unitId) => units.batchGet({ communityId, unitId })),
      ),
    );
    found.push(...((Responses?.[0] ?? []) as (UnitItem | undefined)[]).filter((u): u is UnitItem => !!u));
  }
  return found;
}

/**
 * 核对我的业主信息: the owners this resident speaks for (bound as 业主), each with the units the roster gives
 * them and their area — in a poll's frozen scope when she asks about one — and the units she is bound to
 * without counting as their owner, with why. The seat she would vote with is exactly this (agora/seats.ts
 * reads the same roster the same way when her ballot is cast), so what she checks is what will count.
 */
export async function myCensus({
  principal,
  communityId,
  topicId,
  now,
}: CommunityRequest & { topicId?: string }): Promise<OwnerCensusView> {
  const mine = principal.memberships.filter((m) => m.communityId === communityId);
  let poll: OwnerCensusView['poll'];
  let inPoll = (_u: UnitItem) => true;
  if (topicId) {
    const { Item: topic } = await topics.get({ communityId, topicId });
    if (!topic) throw notFound('议题');
    const vote = topic.vote;
    if (!vote || vote.basis !== 'owners')
      throw badRequest('该议题不是业主表决', [{ field: 'query.topicId', message: '该议题不是业主表决' }]);
    poll = {
      topicId,
      title: topic.title,
      opensAt: vote.opensAt,
      closesAt: vote.closesAt,
      beforeOpening: topic.phase === 'voting' && vote.opensAt > now.toISOString(),
      heads: vote.electorate.heads,
      area: vote.electorate.area / 100,
    };
    // The same test as a seat: in the scope, and in a building the frozen electorate counted.
    inPoll = (u) => unitInScope(vote.scope as TopicScope, u) && !!vote.electorate.byBuilding[u.buildingId];
  }

  const ownerIds = [...new Set(mine.flatMap((m) => (m.relation === 'owner' && m.ownerId ? [m.ownerId] : [])))];
  const ownerItems = (await Promise.all(ownerIds.map((ownerId) => owners.get({ communityId, ownerId })))).flatMap(
    (r) => (r.Item ? [r.Item as OwnerItem] : []),
  );
  const held = await loadUnits(communityId, [...ownerItems.flatMap((o) => o.unitIds), ...mine.map((m) => m.unitId)]);
  const unitById = new Map(held.map((u) => [u.unitId, u]));

  const ownersView = ownerItems.map((o) => {
    const theirs = o.unitIds.flatMap((id) => {
      const u = unitById.get(id);
      return u && u.ownerId === o.ownerId ? [u] : [];
    });
    const counted = theirs.filter(inPoll);
    return {
      ownerId: o.ownerId,
      name: o.name,
      units: theirs.map((u) => ({ unitId: u.unitId, label: u.label, area: u.area, inPoll: inPoll(u) })),
      area: counted.reduce((sum, u) => sum + toCentiArea(u.area), 0) / 100,
      inPoll: counted.length > 0,
    };
  });
  const counted = new Set(ownersView.flatMap((o) => o.units.map((u) => u.unitId)));
  const otherUnits = mine.flatMap((m) => {
    const u = unitById.get(m.unitId);
    if (!u || counted.has(u.unitId)) return [];
    const reason =
      m.relation !== 'owner'
        ? `以${RELATION_LABELS[m.relation]}身份绑定，不计入业主名册`
        : !u.ownerId
          ? '名册中这套房没有登记业主（按开发建设单位计）'
          : '名册中这套房登记的业主不是您绑定时的业主';
    return [{ unitId: u.unitId, label: u.label, reason }];
  });
  return { owners: ownersView, otherUnits, ...(poll ? { poll } : {}) };
}
