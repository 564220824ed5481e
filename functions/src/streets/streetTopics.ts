import { ballotSpec, type StreetTopicInput, type StreetTopicView, type VoteSpec } from '@linli/shared';
import { topics, type TopicItem } from '../db/entities/topic';
import { streetTopics, type StreetTopicItem } from '../db/entities/streetTopic';
import { streets as streetQueries } from '../db/registries/streets';
import type { Draft } from '../db/draft';
import { badRequest, notFound } from '../http/errors';
import { openingWrites, voteSettingsOf } from '../agora/opening';
import { completeStreetTopic, talliesOf } from '../agora/streetTally';
import { startStreetWide, writeInEach, type StreetRequest } from './perCommunity';
import { loadStreet } from './streets';

/**
 * 街道议事 (issue 15 §2): the street office's consultation across chosen communities. Like 街道通知, the
 * street object is written first with the sender's idempotency record, then **one ordinary community poll
 * per chosen community** — a `Topic` under the street topic's id in each, voting at once over the whole
 * community, with its own frozen electorate, ballot boxes, secret ballots and receipts, and the same
 * `agoraClock` close and recount. Each community's poll is its own transaction, conditioned on absent, so
 * a retried or resumed request opens each at most once (perCommunity.ts, which 街道通知 shares). The
 * street result is the sum of the published community results (agora/streetTally.ts).
 */

interface Chosen {
  communityId: string;
  name: string;
}
const chosenIn = (t: Draft<StreetTopicItem>) => t.communities as Chosen[];

export interface OpenStreetTopicRequest extends StreetRequest {
  input: StreetTopicInput;
}

/** The vote each community's poll gets: the whole community, secret, no changes of mind. */
const voteSpecOf = (t: Draft<StreetTopicItem>, labels: string[]): VoteSpec => ({
  scope: { kind: 'community' },
  basis: t.basis,
  preset: t.preset,
  ballot: { kind: t.ballot.kind, options: labels, maxChoices: t.ballot.maxChoices },
  opensAt: t.opensAt,
  closesAt: t.closesAt,
  allowChanges: false,
  secrecy: 'secret',
});

/** 发起街道议事: the street topic and the request's record, then one community poll per chosen community. */
export async function openStreetTopic({ input, ...req }: OpenStreetTopicRequest): Promise<StreetTopicView> {
  const at = req.now.toISOString();
  if (input.closesAt <= at)
    throw badRequest('投票截止时间须晚于现在', [{ field: 'body.closesAt', message: '投票截止时间须晚于现在' }]);
  const opened = await startStreetWide<StreetTopicItem>({
    ...req,
    route: 'streets.openTopic',
    action: 'street-topic',
    input,
    draft: ({ street, communities, id }) => ({
      streetId: req.streetId,
      streetTopicId: id,
      streetName: street.name,
      title: input.title,
      description: input.description,
      basis: input.basis,
      preset: input.preset,
      ballot: ballotSpec(input.ballot.kind, input.ballot.options, input.ballot.maxChoices),
      opensAt: input.opensAt < at ? at : new Date(input.opensAt).toISOString(),
      closesAt: new Date(input.closesAt).toISOString(),
      createdBy: req.principal.userId,
      createdAt: at,
      communities: communities.map((c) => ({ communityId: c.communityId, name: c.name })),
      counted: 0,
    }),
    put: (topic) => streetTopics.transactPut(topic, { condition: { attr: 'streetTopicId', exists: false } }),
    load: async (streetTopicId) =>
      (await streetTopics.get({ streetId: req.streetId, streetTopicId }, { consistent: true })).Item,
    pending: '该议题正在发起，请稍后刷新',
  });
  const spec = voteSpecOf(opened, input.ballot.kind === 'approve' ? [] : input.ballot.options);
  await writeInEach({
    communities: chosenIn(opened),
    objectId: opened.streetTopicId,
    once: 'topic',
    writesIn: (c) => pollWritesIn(opened, c, spec, req.now),
  });
  return streetTopicView(opened);
}

/** One chosen community's poll, voting over the whole community (none when a retry finds it open there). */
async function pollWritesIn(t: Draft<StreetTopicItem>, c: Chosen, spec: VoteSpec, now: Date) {
  const { Item: existing } = await topics.get({ communityId: c.communityId, topicId: t.streetTopicId });
  if (existing) return undefined;
  const vote = await voteSettingsOf(c.communityId, spec, now, 'body');
  const item: Draft<TopicItem> = {
    communityId: c.communityId,
    topicId: t.streetTopicId,
    title: t.title,
    description: t.description,
    origin: 'committee',
    phase: 'voting',
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    supportCount: 0,
    supportThreshold: 0,
    vote,
    scheduleChanges: [],
    openConflicts: 0,
    resolvedConflicts: 0,
    street: { streetId: t.streetId, streetTopicId: t.streetTopicId, name: t.streetName },
  };
  return {
    topic: topics.transactPut(item, { condition: { attr: 'topicId', exists: false } }),
    ...openingWrites(item, vote, now),
  };
}

/** The street topic with each community's tally so far and, once all are published, the street's sum. */
async function streetTopicView(t: Draft<StreetTopicItem>): Promise<StreetTopicView> {
  const tallies = await talliesOf(t as StreetTopicItem);
  const chosen = chosenIn(t);
  return {
    streetTopicId: t.streetTopicId,
    streetName: t.streetName,
    title: t.title,
    description: t.description,
    basis: t.basis,
    preset: t.preset,
    ballot: t.ballot,
    opensAt: t.opensAt,
    closesAt: t.closesAt,
    createdAt: t.createdAt,
    counted: tallies.size,
    communities: chosen.map((c) => {
      const tally = tallies.get(c.communityId);
      return {
        communityId: c.communityId,
        name: c.name,
        topicId: t.streetTopicId,
        published: !!tally,
        electorate: tally?.electorate ?? 0,
        ballots: tally?.ballots ?? 0,
        options:
          (tally?.options as StreetTopicView['communities'][number]['options'] | undefined) ??
          t.ballot.options.map((o) => ({ ...o, heads: 0 })),
        summary: tally?.summary,
      };
    }),
    total: t.total as StreetTopicView['total'],
  };
}

/** 街道议事 detail (the sum is completed here too, should the last publication have stopped short of it). */
export async function getStreetTopic({
  streetId,
  streetTopicId,
  now,
}: {
  streetId: string;
  streetTopicId: string;
  now: Date;
}): Promise<StreetTopicView> {
  const topic = await completeStreetTopic(streetId, streetTopicId, now);
  if (!topic) throw notFound('街道议题');
  return streetTopicView(topic);
}

/** The street's 议事, newest first (W10: one Query). */
export async function listStreetTopics({ streetId }: { streetId: string }) {
  await loadStreet(streetId);
  const { Items = [] } = await streetQueries.query.topics({ streetId, page: { limit: 20 } }).send();
  return {
    items: Items.map((t) => {
      const n = (t.communities as Chosen[]).length;
      return {
        streetTopicId: t.streetTopicId,
        title: t.title,
        basis: t.basis,
        opensAt: t.opensAt,
        closesAt: t.closesAt,
        createdAt: t.createdAt,
        communities: n,
        counted: t.counted,
        done: !!t.total,
      };
    }),
  };
}
