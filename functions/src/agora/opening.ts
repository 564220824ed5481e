import {
  ballotSpec,
  chinaDateTime,
  pollOpenedKey,
  scopeAudience,
  scopeWords,
  type TopicScope,
  type VoteSpec,
} from '@linli/shared';
import { allBoxes, ballotBoxes } from '../db/entities/ballotBox';
import type { VoteSettings } from '../db/entities/topic';
import { turnouts } from '../db/entities/turnout';
import type { WriteTx } from '../db/transactions';
import { roster } from '../db/registries/roster';
import { badRequest } from '../http/errors';
import { notificationIntent } from '../notifications/outbox';
import { computeElectorate, type Electorate } from './electorate';
import { topicLink } from './views';

/*
 * Opening a poll: its vote settings (the electorate frozen from the roster now) and what the opening
 * transaction writes besides the topic. Apart from topics.ts so 街道议事 (streets/streetTopics.ts), which
 * opens ordinary community polls, loads this and not the rest of the topic code (the 诉求 link, lists).
 */

async function scopeLabel(communityId: string, scope: TopicScope, electorate: Electorate): Promise<string> {
  let gridNames = new Map<string, string>();
  if (scope.kind === 'grids') {
    const { Items = [] } = await roster.query.grids({ communityId }).send();
    gridNames = new Map(Items.map((g) => [g.gridId, g.name]));
  }
  return scopeWords(scope, {
    grid: (id) => gridNames.get(id) ?? id,
    building: (id) => electorate.byBuilding[id]?.name ?? id,
  });
}

/**
 * Fixes a vote's settings: the electorate is counted from the roster now and frozen with them. The
 * window may start now (an opening time in the past means "open now") and must end in the future.
 */
export async function voteSettingsOf(
  communityId: string,
  spec: VoteSpec,
  now: Date,
  field: string,
): Promise<VoteSettings> {
  if (spec.closesAt <= now.toISOString())
    throw badRequest('投票截止时间须晚于现在', [{ field: `${field}.closesAt`, message: '投票截止时间须晚于现在' }]);
  const scope = spec.scope as TopicScope;
  const electorate = await computeElectorate({ communityId, scope, basis: spec.basis, now });
  const ballot = ballotSpec(spec.ballot.kind, spec.ballot.options, spec.ballot.maxChoices);
  return {
    scope,
    scopeLabel: await scopeLabel(communityId, scope, electorate),
    basis: spec.basis,
    preset: spec.preset,
    ballot: { kind: ballot.kind, options: ballot.options, maxChoices: ballot.maxChoices },
    opensAt: spec.opensAt < now.toISOString() ? now.toISOString() : new Date(spec.opensAt).toISOString(),
    closesAt: new Date(spec.closesAt).toISOString(),
    allowChanges: spec.allowChanges,
    secrecy: spec.secrecy,
    electorate,
  };
}

/**
 * What scheduling a vote writes besides the topic, in the same transaction: its ballot boxes (open,
 * with the window), the turnout with every building at zero, and the "topic opened in my scope"
 * notification for the residents in scope.
 */
export function openingWrites(
  topic: { communityId: string; topicId: string; title: string },
  vote: VoteSettings,
  now: Date,
): { boxes: WriteTx[]; turnout: WriteTx; notice: WriteTx } {
  const { communityId, topicId } = topic;
  return {
    boxes: allBoxes().map((box) =>
      ballotBoxes.transactPut({
        communityId,
        topicId,
        box,
        open: true,
        opensAt: vote.opensAt,
        closesAt: vote.closesAt,
      }),
    ),
    turnout: turnouts.transactPut({
      communityId,
      topicId,
      heads: 0,
      area: 0,
      byBuilding: Object.fromEntries(Object.keys(vote.electorate.byBuilding).map((b) => [b, { count: 0, area: 0 }])),
    }),
    notice: notificationIntent(
      {
        communityId,
        event: 'agora.topicOpened',
        dedupeKey: pollOpenedKey(topicId),
        audience: scopeAudience(scopeOf(vote)),
        title: `议事厅：${topic.title}`,
        body: `投票时间 ${chinaDateTime(vote.opensAt)} 至 ${chinaDateTime(vote.closesAt)}（${vote.scopeLabel}），请参与表决`,
        link: topicLink(communityId, topicId),
        data: { title: topic.title, opensAt: vote.opensAt, closesAt: vote.closesAt, scope: vote.scopeLabel },
      },
      now,
    ),
  };
}
const scopeOf = (vote: VoteSettings) => vote.scope as TopicScope;
