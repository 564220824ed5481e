import { unitInScope, type TopicScope } from '@linli/shared';
import { topics } from '../db/entities/topic';
import { membersInScope } from './electorate';
import { readParticipations } from './closing';
import { householdKey, ownerKey, personKey } from './seats';

/**
 * The people a "closing in 24 h" reminder reaches (audience `{ kind: 'topicNonVoters', topicId }`):
 * bound residents in the poll's scope whose seat has no ballot yet — for a household poll every member
 * of a household that has not voted, for an owners' poll those who speak for an owner who has not.
 * The notifications dispatcher expands the audience by iterating this.
 */
export async function* nonVotersOf(communityId: string, topicId: string): AsyncGenerator<string> {
  const { Item: topic } = await topics.get({ communityId, topicId }, { consistent: true });
  const vote = topic?.vote;
  if (!topic || !vote || topic.phase !== 'voting') return;
  const scope = vote.scope as TopicScope;
  const voted = new Set(
    (await readParticipations(communityId, topicId)).filter((p) => p.status === 'cast').map((p) => p.voterKey),
  );
  const seen = new Set<string>();
  for (const m of await membersInScope(communityId, scope)) {
    if (!unitInScope(scope, m) || !vote.electorate.byBuilding[m.buildingId]) continue;
    const key =
      vote.basis === 'person'
        ? m.since <= vote.electorate.frozenAt
          ? personKey(m.userId)
          : undefined
        : vote.basis === 'household'
          ? householdKey(m.unitId)
          : m.relation === 'owner' && m.ownerId
            ? ownerKey(m.ownerId)
            : undefined;
    if (!key || voted.has(key) || seen.has(m.userId)) continue;
    seen.add(m.userId);
    yield m.userId;
  }
}
