import { $add, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import type { ResultView, StreetSum } from '@linli/shared';
import {
  streetTopics,
  streetTopicTallies,
  type StreetTopicItem,
  type StreetTopicTallyItem,
} from '../db/entities/streetTopic';
import type { TopicItem } from '../db/entities/topic';
import { transact, type WriteTx } from '../db/transactions';
import { isConditionFailure } from '../db/errors';

/**
 * 街道议事: a community poll that is part of a street topic (`Topic.street`) hands its published counts to
 * the street. What it hands over is counts only — electorate, ballots, heads per option — never a ballot,
 * so no ballot crosses a community boundary and the community's own recount stays the authority.
 */

/**
 * The writes that go in the transaction publishing a community's result: its tally (condition: absent, so
 * a community counts once) and the street topic's `counted + 1` (condition: the topic exists). None for a
 * community's own poll.
 */
export function streetTallyWrites(topic: TopicItem, result: ResultView): Record<string, WriteTx> {
  if (!topic.street) return {};
  const { streetId, streetTopicId } = topic.street;
  return {
    streetTally: streetTopicTallies.transactPut(
      {
        streetId,
        streetTopicId,
        communityId: topic.communityId,
        electorate: result.electorate.heads,
        ballots: result.ballots,
        options: result.options.map((o) => ({ optionId: o.optionId, label: o.label, heads: o.heads })),
        summary: result.summary,
        countedAt: result.countedAt,
      },
      { condition: { attr: 'communityId', exists: false } },
    ),
    streetCounted: streetTopics.transactUpdate(
      { streetId, streetTopicId, counted: $add(1) },
      { condition: { attr: 'streetTopicId', exists: true } },
    ),
  };
}

/** Each chosen community's tally so far (GetItem per community: N is at most 50). */
export async function talliesOf(topic: StreetTopicItem): Promise<Map<string, StreetTopicTallyItem>> {
  const list = topic.communities as { communityId: string }[];
  const found = await Promise.all(
    list.map((c) =>
      streetTopicTallies.get(
        { streetId: topic.streetId, streetTopicId: topic.streetTopicId, communityId: c.communityId },
        { consistent: true },
      ),
    ),
  );
  return new Map(found.flatMap((r) => (r.Item ? [[r.Item.communityId, r.Item] as const] : [])));
}

/** The street's sum of its communities' tallies (options in the ballot's order). */
export function sumOf(tallies: StreetTopicTallyItem[], now: Date): StreetSum {
  const options = new Map<string, { optionId: string; label: string; heads: number }>();
  for (const t of tallies)
    for (const o of t.options as { optionId: string; label: string; heads: number }[]) {
      const slot = options.get(o.optionId) ?? { optionId: o.optionId, label: o.label, heads: 0 };
      slot.heads += o.heads;
      options.set(o.optionId, slot);
    }
  return {
    countedAt: now.toISOString(),
    electorate: tallies.reduce((n, t) => n + t.electorate, 0),
    ballots: tallies.reduce((n, t) => n + t.ballots, 0),
    options: [...options.values()],
  };
}

/**
 * Once every chosen community's poll is published, writes the street's sum, once: conditioned on
 * `counted` equal to the number of communities and no sum yet. Called after each community's publication
 * (the last one writes it) and by the street's own reads (a crash between the two is completed there).
 * Answers the topic as it now stands.
 */
export async function completeStreetTopic(
  streetId: string,
  streetTopicId: string,
  now: Date,
): Promise<StreetTopicItem | undefined> {
  const { Item: topic } = await streetTopics.get({ streetId, streetTopicId }, { consistent: true });
  const n = (topic?.communities as unknown[] | undefined)?.length ?? 0;
  if (!topic || topic.total || topic.counted < n) return topic;
  const tallies = [...(await talliesOf(topic)).values()];
  if (tallies.length < n) return topic;
  const total = sumOf(tallies, now);
  try {
    await transact({
      total: streetTopics.transactUpdate(
        // $set: the sum replaces the attribute whole (a plain object would be read as a deep update of paths).
        { streetId, streetTopicId, total: $set(total) },
        {
          condition: {
            and: [
              { attr: 'counted', eq: n },
              { attr: 'total', exists: false },
            ],
          },
        },
      ),
    });
    return { ...topic, total };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return (await streetTopics.get({ streetId, streetTopicId }, { consistent: true })).Item;
  }
}
