import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../commons/clients';
import { topicPartition } from '../db/entities/topic';
import { grievances } from '../db/entities/grievance';
import { getCase } from '../grievances/queries';
import { detailView } from '../grievances/views';
import { useTestTable } from '../../test/testTable';
import {
  caller,
  C,
  fakeChecker,
  hoursLater,
  OTHER,
  seedCommunity,
  submitAs,
  type PersonKey,
} from '../../test/grievanceFixture';
import { takeStep } from '../grievances/transitions';
import { createTopic, getTopic, loadTopic, topicIdOf } from './topics';

// 转为议题: a request (诉求) becomes a 议事厅 topic, and both sides say so.
jest.setTimeout(60_000);
useTestTable();
beforeAll(seedCommunity);

const NOW = hoursLater(2);
const body = (sourceGrievanceId: string, requestId: string) => ({
  title: '楼道灯长期不亮',
  description: '多户反映楼道灯不亮，议一议改造方案',
  sourceGrievanceId,
  requestId,
});
const fromCase = (who: PersonKey, grievanceId: string, requestId: string) =>
  createTopic({
    principal: caller(who).principal,
    communityId: C,
    input: body(grievanceId, requestId),
    now: NOW,
    actorName: caller(who).user.nickname,
  });
const detailAs = async (who: PersonKey, id: string) => {
  const { parts, access, settings } = await getCase({
    principal: caller(who).principal,
    communityId: C,
    grievanceId: id,
  });
  return detailView(parts, access, caller(who).user.userId, settings, NOW);
};
const topicAs = (who: PersonKey, topicId: string) =>
  getTopic({ user: caller(who).user, principal: caller(who).principal, communityId: C, topicId, now: NOW });
const partitionCount = async (pk: string) =>
  (
    await documentClient.send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      }),
    )
  ).Count ?? 0;

