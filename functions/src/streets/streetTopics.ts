import { addDays, ballotSpec, type StreetTopicInput, type StreetTopicView, type VoteSpec } from '@linli/shared';
import type { CommunityItem } from '../db/entities/community';
import { idempotencyRecords } from '../db/entities/idempotencyRecord';
import { topics, type TopicItem } from '../db/entities/topic';
import { streetTopics, type StreetTopicItem } from '../db/entities/streetTopic';
import { streets as streetQueries } from '../db/registries/streets';
import { noteStaffChange, staffEntryIn } from '../db/staffLog';
import { failedWrites, transact } from '../db/transactions';
import type { Draft } from '../db/draft';
import { epochSeconds } from '../commons/clock';
import { ulid } from '../commons/ids';
import { badRequest, conflict, notFound } from '../http/errors';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { openingWrites, voteSettingsOf } from '../agora/opening';
import { completeStreetTopic, talliesOf } from '../agora/streetTally';
import { addressedCommunities, loadStreet } from './streets';
import type { StreetRequest } from './streetNotices';

/**
 * 街道议事 (issue 15 §2): the street office's consultation across chosen communities. Like 街道通知, the
 * street object is written first with the sender's idempotency record, then **one ordinary community poll
 * per chosen community** — a `Topic` under the street topic's id in each, voting at once over the whole
 * community, with its own frozen electorate, ballot boxes, secret ballots and receipts, and the same
 * `agoraClock` close and recount. Each community's poll is its own transaction, conditioned on absent, so
 * a retried or resumed request opens each at most once. The street result is the sum of the published
 * community results (agora/streetTally.ts).
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
export async function openStreetTopic({
  principal,
  streetId,
  input,
  now,
}: OpenStreetTopicRequest): Promise<StreetTopicView> {
  const fingerprint = requestFingerprint({
    route: 'streets.openTopic',
    caller: principal.userId,
    params: { streetId },
    body: input,
  });
  if (input.closesAt <= now.toISOString())
    throw badRequest('投票截止时间须晚于现在', [{ field: 'body.closesAt', message: '投票截止时间须晚于现在' }]);
  const street = await loadStreet(streetId);
  const list = await addressedCommunities(streetId, input.communityIds);
  const streetTopicId = ulid(now.getTime());
  const ballot = ballotSpec(input.ballot.kind, input.ballot.options, input.ballot.maxChoices);
  const topic: Draft<StreetTopicItem> = {
    streetId,
    streetTopicId,
    streetName: street.name,
    title: input.title,
    description: input.description,
    basis: input.basis,
    preset: input.preset,
    ballot,
    opensAt: (input.opensAt < now.toISOString() ? now : new Date(input.opensAt)).toISOString(),
    closesAt: new Date(input.closesAt).toISOString(),
    createdBy: principal.userId,
    createdAt: now.toISOString(),
    communities: list.map((c: CommunityItem) => ({ communityId: c.communityId, name: c.name })),
    counted: 0,
  };
  const action = `street-topic:${streetId}`;
  const writes = {
    request: idempotencyRecords.transactPut(
      {
        userId: principal.userId,
        action,
        requestId: input.requestId,
        result: streetTopicId,
        requestFingerprint: fingerprint,
        ttl: epochSeconds(addDays(now, 1)),
      },
      { condition: { attr: 'requestId', exists: false } },
    ),
    topic: streetTopics.transactPut(topic, { condition: { attr: 'streetTopicId', exists: false } }),
  };
  let opened: Draft<StreetTopicItem> = topic;
  // The street's log names the street topic (each community's names its poll there, under the same id).
  noteStaffChange({ objectId: streetTopicId });
  try {
    await transact(writes);
  } catch (error) {
    if (!failedWrites(error, writes)?.has('request')) throw error;
    // The same request again: finish what the first one started (another request under its id: 409).
    const { Item: done } = await idempotencyRecords.get(
      { userId: principal.userId, action, requestId: input.requestId },
      { consistent: true },
    );
    assertSameRequest(done?.requestFingerprint, fingerprint);
    const { Item } = done
      ? await streetTopics.get({ streetId, streetTopicId: done.result }, { consistent: true })
      : { Item: undefined };
    if (!Item) throw conflict('该议题正在发起，请稍后刷新');
    opened = Item;
  }
  const labels = input.ballot.kind === 'approve' ? [] : input.ballot.options;
  for (const c of chosenIn(opened)) await openIn(opened, c, voteSpecOf(opened, labels), now);
  return streetTopicView(opened);
}

/** One chosen community's poll, voting over the whole community, and the staff log entry there; once. */
async function openIn(t: Draft<StreetTopicItem>, c: Chosen, spec: VoteSpec, now: Date): Promise<void> {
  const { Item: existing } = await topics.get({ communityId: c.communityId, topicId: t.streetTopicId });
  if (existing) return;
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
  const logged = staffEntryIn(c.communityId, t.streetTopicId);
  const writes = {
    topic: topics.transactPut(item, { condition: { attr: 'topicId', exists: false } }),
    ...openingWrites(item, vote, now),
    staffLog: logged?.write,
  };
  try {
    await transact(writes);
    logged?.committed();
  } catch (error) {
    // Opened there already (a concurrent retry): nothing to do.
    if (failedWrites(error, writes)?.has('topic')) return;
    throw error;
  }
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
