import { createHash } from 'node:crypto';
import { $append, $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  addHours,
  chinaDateTime,
  RULE_PRESETS,
  scopeAudience,
  tally,
  thresholdSymbol,
  thresholdWords,
  type Check,
  type ChunkedTree,
  type ResultView,
  type Tally,
  type TopicScope,
} from '@linli/shared';
import { auditEvents } from '../db/entities/auditEvent';
import { closingReminderDue } from './closingReminder';
import { allBoxes, ballotBoxes } from '../db/entities/ballotBox';
import type { BallotItem } from '../db/entities/ballot';
import type { ParticipationItem } from '../db/entities/participation';
import { topicIndexKeys, topics, type TopicItem, type VoteSettings } from '../db/entities/topic';
import { resultOfItem, topicResults } from '../db/entities/topicResult';
import { transact } from '../db/transactions';
import { noteStaffChange } from '../db/staffLog';
import { isConditionFailure } from '../db/errors';
import { ulid } from '../commons/ids';
import { logger } from '../commons/logger';
import { badRequest, conflict } from '../http/errors';
import { notificationIntent } from '../notifications/outbox';
import { specOf } from './casting';
import { ballotListSha256, publishedBallots, receiptRootOf, receiptTree, storeReceiptTree } from './bulletin';
import { topicLink, turnoutByBuilding } from './views';
import { loadTopic, type TopicRequest } from './topicItem';
import { agora } from '../db/registries/agora';
import { completeStreetTopic, streetTallyWrites } from './streetTally';

/** Every ballot of a poll, read back from the table (strongly consistent, all pages). */
export async function readBallots(communityId: string, topicId: string): Promise<BallotItem[]> {
  const { Items = [] } = await agora.query.ballotsOf({ communityId, topicId }).send();
  return Items;
}

/** Every "who voted" record of a poll. */
export async function readParticipations(communityId: string, topicId: string): Promise<ParticipationItem[]> {
  const { Items = [] } = await agora.query.votersOf({ communityId, topicId }).send();
  return Items;
}