describe('转为议题', () => {
  it('writes the topic, the request’s link and its timeline entry together', async () => {
    const c = await submitAs('wang');
    const topicId = await fromCase('sun', c.grievanceId, 'r1');

    const topic = await loadTopic(C, topicId, true);
    expect(topic).toMatchObject({ sourceGrievanceId: c.grievanceId, phase: 'deliberation', origin: 'committee' });
    const seen = await detailAs('li', c.grievanceId);
    expect(seen).toMatchObject({ topicId, topicTitle: '楼道灯长期不亮' });
    expect(seen.timeline.map((e) => e.action)).toEqual(['submit', 'linkTopic']);
    expect(seen.timeline[1]).toMatchObject({ note: '楼道灯长期不亮', actor: { name: '孙主任' } });
  });

  it('answers a retry of the same request with the same topic, writing nothing twice', async () => {
    const c = await submitAs('wang');
    const topicId = await fromCase('sun', c.grievanceId, 'r2');
    const items = await partitionCount(`C#${C}#GRV#${c.grievanceId}`);
    await expect(fromCase('sun', c.grievanceId, 'r2')).resolves.toBe(topicId);
    await expect(
      Promise.all([fromCase('sun', c.grievanceId, 'r2'), fromCase('sun', c.grievanceId, 'r2')]),
    ).resolves.toEqual([topicId, topicId]);
    expect(await partitionCount(`C#${C}#GRV#${c.grievanceId}`)).toBe(items);
    expect((await detailAs('sun', c.grievanceId)).timeline.filter((e) => e.action === 'linkTopic')).toHaveLength(1);
  });

  it('refuses a request already made into another topic (409), and writes no second topic', async () => {
    const c = await submitAs('wang');
    const first = await fromCase('sun', c.grievanceId, 'r3');
    await expect(fromCase('sun', c.grievanceId, 'r3-other')).rejects.toMatchObject({
      status: 409,
      message: '该诉求已转为其他议题',
    });
    expect(
      (await grievances.get({ communityId: C, grievanceId: c.grievanceId }, { consistent: true })).Item?.topicId,
    ).toBe(first);
  });

  it('refuses a request its reporter withdrew (409), and writes no topic', async () => {
    const c = await submitAs('wang');
    await takeStep(
      {
        caller: caller('wang'),
        communityId: C,
        grievanceId: c.grievanceId,
        seenVersion: c.version,
        step: { action: 'withdraw', reason: '已自行解决' },
        now: hoursLater(1),
      },
      { checker: fakeChecker() },
    );
    await expect(fromCase('sun', c.grievanceId, 'r3-withdrawn')).rejects.toMatchObject({
      status: 409,
      message: '居民已撤回该诉求，不能转为议题',
    });
    expect(await partitionCount(topicPartition(C, topicIdOf(C, caller('sun').user.userId, 'r3-withdrawn')))).toBe(0);
  });

  it('lets one of two committee members racing on the same request win; the other gets 409 and no topic', async () => {
    const c = await submitAs('wang');
    const results = await Promise.allSettled([
      fromCase('sun', c.grievanceId, 'race-a'),
      fromCase('sun', c.grievanceId, 'race-b'),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<string>[];
    expect(won).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { status: 409 } });
    const loser = won[0]!.value === topicIdOf(C, 'sun', 'race-a') ? 'race-b' : 'race-a';
    expect(await partitionCount(topicPartition(C, topicIdOf(C, 'sun', loser)))).toBe(0);
  });

  it('answers 404 for a request that does not exist, is in another community, or is hidden from the caller', async () => {
    await expect(fromCase('sun', 'gvnothere', 'r4')).rejects.toMatchObject({ status: 404, message: '找不到该诉求' });
    const c = await submitAs('wang');
    await expect(
      createTopic({
        principal: caller('wu').principal,
        communityId: OTHER,
        input: body(c.grievanceId, 'r5'),
        now: NOW,
        actorName: '吴主任',
      }),
    ).rejects.toMatchObject({ status: 404 });
    // A private request at the street office is outside the committee's reach (and sight).
    const hidden = await submitAs('wang', { visibility: 'private' });
    await grievances.update({ communityId: C, grievanceId: hidden.grievanceId, level: 'street' });
    await expect(fromCase('sun', hidden.grievanceId, 'r6')).rejects.toMatchObject({ status: 404 });
    expect((await grievances.get({ communityId: C, grievanceId: hidden.grievanceId })).Item?.topicId).toBeUndefined();
  });

  it('refuses a vote in the same step (the write would exceed one transaction)', async () => {
    const c = await submitAs('wang');
    const vote = {
      scope: { kind: 'community' as const },
      basis: 'household' as const,
      preset: 'residentsMeeting' as const,
      ballot: { kind: 'approve' as const, options: [] },
      opensAt: NOW.toISOString(),
      closesAt: hoursLater(48).toISOString(),
      allowChanges: false,
      secrecy: 'secret' as const,
    };
    await expect(
      createTopic({
        principal: caller('sun').principal,
        communityId: C,
        input: { ...body(c.grievanceId, 'r7'), vote },
        now: NOW,
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('shows 来源诉求 on the topic only to those who may see the request', async () => {
    const open = await submitAs('wang');
    const shared = await topicAs('li', await fromCase('sun', open.grievanceId, 'r8'));
    expect(shared.sourceGrievance).toMatchObject({
      visible: true,
      grievanceId: open.grievanceId,
      categoryLabel: '物业维修',
    });

    const priv = await submitAs('wang', { visibility: 'private', description: '我家卫生间漏水到楼下' });
    const topicId = await fromCase('sun', priv.grievanceId, 'r9');
    expect((await topicAs('wang', topicId)).sourceGrievance).toMatchObject({
      visible: true,
      grievanceId: priv.grievanceId,
    });
    const stranger = await topicAs('li', topicId);
    expect(stranger.sourceGrievance).toEqual({ visible: false });
    expect(JSON.stringify(stranger)).not.toContain(priv.grievanceId);
    expect(JSON.stringify(stranger)).not.toContain('漏水');
  });
});
