import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import type { VoteSpec } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { agoraCommunity, type Resident } from '../../test/agoraFixture';
import { ballotsOf } from '../db/entities/ballot';
import { notificationIntents } from '../db/entities/notificationIntent';
import { participations } from '../db/entities/participation';
import { topicPartition } from '../db/entities/topic';
import { turnouts } from '../db/entities/turnout';
import { voteConflicts } from '../db/entities/voteConflict';
import { LinliTable } from '../db/table';
import { addHours, stableHash } from '@linli/shared';
import { castBallot, conflictIdOf, resolveConflict } from './casting';
import { readBallots, readParticipations } from './closing';
import { computeElectorate } from './electorate';
import { seatOfUnit, seatsOf } from './seats';
import { createTopic, loadTopic } from './topics';
import { units } from '../db/entities/unit';

useTestTable();
jest.setTimeout(120_000);

type Community = Awaited<ReturnType<typeof agoraCommunity>>;
let c: Community;
beforeAll(async () => {
  c = await agoraCommunity();
});

const at = (offsetHours: number) => addHours(new Date(), offsetHours);
let requests = 0;
const rid = () => `req${++requests}${Math.random().toString(36).slice(2, 8)}`;

async function poll(spec: Partial<VoteSpec> = {}, title = '测试表决') {
  const topicId = await createTopic({
    principal: c.people.committee.principal,
    communityId: c.communityId,
    input: {
      title,
      description: '说明',
      requestId: rid(),
      vote: {
        scope: { kind: 'community' },
        basis: 'household',
        preset: 'residentsMeeting',
        ballot: { kind: 'approve', options: [] },
        opensAt: at(-1).toISOString(),
        closesAt: at(48).toISOString(),
        allowChanges: false,
        secrecy: 'secret',
        ...spec,
      },
    },
    now: at(-1),
  });
  return loadTopic(c.communityId, topicId, true);
}

async function vote(
  who: Resident,
  topicId: string,
  choices: string[],
  opts: { requestId?: string; now?: Date; voterKey?: string } = {},
) {
  const topic = await loadTopic(c.communityId, topicId, true);
  const seats = await seatsOf(who.user, who.principal, topic);
  const seat = opts.voterKey ? seats.find((s) => s.voterKey === opts.voterKey)! : seats[0]!;
  return castBallot({
    topic,
    seat,
    choices,
    channel: 'online',
    actor: { userId: who.user.userId, name: who.user.nickname },
    requestId: opts.requestId ?? rid(),
    now: opts.now ?? new Date(),
  });
}