/** Fingerprint of a set of ballots (receipt and choices, in receipt order): same digest, same ballots. */
export function ballotsDigest(items: BallotItem[]): string {
  const lines = items.map((b) => `${b.receipt}:${[...b.choices].sort().join(',')}:${b.heads}:${b.area}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

const checkView = (c: Check) => ({
  label: c.label,
  measure: c.measure,
  value: c.measure === 'area' ? c.value / 100 : c.value,
  total: c.measure === 'area' ? c.total / 100 : c.total,
  threshold: thresholdSymbol(c.threshold),
  thresholdWords: thresholdWords(c.threshold),
  met: c.met,
});

/**
 * 计票: recounts a poll from the ballots themselves and the participation records (never from the
 * turnout counters), applies the rule, and shapes the result as published.
 */
export async function countPoll(
  topic: TopicItem,
  now: Date,
): Promise<{ result: ResultView; digest: string; tally: Tally; tree: ChunkedTree }> {
  const vote = topic.vote as VoteSettings;
  const [ballotItems, voters] = await Promise.all([
    readBallots(topic.communityId, topic.topicId),
    readParticipations(topic.communityId, topic.topicId),
  ]);
  const cast = voters.filter((p) => p.status === 'cast');
  const t = tally({
    spec: specOf(vote),
    basis: vote.basis,
    preset: vote.preset,
    electorate: { heads: vote.electorate.heads, area: vote.electorate.area },
    ballots: ballotItems,
  });
  const turnout = { byBuilding: {} as Record<string, { count: number; area: number }> };
  for (const p of cast)
    for (const [b, c] of Object.entries(p.byBuilding)) {
      const slot = (turnout.byBuilding[b] ??= { count: 0, area: 0 });
      slot.count += c.count;
      slot.area += c.area;
    }
  const participationArea = cast.reduce((n, p) => n + p.area, 0);
  const names = vote.secrecy === 'open' ? namesByOption(ballotItems) : undefined;
  const tree = receiptTree(topic.topicId, ballotItems);
  const result: ResultView = {
    countedAt: now.toISOString(),
    ballots: t.ballots,
    electorate: { heads: vote.electorate.heads, area: vote.electorate.area / 100 },
    // Heads and area of everyone who voted; area comes from the participation records, since only
    // owners' ballots carry one.
    participation: {
      heads: t.participation.heads,
      area: participationArea / 100,
      byChannel: {
        online: cast.filter((p) => p.channel === 'online').length,
        paper: cast.filter((p) => p.channel === 'paper').length,
        proxy: cast.filter((p) => p.channel === 'proxy').length,
      },
    },
    abstentions: { heads: t.abstentions.heads, area: t.abstentions.area / 100 },
    abstentionRule: t.abstentionRule,
    quorum: { met: t.quorum.met, checks: t.quorum.checks.map(checkView) },
    options: t.options.map((o) => ({
      optionId: o.optionId,
      label: o.label,
      heads: o.heads,
      area: o.area / 100,
      passes: o.passes,
      checks: o.checks.map(checkView),
      ...(names ? { voters: names.get(o.optionId) ?? [] } : {}),
    })),
    outcome: t.outcome,
    summary: t.summary,
    decidedBy: t.decidedBy,
    legalBasis: RULE_PRESETS[vote.preset].legalBasis,
    turnoutByBuilding: turnoutByBuilding(topic, turnout),
    integrity: {
      participations: cast.length,
      ballots: ballotItems.length,
      consistent:
        cast.length === ballotItems.length && (vote.basis !== 'owners' || participationArea === t.participation.area),
    },
    conflicts: { open: topic.openConflicts ?? 0, resolved: topic.resolvedConflicts ?? 0 },
    receiptRoot: receiptRootOf(tree),
    ballotListSha256: ballotListSha256(await publishedBallots(topic.topicId, vote, ballotItems)),
  };
  return { result, digest: ballotsDigest(ballotItems), tally: t, tree };
}

function namesByOption(items: BallotItem[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const b of items) for (const c of b.choices) names.set(c, [...(names.get(c) ?? []), b.voterLabel ?? '']);
  for (const list of names.values()) list.sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }));
  return names;
}

/**
 * 截止与公示. Closes a due poll (idempotent, safe to run from the schedule and from an early close at
 * once): one transaction moves the topic to counting and shuts every ballot box, after which no cast
 * can succeed; then the ballots are recounted and the result written once, with the publication
 * notification, in one transaction conditioned on the topic still counting.
 */
export async function closePoll(
  communityId: string,
  topicId: string,
  now: Date,
): Promise<'published' | 'notDue' | 'alreadyPublished'> {
  let topic = await loadTopic(communityId, topicId, true);
  if (topic.phase === 'published') return 'alreadyPublished';
  if (topic.phase === 'voting') {
    if (!topic.vote || topic.vote.closesAt > now.toISOString()) return 'notDue';
    try {
      await transact({
        topic: topics.transactUpdate(
          {
            communityId,
            topicId,
            phase: 'counting',
            ...topicIndexKeys({ ...topic, phase: 'counting', closesAt: topic.vote.closesAt }),
          },
          {
            condition: {
              and: [
                { attr: 'phase', eq: 'voting' },
                { attr: 'vote.closesAt', lte: now.toISOString() },
              ],
            },
          },
        ),
        boxes: allBoxes().map((box) => ballotBoxes.transactUpdate({ communityId, topicId, box, open: false })),
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    topic = await loadTopic(communityId, topicId, true);
  }
  if (topic.phase !== 'counting') return topic.phase === 'published' ? 'alreadyPublished' : 'notDue';

  const { result, digest, tree } = await countPoll(topic, now);
  const vote = topic.vote as VoteSettings;
  // The chunks go first: once the result is visible, every voter's proof can be read.
  const treeIndex = await storeReceiptTree(communityId, topicId, tree);
  try {
    await transact({
      result: topicResults.transactPut(
        { communityId, topicId, countedAt: result.countedAt, digest, result, tree: treeIndex },
        { condition: { attr: 'topicId', exists: false } },
      ),
      topic: topics.transactUpdate(
        {
          communityId,
          topicId,
          phase: 'published',
          publishedAt: now.toISOString(),
          ...topicIndexKeys({ ...topic, phase: 'published' }),
        },
        { condition: { attr: 'phase', eq: 'counting' } },
      ),
      notice: notificationIntent(
        {
          communityId,
          event: 'agora.resultPublished',
          dedupeKey: `${topicId}:published`,
          audience: scopeAudience(vote.scope as TopicScope),
          title: `表决结果公示：${topic.title}`,
          body: result.summary,
          link: topicLink(communityId, topicId),
          data: { title: topic.title, outcome: result.summary.split('。')[0] ?? '', closedAt: vote.closesAt },
        },
        now,
      ),
      // 街道议事: the community's counts go to the street topic with its publication, once.
      ...streetTallyWrites(topic, result),
    });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return 'alreadyPublished';
  }
  // The last community's publication sums the street's result; should this fail, the street's own read completes it.
  if (topic.street)
    await completeStreetTopic(topic.street.streetId, topic.street.streetTopicId, now).catch((error: Error) =>
      logger.warn('street topic not summed yet', { ...topic.street, error }),
    );
  logger.info('poll published', {
    communityId,
    topicId,
    ballots: result.ballots,
    consistent: result.integrity.consistent,
  });
  return 'published';
}

export interface RecountRequest extends Omit<TopicRequest, 'principal'> {
  actorId: string;
}

/** 复核: recounts from the ballots now and compares with the published result, on the record. */
export async function recount({ actorId, communityId, topicId, now }: RecountRequest) {
  const topic = await loadTopic(communityId, topicId, true);
  const { Item: stored } = await topicResults.get({ communityId, topicId }, { consistent: true });
  if (topic.phase !== 'published' || !stored) throw conflict('结果公示后才能复核', 'ILLEGAL_TRANSITION');
  const published = resultOfItem(stored);
  const { result, digest } = await countPoll(topic, now);
  const differences: string[] = [];
  if (digest !== stored.digest) differences.push('选票集合与公示时不同');
  if (published.receiptRoot && published.receiptRoot.root !== result.receiptRoot?.root)
    differences.push('核验码承诺（默克尔根）与公示时不同');
  if (published.ballotListSha256 && published.ballotListSha256 !== result.ballotListSha256)
    differences.push('选票清单的 SHA-256 与公示时不同');
  if (result.ballots !== published.ballots)
    differences.push(`选票数：公示 ${published.ballots}，复核 ${result.ballots}`);
  if (
    result.participation.heads !== published.participation.heads ||
    result.participation.area !== published.participation.area
  )
    differences.push(
      `参与：公示 ${published.participation.heads} / ${published.participation.area}㎡，复核 ${result.participation.heads} / ${result.participation.area}㎡`,
    );
  for (const o of result.options) {
    const p = published.options.find((x) => x.optionId === o.optionId);
    if (!p || p.heads !== o.heads || p.area !== o.area)
      differences.push(`${o.label}：公示 ${p?.heads ?? 0}（${p?.area ?? 0}㎡），复核 ${o.heads}（${o.area}㎡）`);
  }
  if (
    result.outcome.kind !== published.outcome.kind ||
    result.outcome.winners.join() !== published.outcome.winners.join()
  )
    differences.push(`结论：公示「${published.summary.split('。')[0]}」，复核「${result.summary.split('。')[0]}」`);
  const reason = differences.length ? differences.join('；') : '与公示结果一致';
  noteStaffChange({ after: { outcome: reason } });
  // The audit record and its staff-log entry (added by transact) commit together.
  await transact({
    audit: auditEvents.transactPut({
      communityId,
      eventId: `${now.toISOString()}#${ulid()}`,
      actorId,
      action: 'agora.recount',
      target: topicId,
      reason,
      at: now.toISOString(),
    }),
  });
  return { matches: differences.length === 0, differences, recountedAt: now.toISOString(), ballots: result.ballots };
}

