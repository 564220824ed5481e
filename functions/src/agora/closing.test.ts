import { HOUR_MS, sha256, stableHash, tally, verifyInclusion, type VoteSpec } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { agoraCommunity, type Resident } from '../../test/agoraFixture';
import { drainStream, inboxOf, startWeChat } from '../../test/notificationHarness';
import { auditEvents } from '../db/entities/auditEvent';
import { ballots } from '../db/entities/ballot';
import { ballotBoxes } from '../db/entities/ballotBox';
import { notificationIntents } from '../db/entities/notificationIntent';
import { topicResults } from '../db/entities/topicResult';
import { castBallot, specOf } from './casting';
import { changeSchedule, closePoll, readBallots, recount, runAgoraClock } from './closing';
import { checkReceipt, exportResult } from './bulletin';
import { nonVotersOf } from './nonVoters';
import { seatsOf } from './seats';
import { createTopic, getTopic, loadTopic, proposeTopic, supportTopic, reviewProposal, scheduleVote } from './topics';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { LinliTable } from '../db/table';

useTestTable();
jest.setTimeout(120_000);

let c: Awaited<ReturnType<typeof agoraCommunity>>;
beforeAll(async () => {
  c = await agoraCommunity();
});

const at = (h: number, from = Date.now()) => new Date(from + h * HOUR_MS);
let n = 0;
const rid = () => `r${++n}${Math.random().toString(36).slice(2, 8)}`;

async function poll(spec: Partial<VoteSpec> = {}, now = at(-2)) {
  const topicId = await createTopic({
    principal: c.people.committee.principal,
    communityId: c.communityId,
    input: {
      title: '1栋加装电梯',
      description: '征求全体业主意见',
      requestId: rid(),
      vote: {
        scope: { kind: 'buildings', buildingIds: [c.building('1栋').buildingId] },
        basis: 'owners',
        preset: 'ownersMajor',
        ballot: { kind: 'approve', options: [] },
        opensAt: now.toISOString(),
        closesAt: at(1).toISOString(),
        allowChanges: false,
        secrecy: 'secret',
        ...spec,
      },
    },
    now,
  });
  return topicId;
}

async function vote(who: Resident, topicId: string, choice: string, now = new Date()) {
  const topic = await loadTopic(c.communityId, topicId, true);
  const [seat] = await seatsOf(who.user, who.principal, topic);
  return castBallot({
    topic,
    seat: seat!,
    choices: [choice],
    channel: 'online',
    actor: { userId: who.user.userId, name: who.user.nickname },
    requestId: rid(),
    now,
  });
}