describe('the electorate', () => {
  it('counts households as units, owners as heads (a two-unit owner once, unsold units once together) with every unit’s area', async () => {
    const building1 = { kind: 'buildings' as const, buildingIds: [c.building('1栋').buildingId] };
    const households = await computeElectorate({
      communityId: c.communityId,
      scope: { kind: 'community' },
      basis: 'household',
      now: new Date(),
    });
    expect(households).toMatchObject({ heads: 6, units: 6, area: 58000 });
    const owners = await computeElectorate({
      communityId: c.communityId,
      scope: building1,
      basis: 'owners',
      now: new Date(),
    });
    expect(owners).toMatchObject({ heads: 3, units: 4, owners: 2, developerUnits: 1, area: 40000 });
    const people = await computeElectorate({
      communityId: c.communityId,
      scope: { kind: 'community' },
      basis: 'person',
      now: new Date(),
    });
    expect(people.heads).toBe(5);
    await expect(
      computeElectorate({
        communityId: c.communityId,
        scope: { kind: 'buildings', buildingIds: ['bnope'] },
        basis: 'household',
        now: new Date(),
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('scheduling a poll', () => {
  it('writes the topic, its ballot boxes, a zeroed turnout and the "opened in my scope" intent together', async () => {
    const topic = await poll({ scope: { kind: 'buildings', buildingIds: [c.building('1栋').buildingId] } });
    expect(topic.phase).toBe('voting');
    expect(topic.vote?.scopeLabel).toBe('1栋');
    const { Items = [] } = await LinliTable.build(QueryCommand)
      .query({ partition: topicPartition(c.communityId, topic.topicId), range: { beginsWith: 'BOX#' } })
      .send();
    expect(Items).toHaveLength(6);
    const { Item: turnout } = await turnouts.get({ communityId: c.communityId, topicId: topic.topicId });
    expect(turnout).toMatchObject({ heads: 0, byBuilding: { [c.building('1栋').buildingId]: { count: 0, area: 0 } } });
    const { Item: intent } = await notificationIntents.get({
      intentId: `n${stableHash(`agora.topicOpened|${topic.topicId}:opened`)}`,
    });
    expect(intent).toMatchObject({
      event: 'agora.topicOpened',
      audience: { kind: 'scope', scope: { buildingIds: [c.building('1栋').buildingId] } },
    });
  });
});

describe('one ballot per household', () => {
  it('keeps who voted apart from what was chosen, and gives the voter a receipt', async () => {
    const topic = await poll();
    const { receipt } = await vote(c.people.yi, topic.topicId, ['agree']);
    expect(receipt).toMatch(/^[A-Z2-9]{12}$/);
    const [voter] = await readParticipations(c.communityId, topic.topicId);
    expect(voter).toMatchObject({
      voterKey: `U_${c.unitOf('1栋1单元201').unitId}`,
      castBy: c.people.yi.user.userId,
      channel: 'online',
    });
    expect(JSON.stringify(voter)).not.toMatch(/agree|choices/);
    expect(JSON.stringify(voter)).not.toContain(receipt);
    // The ballot: no voter, no time, not even in the raw item.
    const { Items: raw = [] } = await LinliTable.build(QueryCommand)
      .query({ partition: ballotsOf(c.communityId, topic.topicId) })
      .send();
    expect(raw).toHaveLength(1);
    expect(Object.keys(raw[0]!).sort()).toEqual([
      'PK',
      'SK',
      '_et',
      'area',
      'choices',
      'communityId',
      'heads',
      'receipt',
      'topicId',
    ]);
    expect(raw[0]).toMatchObject({ choices: ['agree'], area: 0, SK: receipt });
  });

  it('answers a retried request with the same receipt and refuses a second member of the household', async () => {
    const topic = await poll();
    const requestId = rid();
    const first = await vote(c.people.jia, topic.topicId, ['agree'], { requestId });
    expect(await vote(c.people.jia, topic.topicId, ['agree'], { requestId })).toEqual(first);
    await expect(vote(c.people.jiaDaughter, topic.topicId, ['disagree'])).rejects.toMatchObject({
      status: 409,
      code: 'ALREADY_VOTED',
      message: expect.stringContaining('甲'),
    });
    expect(await readBallots(c.communityId, topic.topicId)).toHaveLength(1);
  });

  it('records exactly one ballot when two phones of one household vote at the same instant', async () => {
    for (let round = 0; round < 3; round++) {
      const topic = await poll();
      const answers = await Promise.allSettled([
        vote(c.people.jia, topic.topicId, ['agree']),
        vote(c.people.jiaDaughter, topic.topicId, ['disagree']),
      ]);
      expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      expect((answers.find((a) => a.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
        status: 409,
      });
      expect(await readBallots(c.communityId, topic.topicId)).toHaveLength(1);
      expect(await readParticipations(c.communityId, topic.topicId)).toHaveLength(1);
    }
  });

  it('lets any member change the household’s ballot when the topic allows it: the old ballot goes, the new one replaces it', async () => {
    const topic = await poll({ allowChanges: true });
    const first = await vote(c.people.jia, topic.topicId, ['agree']);
    const second = await vote(c.people.jiaDaughter, topic.topicId, ['disagree']);
    expect(second.changed).toBe(true);
    expect(second.receipt).not.toBe(first.receipt);
    const ballotItems = await readBallots(c.communityId, topic.topicId);
    expect(ballotItems.map((b) => [b.receipt, b.choices])).toEqual([[second.receipt, ['disagree']]]);
    const [voter] = await readParticipations(c.communityId, topic.topicId);
    expect(voter).toMatchObject({ version: 2, castBy: c.people.jiaDaughter.user.userId, castByName: '甲的女儿' });
  });

  it('refuses ballots before the window, after it, and once the boxes are closed even with a stale topic in hand', async () => {
    const topic = await poll({ opensAt: at(5).toISOString(), closesAt: at(10).toISOString() });
    await expect(vote(c.people.yi, topic.topicId, ['agree'])).rejects.toMatchObject({
      status: 409,
      code: 'POLL_NOT_OPEN',
    });
    await expect(vote(c.people.yi, topic.topicId, ['agree'], { now: at(11) })).rejects.toMatchObject({
      status: 409,
      code: 'POLL_NOT_OPEN',
    });
    // A request that read the topic while open must still fail when the box is shut meanwhile.
    const open = await poll();
    const stale = await loadTopic(c.communityId, open.topicId, true);
    const seat = (await seatsOf(c.people.yi.user, c.people.yi.principal, stale))[0]!;
    const { ballotBoxes } = await import('../db/entities/ballotBox');
    const { boxOf } = await import('../db/entities/ballotBox');
    await ballotBoxes.update({
      communityId: c.communityId,
      topicId: open.topicId,
      box: boxOf(seat.voterKey),
      open: false,
    });
    await expect(
      castBallot({
        topic: stale,
        seat,
        choices: ['agree'],
        channel: 'online',
        actor: { userId: 'x', name: 'x' },
        requestId: rid(),
        now: new Date(),
      }),
    ).rejects.toMatchObject({
      status: 409,
      code: 'POLL_NOT_OPEN',
    });
    expect(await readParticipations(c.communityId, open.topicId)).toHaveLength(0);
  });

  it('refuses an invalid choice with the field', async () => {
    const topic = await poll();
    await expect(vote(c.people.yi, topic.topicId, ['agree', 'disagree'])).rejects.toMatchObject({
      status: 400,
      fields: [{ field: 'body.choices' }],
    });
  });

  it('gives residents outside the scope no seat, and tenants none in an owners’ decision', async () => {
    const building1 = { kind: 'buildings' as const, buildingIds: [c.building('1栋').buildingId] };
    const topic = await poll({ scope: building1 });
    expect(await seatsOf(c.people.bing.user, c.people.bing.principal, topic)).toEqual([]);
    const owners = await poll({ scope: { kind: 'community' }, basis: 'owners', preset: 'ownersMajor' });
    expect(await seatsOf(c.people.tenant.user, c.people.tenant.principal, owners)).toEqual([]);
    expect(await seatsOf(c.people.jiaDaughter.user, c.people.jiaDaughter.principal, owners)).toEqual([]);
  });
});

describe('owners’ decisions', () => {
  it('weighs a two-unit owner as one head with both units’ area, and lets staff record the developer’s paper ballot', async () => {
    const topic = await poll({
      scope: { kind: 'buildings', buildingIds: [c.building('1栋').buildingId] },
      basis: 'owners',
      preset: 'ownersMajor',
    });
    const [seat] = await seatsOf(c.people.jia.user, c.people.jia.principal, topic);
    expect(seat).toMatchObject({ heads: 1, area: 20000, label: '业主（1栋1单元101、1栋1单元102）' });
    await vote(c.people.jia, topic.topicId, ['agree']);
    const [ballot] = await readBallots(c.communityId, topic.topicId);
    expect(ballot).toMatchObject({ heads: 1, area: 20000 });
    const { Item: unsold } = await units.get({ communityId: c.communityId, unitId: c.unitOf('1栋1单元202').unitId });
    const developer = await seatOfUnit(topic, unsold!);
    expect(developer).toMatchObject({ voterKey: 'DEV', heads: 1, area: 8000 });
  });
});

describe('200 simultaneous voters', () => {
  it('records every household exactly once while duplicates from the same households are refused', async () => {
    const big = await agoraCommunity({ extraUnits: 200 });
    const topicId = await createTopic({
      principal: big.people.committee.principal,
      communityId: big.communityId,
      input: {
        title: '大楼表决',
        description: '并发',
        requestId: rid(),
        vote: {
          scope: { kind: 'community' },
          basis: 'household',
          preset: 'residentsMeeting',
          ballot: { kind: 'approve', options: [] },
          opensAt: at(-1).toISOString(),
          closesAt: at(5).toISOString(),
          allowChanges: false,
          secrecy: 'secret',
        },
      },
      now: at(-1),
    });
    const topic = await loadTopic(big.communityId, topicId, true);
    const cast = async (r: Resident, choice: string) => {
      const [seat] = await seatsOf(r.user, r.principal, topic);
      return castBallot({
        topic,
        seat: seat!,
        choices: [choice],
        channel: 'online',
        actor: { userId: r.user.userId, name: r.user.nickname },
        requestId: rid(),
        now: new Date(),
      });
    };
    const attempts = [
      ...big.extra.map((r, i) => cast(r, i % 3 ? 'agree' : 'disagree')),
      ...big.extra.slice(0, 40).map((r) => cast(r, 'abstain')),
    ];
    const answers = await Promise.allSettled(attempts);
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(200);
    expect(
      answers.filter((a) => a.status === 'rejected').every((a) => (a as PromiseRejectedResult).reason.status === 409),
    ).toBe(true);
    const [ballotItems, voters] = await Promise.all([
      readBallots(big.communityId, topicId),
      readParticipations(big.communityId, topicId),
    ]);
    expect(ballotItems).toHaveLength(200);
    expect(new Set(voters.map((v) => v.voterKey)).size).toBe(200);
    expect(new Set(ballotItems.map((b) => b.receipt)).size).toBe(200);
  });
});

describe('paper ballots and conflicts across channels', () => {
  it('flags a paper ballot for a household that voted online, and after the committee voids the online one, records the paper', async () => {
    const topic = await poll();
    const unitId = c.unitOf('2栋1单元101').unitId;
    await vote(c.people.bing, topic.topicId, ['agree']);
    const { Item: unit } = await units.get({ communityId: c.communityId, unitId });
    const seat = await seatOfUnit(topic, unit!);
    const head = c.people.head2;
    const paper = (requestId: string) =>
      castBallot({
        topic,
        seat,
        choices: ['disagree'],
        channel: 'paper',
        actor: { userId: head.user.userId, name: head.user.nickname },
        requestId,
        photoKey: 'agora/paper/x.jpg',
        now: new Date(),
      });
    const requestId = rid();
    await expect(paper(requestId)).rejects.toMatchObject({ status: 409, code: 'VOTE_CONFLICT' });
    await expect(paper(requestId)).rejects.toMatchObject({ status: 409, code: 'VOTE_CONFLICT' });
    const fresh = await loadTopic(c.communityId, topic.topicId, true);
    expect(fresh.openConflicts).toBe(1);
    const { Item: flagged } = await voteConflicts.get({
      communityId: c.communityId,
      topicId: topic.topicId,
      conflictId: conflictIdOf(topic.topicId, seat.voterKey, requestId),
    });
    expect(flagged).toMatchObject({
      status: 'open',
      existing: { channel: 'online', byName: '丙' },
      attempted: { channel: 'paper', byName: '张楼长' },
    });
    expect(JSON.stringify(flagged)).not.toMatch(/agree/);

    await resolveConflict({
      topic: fresh,
      conflict: flagged!,
      decision: 'void',
      note: '入户核实：纸质票为本户真实意愿',
      by: { userId: c.people.committee.user.userId, name: '孙主任' },
      now: new Date(),
    });
    expect(await readBallots(c.communityId, topic.topicId)).toHaveLength(0);
    const { Item: voided } = await participations.get({
      communityId: c.communityId,
      topicId: topic.topicId,
      voterKey: seat.voterKey,
    });
    expect(voided?.status).toBe('voided');
    const recorded = await paper(rid());
    expect(recorded.receipt).toMatch(/^[A-Z2-9]{12}$/);
    const ballotItems = await readBallots(c.communityId, topic.topicId);
    expect(ballotItems.map((b) => b.choices)).toEqual([['disagree']]);
    const after = await loadTopic(c.communityId, topic.topicId, true);
    expect([after.openConflicts, after.resolvedConflicts]).toEqual([0, 1]);
    await expect(
      resolveConflict({
        topic: after,
        conflict: flagged!,
        decision: 'keep',
        note: '重复',
        by: { userId: 'x', name: 'x' },
        now: new Date(),
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('refuses an online vote for a household with a paper ballot, and flags it', async () => {
    const topic = await poll();
    const { Item: unit } = await units.get({ communityId: c.communityId, unitId: c.unitOf('2栋1单元101').unitId });
    const seat = await seatOfUnit(topic, unit!);
    await castBallot({
      topic,
      seat,
      choices: ['agree'],
      channel: 'paper',
      actor: { userId: 'h', name: '张楼长' },
      requestId: rid(),
      photoKey: 'agora/paper/y.jpg',
      now: new Date(),
    });
    await expect(vote(c.people.bing, topic.topicId, ['disagree'])).rejects.toMatchObject({
      status: 409,
      code: 'VOTE_CONFLICT',
      message: expect.stringContaining('纸质票'),
    });
    expect((await loadTopic(c.communityId, topic.topicId, true)).openConflicts).toBe(1);
  });
});