export interface ChangeScheduleRequest extends Omit<TopicRequest, 'principal'> {
  by: { userId: string; name: string };
  input: { action: 'closeNow' | 'extend'; closesAt?: string; reason: string };
}

/**
 * 提前结束 / 延长投票: the committee's reason goes on the topic (shown to everyone) and the audit
 * record; the boxes move with the topic in one transaction. An early close then counts at once.
 */
export async function changeSchedule({ by, communityId, topicId, input, now }: ChangeScheduleRequest) {
  const topic = await loadTopic(communityId, topicId, true);
  const vote = topic.vote;
  const at = now.toISOString();
  if (topic.phase !== 'voting' || !vote || vote.closesAt <= at)
    throw conflict('投票已截止，不能再调整时间', 'ILLEGAL_TRANSITION');
  const to = input.action === 'closeNow' ? at : new Date(input.closesAt as string).toISOString();
  if (input.action === 'extend' && to <= vote.closesAt)
    throw badRequest('新的截止时间须晚于原截止时间', [
      { field: 'body.closesAt', message: `须晚于原截止时间 ${chinaDateTime(vote.closesAt)}` },
    ]);
  if (input.action === 'closeNow' && at < vote.opensAt)
    throw conflict('投票尚未开始，不能提前结束', 'ILLEGAL_TRANSITION');
  const change = {
    action: input.action,
    from: vote.closesAt,
    to,
    reason: input.reason,
    by: by.userId,
    byName: by.name,
    at,
  };
  noteStaffChange({ before: { closesAt: vote.closesAt }, after: { closesAt: to, reason: input.reason } });
  try {
    await transact({
      topic: topics.transactUpdate(
        {
          communityId,
          topicId,
          vote: { closesAt: to },
          scheduleChanges: $append([change]),
          ...topicIndexKeys({ ...topic, closesAt: to }),
          ...(input.action === 'extend' ? { reminderSentAt: $remove() } : {}),
        },
        {
          condition: {
            and: [
              { attr: 'phase', eq: 'voting' },
              { attr: 'vote.closesAt', eq: vote.closesAt },
            ],
          },
        },
      ),
      boxes: allBoxes().map((box) =>
        ballotBoxes.transactUpdate(
          { communityId, topicId, box, closesAt: to },
          { condition: { attr: 'open', eq: true } },
        ),
      ),
      audit: auditEvents.transactPut({
        communityId,
        eventId: `${at}#${ulid()}`,
        actorId: by.userId,
        action: `agora.${input.action}`,
        target: topicId,
        reason: input.reason,
        at,
      }),
    });
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('投票时间刚刚被调整，请刷新后重试');
    throw error;
  }
  if (input.action === 'closeNow') await closePoll(communityId, topicId, now);
}