describe('closing a poll', () => {
  it('recounts the ballots, writes the result once, and answers the recount with "matches"', async () => {
    const topicId = await poll();
    const receipt = (await vote(c.people.jia, topicId, 'agree')).receipt;
    await vote(c.people.yi, topicId, 'agree');
    // Not due yet: nothing happens.
    expect(await closePoll(c.communityId, topicId, new Date())).toBe('notDue');
    const after = at(2);
    const [first, second] = await Promise.all([
      closePoll(c.communityId, topicId, after),
      closePoll(c.communityId, topicId, after),
    ]);
    expect([first, second].sort()).toEqual(['alreadyPublished', 'published']);
    expect(await closePoll(c.communityId, topicId, at(3))).toBe('alreadyPublished');

    const { Item: stored } = await topicResults.get({ communityId: c.communityId, topicId });
    const result = stored!.result as {
      participation: { heads: number; area: number; byChannel?: Record<string, number> };
      outcome: { kind: string };
      summary: string;
      quorum: { met: boolean };
      countedAt: string;
      receiptRoot?: { root: string; leaves: number };
    };
    expect(result.receiptRoot?.leaves).toBe(2);
    // 甲 (2 units, 200 ㎡) and 乙 (120 ㎡) of 3 heads and 400 ㎡: 2/3 of heads, 80% of area → quorum; both agree.
    expect(result.participation).toEqual({ heads: 2, area: 320, byChannel: { online: 2, paper: 0, proxy: 0 } });
    expect(result.quorum.met).toBe(true);
    expect(result.outcome.kind).toBe('passed');
    const topic = await loadTopic(c.communityId, topicId, true);
    expect(topic.phase).toBe('published');
    // The same result the pure tally gives from the ballots read back.
    const t = tally({
      spec: specOf(topic.vote!),
      basis: 'owners',
      preset: 'ownersMajor',
      electorate: topic.vote!.electorate,
      ballots: await readBallots(c.communityId, topicId),
    });
    expect(result.summary).toBe(t.summary);
    const { Items: boxes = [] } = await LinliTable.build(QueryCommand)
      .entities(ballotBoxes.entity)
      .query({ partition: `C#${c.communityId}#TOPIC#${topicId}`, range: { beginsWith: 'BOX#' } })
      .send();
    expect(boxes.every((b) => b.open === false)).toBe(true);
    const { Item: intent } = await notificationIntents.get({
      intentId: `n${stableHash(`agora.resultPublished|${topicId}:published`)}`,
    });
    expect(intent).toMatchObject({ event: 'agora.resultPublished', audience: { kind: 'scope' } });

    expect(await recount({ actorId: 'auditor', communityId: c.communityId, topicId, now: at(4) })).toMatchObject({
      matches: true,
      differences: [],
      ballots: 2,
    });
    const checked = await checkReceipt(c.communityId, topicId, receipt.toLowerCase());
    expect(checked).toMatchObject({ receipt, secrecy: 'secret', status: 'counted', at: result.countedAt });
    expect(checked.choices).toBeUndefined();
    expect(checked.proof?.root).toBe(result.receiptRoot?.root);
    expect(verifyInclusion(sha256, checked.proof!)).toBe(true);
    expect(await checkReceipt(c.communityId, topicId, 'ABCDEFGHJKLM')).toEqual({
      receipt: 'ABCDEFGHJKLM',
      secrecy: 'secret',
      status: 'notCounted',
    });
    const exported = await exportResult(c.communityId, topicId);
    expect(exported.ballots.every((b) => b.receipt === undefined)).toBe(true);
    expect(exported.ballots.map((b) => b.choices)).toEqual([['同意'], ['同意']]);
    expect(JSON.stringify(exported)).not.toContain(receipt);
    expect(JSON.stringify(exported)).not.toMatch(new RegExp(`${c.people.jia.user.userId}|甲|U_|O_`));

    // A ballot that disappears after publication is caught by the recount.
    await ballots.delete({ communityId: c.communityId, topicId, receipt });
    const check = await recount({ actorId: 'auditor', communityId: c.communityId, topicId, now: at(5) });
    expect(check.matches).toBe(false);
    expect(check.differences.join()).toContain('选票集合与公示时不同');
    const { Items: audits = [] } = await LinliTable.build(QueryCommand)
      .entities(auditEvents.entity)
      .query({ partition: `C#${c.communityId}#AUDIT` })
      .send();
    expect(audits.filter((a) => a.action === 'agora.recount').map((a) => a.reason)).toContain('与公示结果一致');
  });

  it('reports no decision when too few owners take part, naming the rule that decided it', async () => {
    const topicId = await poll();
    await vote(c.people.jia, topicId, 'agree');
    await closePoll(c.communityId, topicId, at(2));
    const { Item } = await topicResults.get({ communityId: c.communityId, topicId });
    const result = Item!.result as { outcome: { kind: string }; decidedBy: string };
    expect(result.outcome.kind).toBe('noQuorum');
    expect(result.decidedBy).toContain('参与表决人数 1 人 / 3 人');
  });
});

describe('changing the schedule', () => {
  it('extends with a reason on the record, and an early close counts at once', async () => {
    const topicId = await poll({ basis: 'household', preset: 'residentsMeeting' });
    const sun = { userId: c.people.committee.user.userId, name: '孙主任' };
    const before = await loadTopic(c.communityId, topicId, true);
    const later = at(30).toISOString();
    await changeSchedule({
      by: sun,
      communityId: c.communityId,
      topicId,
      input: { action: 'extend', closesAt: later, reason: '部分老人尚未投票' },
      now: new Date(),
    });
    await expect(
      changeSchedule({
        by: sun,
        communityId: c.communityId,
        topicId,
        input: { action: 'extend', closesAt: before.vote!.closesAt, reason: '缩短' },
        now: new Date(),
      }),
    ).rejects.toMatchObject({ status: 400 });
    const extended = await loadTopic(c.communityId, topicId, true);
    expect(extended.vote!.closesAt).toBe(later);
    expect(extended.scheduleChanges).toEqual([
      expect.objectContaining({
        action: 'extend',
        from: before.vote!.closesAt,
        to: later,
        reason: '部分老人尚未投票',
        byName: '孙主任',
      }),
    ]);
    // A vote after the original close time is accepted now.
    await vote(c.people.yi, topicId, 'agree', at(2));

    await changeSchedule({
      by: sun,
      communityId: c.communityId,
      topicId,
      input: { action: 'closeNow', reason: '已全部完成投票' },
      now: at(3),
    });
    const closed = await loadTopic(c.communityId, topicId, true);
    expect(closed.phase).toBe('published');
    expect(closed.scheduleChanges.map((s) => s.action)).toEqual(['extend', 'closeNow']);
    await expect(vote(c.people.jia, topicId, 'agree', at(3))).rejects.toMatchObject({ status: 409 });
    await expect(
      changeSchedule({
        by: sun,
        communityId: c.communityId,
        topicId,
        input: { action: 'extend', closesAt: at(50).toISOString(), reason: 'x' },
        now: at(3),
      }),
    ).rejects.toMatchObject({ status: 409 });
  });
});

