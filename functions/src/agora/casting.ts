import { $add, $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { chinaDateTime, invalidChoices, stableHash, type BallotSpec, type VoteChannel } from '@linli/shared';
import { auditEvents } from '../db/entities/auditEvent';
import { ballotBoxes, boxOf } from '../db/entities/ballotBox';
import { ballots } from '../db/entities/ballot';
import { participations, type ParticipationItem } from '../db/entities/participation';
import { topics, type TopicItem, type VoteSettings } from '../db/entities/topic';
import { voteConflicts, type VoteConflictItem } from '../db/entities/voteConflict';
import { failedWrites, transact, type WriteTx } from '../db/transactions';
import { isConditionFailure } from '../db/errors';
import { ulid } from '../commons/ids';
import { badRequest, conflict } from '../http/errors';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { receiptOf } from './receipts';
import type { Seat } from './seats';

export type Channel = VoteChannel;

export interface CastRequest {
  topic: TopicItem;
  seat: Seat;
  choices: string[];
  channel: Channel;
  /** The resident who votes online, or the 楼长/网格员 who records a paper ballot. */
  actor: { userId: string; name: string };
  requestId: string;
  photoKey?: string;
  /**
   * A 书面委托 cast (`channel: 'proxy'`): the proxy's own condition (confirmed, this caster's) joins the
   * cast's transaction as the `proxy` write, so a revocation and a cast at once cannot both commit.
   * `assisted`: the committee records the signed ballot of a proxy who is not on the app.
   */
  proxy?: { guard: WriteTx; castByName: string; route: string; assisted: boolean };
  now: Date;
}

/** Who a cast is recorded against: the caster's index holds what they cast themselves (online, or as a proxy). */
const castByOf = (req: CastRequest) =>
  req.channel === 'online' || (req.channel === 'proxy' && !req.proxy?.assisted) ? req.actor.userId : undefined;
const recordedByOf = (req: CastRequest) =>
  req.channel === 'paper' || (req.channel === 'proxy' && req.proxy?.assisted) ? req.actor.userId : undefined;

function castByNameOf(req: CastRequest): string {
  if (req.proxy) return req.proxy.castByName;
  return req.channel === 'online' ? req.actor.name : `${req.actor.name}代录纸质票`;
}

function conflictMessage(req: CastRequest, existing: ParticipationItem): string {
  const at = chinaDateTime(existing.castAt);
  if (req.channel === 'proxy')
    return `该业主已于 ${at} 投票（${existing.channel === 'online' ? '业主本人线上' : existing.castByName}），委托投票未计入，已提交居委会核实`;
  if (existing.channel === 'proxy')
    return `该业主的票已于 ${at} 由${existing.castByName}投出，${req.channel === 'paper' ? '纸质票' : '线上投票'}未计入，已提交居委会核实`;
  return req.channel === 'paper'
    ? `该户已于 ${at} 投票（${existing.channel === 'online' ? '线上' : existing.castByName}），纸质票未计入，已提交居委会核实`
    : `本户已有纸质票（${existing.castByName}），线上投票未计入，已提交居委会核实`;
}

export const specOf = (vote: VoteSettings): BallotSpec => ({
  kind: vote.ballot.kind,
  options: vote.ballot.options,
  maxChoices: vote.ballot.maxChoices,
});

const boxIsOpen = (topic: TopicItem, voterKey: string, now: Date) =>
  ballotBoxes.transactCheck(
    { communityId: topic.communityId, topicId: topic.topicId, box: boxOf(voterKey) },
    {
      and: [
        { attr: 'open', eq: true },
        { attr: 'opensAt', lte: now.toISOString() },
        { attr: 'closesAt', gt: now.toISOString() },
      ],
    },
  );

function windowProblem(topic: TopicItem, now: Date): string | undefined {
  const vote = topic.vote;
  if (!vote || topic.phase !== 'voting')
    return topic.phase === 'counting' || topic.phase === 'published' ? '投票已截止' : '该议题尚未开始表决';
  const at = now.toISOString();
  if (at < vote.opensAt) return `投票将于 ${chinaDateTime(vote.opensAt)} 开始`;
  if (at >= vote.closesAt) return '投票已截止';
  return undefined;
}

/**
 * 投票 / 代录: casts the seat's ballot. Exactly one ballot per seat across every channel: the first cast
 * puts the Participation on the condition that none exists, in one transaction with the anonymous
 * Ballot and the check that its ballot box is open. A second cast is the same request retried
 * (answered with the same receipt), a permitted change (the old ballot is deleted and the new one put
 * in one transaction, conditioned on the version it replaces), a vote after the committee voided the
 * earlier one, or refused: "already voted" on the same channel, a conflict for the committee across
 * channels.
 */
export async function castBallot(req: CastRequest): Promise<{ receipt: string; changed: boolean }> {
  const { topic, seat, now } = req;
  const problem = windowProblem(topic, now);
  if (problem) throw conflict(problem, 'POLL_NOT_OPEN');
  const vote = topic.vote as VoteSettings;
  const invalid = invalidChoices(specOf(vote), req.choices);
  if (invalid) throw badRequest(invalid, [{ field: 'body.choices', message: invalid }]);

  const { communityId, topicId } = topic;
  const key = { communityId, topicId, voterKey: seat.voterKey };
  const castAt = now.toISOString();
  // The seat the body named (voterKey, unitId) scopes the key; the rest of the request is fingerprinted.
  const fingerprint = requestFingerprint({
    route: req.proxy?.route ?? (req.channel === 'online' ? 'agora.castBallot' : 'agora.recordPaperBallot'),
    caller: req.actor.userId,
    params: { communityId, topicId, voterKey: seat.voterKey },
    body: { choices: req.choices, photoKey: req.photoKey, requestId: req.requestId },
  });
  const who = {
    channel: req.channel,
    castByName: castByNameOf(req),
    castAt,
    requestId: req.requestId,
    requestFingerprint: fingerprint,
  };
  const ballotFor = async (version: number) => {
    const receipt = await receiptOf({ ...key, version });
    const put = ballots.transactPut(
      {
        communityId,
        topicId,
        receipt,
        choices: req.choices,
        heads: seat.heads,
        area: vote.basis === 'owners' ? seat.area : 0,
        voterLabel: vote.secrecy === 'open' ? seat.label : undefined,
      },
      { condition: { attr: 'receipt', exists: false } },
    );
    return { receipt, put };
  };
  const box = boxIsOpen(topic, seat.voterKey, now);
  const refuseIfClosed = (failed: ReadonlySet<string> | undefined) => {
    // The box is the authority: shut early, or the window moved since the topic was read.
    if (failed?.has('box')) throw conflict(windowProblem(topic, now) ?? '投票已截止', 'POLL_NOT_OPEN');
    if (failed?.has('proxy')) throw conflict('该委托已撤销或未经居委会确认，不能代为投票');
  };

  const first = await ballotFor(1);
  const firstCast = {
    box,
    seat: participations.transactPut(
      {
        ...key,
        label: seat.label,
        status: 'cast',
        tallied: false,
        version: 1,
        ...who,
        castBy: castByOf(req),
        recordedBy: recordedByOf(req),
        photoKey: req.photoKey,
        heads: seat.heads,
        area: seat.area,
        byBuilding: seat.byBuilding,
      },
      { condition: { attr: 'voterKey', exists: false } },
    ),
    ballot: first.put,
    proxy: req.proxy?.guard,
  };
  try {
    await transact(firstCast);
    return { receipt: first.receipt, changed: false };
  } catch (error) {
    const failed = failedWrites(error, firstCast);
    refuseIfClosed(failed);
    if (!failed?.has('seat')) throw error;
  }

  // Someone voted for this seat before: read what is there and take the path its state allows.
  for (let attempt = 0; attempt < 3; attempt++) {
    const { Item: existing } = await participations.get(key, { consistent: true });
    if (!existing) throw conflict('投票记录刚刚发生变化，请重试');
    if (existing.requestId === req.requestId && existing.status === 'cast') {
      assertSameRequest(existing.requestFingerprint, fingerprint);
      return { receipt: await receiptOf({ ...key, version: existing.version }), changed: existing.version > 1 };
    }
    const crossChannel = existing.status === 'cast' && (req.channel === 'paper' || existing.channel !== req.channel);
    if (crossChannel) {
      await flagConflict(topic, existing, req);
      throw conflict(conflictMessage(req, existing), 'VOTE_CONFLICT');
    }
    if (existing.status === 'cast' && !vote.allowChanges)
      throw conflict(
        `${seat.voterKey.startsWith('P_') ? '您' : '本户'}已于 ${chinaDateTime(existing.castAt)} 由 ${existing.castByName} 投票，本议题不允许改票`,
        'ALREADY_VOTED',
      );

    const next = await ballotFor(existing.version + 1);
    const previous = await receiptOf({ ...key, version: existing.version });
    const replacing = existing.status === 'cast';
    const change = {
      box,
      seat: participations.transactUpdate(
        {
          ...key,
          status: 'cast',
          version: existing.version + 1,
          ...who,
          castBy: castByOf(req) ?? $remove(),
          recordedBy: recordedByOf(req) ?? $remove(),
          photoKey: req.photoKey ?? $remove(),
          voidedAt: $remove(),
          // The caster's index follows castBy (the entity's update links): an online vote joins it, a paper one leaves it.
        },
        {
          condition: {
            and: [
              { attr: 'status', eq: existing.status },
              { attr: 'version', eq: existing.version },
            ],
          },
        },
      ),
      replaced: replacing
        ? ballots.transactDelete(
            { communityId, topicId, receipt: previous },
            { condition: { attr: 'receipt', exists: true } },
          )
        : undefined,
      ballot: next.put,
      proxy: req.proxy?.guard,
    };
    try {
      await transact(change);
      return { receipt: next.receipt, changed: replacing };
    } catch (error) {
      const failed = failedWrites(error, change);
      refuseIfClosed(failed);
      if (!failed?.has('seat')) throw error;
    }
  }
  throw conflict('本户成员正在同时投票，请稍后刷新查看');
}

export const conflictIdOf = (topicId: string, voterKey: string, requestId: string) =>
  `vc${stableHash(`${topicId}|${voterKey}|${requestId}`).slice(0, 16)}`;

/** Records a cross-channel second ballot for the committee; a retried request finds it already there. */
async function flagConflict(topic: TopicItem, existing: ParticipationItem, req: CastRequest): Promise<void> {
  const { communityId, topicId } = topic;
  try {
    await transact({
      conflict: voteConflicts.transactPut(
        {
          communityId,
          topicId,
          conflictId: conflictIdOf(topicId, existing.voterKey, req.requestId),
          voterKey: existing.voterKey,
          voterLabel: existing.label,
          existing: {
            channel: existing.channel,
            by: existing.castBy ?? existing.recordedBy,
            byName: existing.castByName,
            at: existing.castAt,
            photoKey: existing.photoKey,
          },
          attempted: {
            channel: req.channel,
            by: req.actor.userId,
            byName: req.actor.name,
            at: req.now.toISOString(),
            photoKey: req.photoKey,
          },
          status: 'open',
          createdAt: req.now.toISOString(),
        },
        { condition: { attr: 'conflictId', exists: false } },
      ),
      topic: topics.transactUpdate({ communityId, topicId, openConflicts: $add(1) }),
    });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * 核实冲突: the committee keeps the counted ballot (any time), or voids it while the poll is open, so the
 * household's verified ballot can be recorded again. Voiding deletes the ballot and marks the
 * Participation void in the same transaction, with the audit record.
 */
export async function resolveConflict(args: {
  topic: TopicItem;
  conflict: VoteConflictItem;
  decision: 'keep' | 'void';
  note: string;
  by: { userId: string; name: string };
  now: Date;
}): Promise<VoteConflictItem> {
  const { topic, decision, now } = args;
  const { communityId, topicId } = topic;
  const at = now.toISOString();
  const resolved = {
    status: decision === 'keep' ? ('kept' as const) : ('voided' as const),
    note: args.note,
    resolvedBy: args.by.userId,
    resolvedByName: args.by.name,
    resolvedAt: at,
  };
  const common = {
    conflict: voteConflicts.transactUpdate(
      { communityId, topicId, conflictId: args.conflict.conflictId, ...resolved },
      { condition: { attr: 'status', eq: 'open' } },
    ),
    topic: topics.transactUpdate({ communityId, topicId, openConflicts: $add(-1), resolvedConflicts: $add(1) }),
    audit: auditEvents.transactPut({
      communityId,
      eventId: `${at}#${ulid()}`,
      actorId: args.by.userId,
      action: decision === 'keep' ? 'agora.keepBallot' : 'agora.voidBallot',
      target: `${topicId}:${args.conflict.conflictId}`,
      reason: args.note,
      at,
    }),
  };
  let writes: typeof common & { box?: WriteTx; seat?: WriteTx; ballot?: WriteTx } = common;
  if (decision === 'void') {
    const key = { communityId, topicId, voterKey: args.conflict.voterKey };
    const { Item: existing } = await participations.get(key, { consistent: true });
    if (!existing || existing.status !== 'cast') throw conflict('该票已不在计票中');
    writes = {
      box: boxIsOpen(topic, existing.voterKey, now),
      seat: participations.transactUpdate(
        { ...key, status: 'voided', voidedAt: at },
        {
          condition: {
            and: [
              { attr: 'status', eq: 'cast' },
              { attr: 'version', eq: existing.version },
            ],
          },
        },
      ),
      ballot: ballots.transactDelete(
        { communityId, topicId, receipt: await receiptOf({ ...key, version: existing.version }) },
        { condition: { attr: 'receipt', exists: true } },
      ),
      ...common,
    };
  }
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (!failed) throw error;
    if (failed.has('box')) throw conflict('投票已截止，只能保留已计的一票');
    if (failed.has('conflict')) throw conflict('该冲突已处理');
    throw conflict('投票记录刚刚发生变化，请刷新后重试');
  }
  return { ...args.conflict, ...resolved };
}