/**
 * The scheduled work of 议事厅, run every minute: closes and counts polls whose time is up, and sends
 * "closing in 24 h" once per poll to those who have not voted (the audience names the poll; the
 * dispatcher asks nonVotersOf for the people), but not within hours of the poll's opening notice
 * (closingReminderDue).
 */
export async function runAgoraClock(now: Date): Promise<{ closed: number; reminded: number }> {
  const { Items = [] } = await agora.query.pollsClosingBy({ closingBy: addHours(now, 24).toISOString() }).send();
  let closed = 0;
  let reminded = 0;
  for (const topic of Items) {
    try {
      if (topic.phase === 'counting' || (topic.vote && topic.vote.closesAt <= now.toISOString())) {
        if ((await closePoll(topic.communityId, topic.topicId, now)) === 'published') closed++;
      } else if (
        topic.vote &&
        !topic.reminderSentAt &&
        // The opening notice (请参与表决) went out when the vote was scheduled, as its electorate was frozen.
        closingReminderDue({ ...topic.vote, openingNoticeAt: topic.vote.electorate.frozenAt }, now)
      ) {
        if (await remindNonVoters(topic, now)) reminded++;
      }
    } catch (error) {
      // One poll's trouble must not stop the others; the next run tries it again.
      logger.error('agora clock failed for a poll', {
        communityId: topic.communityId,
        topicId: topic.topicId,
        error: error as Error,
      });
    }
  }
  return { closed, reminded };
}

async function remindNonVoters(topic: TopicItem, now: Date): Promise<boolean> {
  const vote = topic.vote as VoteSettings;
  const { communityId, topicId } = topic;
  try {
    await transact({
      topic: topics.transactUpdate(
        { communityId, topicId, reminderSentAt: now.toISOString() },
        {
          condition: {
            and: [
              { attr: 'reminderSentAt', exists: false },
              { attr: 'phase', eq: 'voting' },
              { attr: 'vote.closesAt', eq: vote.closesAt },
            ],
          },
        },
      ),
      reminder: notificationIntent(
        {
          communityId,
          event: 'agora.closingSoon',
          dedupeKey: `${topicId}:closing:${vote.closesAt}`,
          audience: { kind: 'topicNonVoters', topicId },
          title: `投票即将截止：${topic.title}`,
          body: `投票将于 ${chinaDateTime(vote.closesAt)} 截止，您${vote.basis === 'person' ? '' : '家'}还没有投票`,
          link: topicLink(communityId, topicId),
          data: { title: topic.title, closesAt: vote.closesAt },
        },
        now,
      ),
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