describe('the scheduled clock', () => {
  it('reminds non-voters once within 24 h of closing (not within hours of the opening notice), closes due polls, and nonVotersOf names exactly the people who have not voted', async () => {
    const topicId = await poll({
      scope: { kind: 'community' },
      basis: 'household',
      preset: 'residentsMeeting',
      closesAt: at(20).toISOString(),
    });
    await vote(c.people.jia, topicId, 'agree');
    const names: string[] = [];
    for await (const userId of nonVotersOf(c.communityId, topicId)) names.push(userId);
    // 甲's household (甲 and daughter) voted; 乙, 丙 and the tenant have not.
    expect(names.sort()).toEqual([c.people.yi, c.people.bing, c.people.tenant].map((r) => r.user.userId).sort());

    // Scheduled 2 hours ago: its opening notice is too fresh for a second notice.
    await runAgoraClock(new Date());
    const stillQuiet = await loadTopic(c.communityId, topicId, true);
    expect(stillQuiet.reminderSentAt).toBeUndefined();
    const first = await runAgoraClock(at(3));
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const again = await runAgoraClock(at(3));
    expect(again.reminded).toBe(0);
    const topic = await loadTopic(c.communityId, topicId, true);
    const { Item: intent } = await notificationIntents.get({
      intentId: `n${stableHash(`agora.closingSoon|${topicId}:closing:${topic.vote!.closesAt}`)}`,
    });
    expect(intent).toMatchObject({ audience: { kind: 'topicNonVoters', topicId } });

    // The dispatcher expands the audience through nonVotersOf: exactly the non-voters get the reminder.
    const wechat = await startWeChat();
    try {
      await drainStream(wechat.deps);
    } finally {
      await wechat.close();
    }
    const reminded = async (r: Resident) =>
      (await inboxOf(r.user.userId)).some((i) => i.title === `投票即将截止：${topic.title}`);
    for (const r of [c.people.yi, c.people.bing, c.people.tenant])
      expect({ who: r.user.userId, reminded: await reminded(r) }).toEqual({ who: r.user.userId, reminded: true });
    for (const r of [c.people.jia, c.people.jiaDaughter])
      expect({ who: r.user.userId, reminded: await reminded(r) }).toEqual({ who: r.user.userId, reminded: false });

    const done = await runAgoraClock(at(21));
    expect(done.closed).toBeGreaterThanOrEqual(1);
    expect((await loadTopic(c.communityId, topicId, true)).phase).toBe('published');
  });
});

describe('resident proposals', () => {
  it('enter the committee’s queue exactly when the threshold is reached, however many support at once', async () => {
    const { agoraSettings } = await import('../db/entities/agoraSettings');
    await agoraSettings.put({ communityId: c.communityId, supportThreshold: 3, updatedBy: 'test' });
    const topicId = await proposeTopic({
      principal: c.people.bing.principal,
      communityId: c.communityId,
      input: { title: '增设快递柜', description: '2栋门口', requestId: rid() },
      now: new Date(),
    });
    const supporters = [c.people.jia, c.people.yi, c.people.tenant, c.people.jiaDaughter];
    const answers = await Promise.allSettled(
      supporters.map((s) =>
        supportTopic({ principal: s.principal, communityId: c.communityId, topicId, now: new Date() }),
      ),
    );
    expect(answers.every((a) => a.status === 'fulfilled')).toBe(true);
    await expect(
      supportTopic({ principal: c.people.jia.principal, communityId: c.communityId, topicId, now: new Date() }),
    ).rejects.toMatchObject({
      status: 409,
    });
    const topic = await loadTopic(c.communityId, topicId, true);
    expect(topic.supportCount).toBe(5);
    expect(topic.phase).toBe('queued');

    await reviewProposal({
      principal: c.people.committee.principal,
      communityId: c.communityId,
      topicId,
      input: { decision: 'accept' },
    });
    await scheduleVote({
      communityId: c.communityId,
      topicId,
      spec: {
        scope: { kind: 'community' },
        basis: 'person',
        preset: 'consultation',
        ballot: { kind: 'single', options: ['东门', '西门'] },
        opensAt: new Date().toISOString(),
        closesAt: at(5).toISOString(),
        allowChanges: false,
        secrecy: 'secret',
      },
      now: new Date(),
    });
    const view = await getTopic({
      user: c.people.tenant.user,
      principal: c.people.tenant.principal,
      communityId: c.communityId,
      topicId,
      now: new Date(),
    });
    expect(view).toMatchObject({
      stage: 'voting',
      origin: 'proposal',
      proposedByName: '丙',
      mySeats: [{ status: 'open', label: '租户' }],
    });
    await expect(
      reviewProposal({
        principal: c.people.committee.principal,
        communityId: c.communityId,
        topicId,
        input: { decision: 'decline', reason: 'x' },
      }),
    ).rejects.toMatchObject({ status: 409 });
  });
});
