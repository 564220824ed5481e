import type { GrievanceDetail } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import {
  caller,
  C,
  fakeChecker,
  hoursLater,
  submitAs,
  T0,
  type PersonKey,
  staffOf,
  type Intent,
} from '../../test/grievanceFixture';
import { itemsOf } from '../../test/tableScan';
import { takeStep, type StepRequest } from './transitions';
import { listQueue } from './queries';

// Many DynamoDB Local round trips per test on a shared machine.
jest.setTimeout(60_000);
useTestTable();
beforeAll(async () => (await import('../../test/grievanceFixture')).seedCommunity());

const checker = fakeChecker();
const act = (
  who: PersonKey,
  c: Pick<GrievanceDetail, 'grievanceId' | 'version'>,
  request: StepRequest,
  now = hoursLater(1),
) =>
  takeStep(
    { caller: caller(who), communityId: C, grievanceId: c.grievanceId, seenVersion: c.version, step: request, now },
    { checker },
  );

type Event = { grievanceId: string; action: string; kind: string };
const eventsOf = async (id: string) => (await itemsOf<Event>('GrievanceEvent')).filter((e) => e.grievanceId === id);
const intentsOf = async (id: string) =>
  (await itemsOf<Intent>('NotificationIntent'))
    .filter((i) => i.link.includes(id))
    .map((i) => [i.event, i.recipientId ?? staffOf(i.audience)]);

const commitment = (hours: number) => ({
  action: 'commit' as const,
  text: '联系物业更换灯泡',
  dueBy: hoursLater(hours).toISOString(),
});

describe('一事一诺一评议, end to end in the service', () => {
  it('accepts, commits publicly, resolves and closes on 满意; tells the reporter at each step that matters', async () => {
    let c = await submitAs('wang');
    c = await act('liu', c, { action: 'accept' });
    expect(c).toMatchObject({ status: 'accepted', version: 2, dueAt: hoursLater(1 + 72).toISOString() });
    c = await act('liu', c, commitment(48), hoursLater(2));
    expect(c).toMatchObject({
      status: 'committed',
      commitment: { text: '联系物业更换灯泡', by: { name: '刘网格员（我）', role: 'gridWorker' } },
      dueAt: hoursLater(48).toISOString(),
    });
    c = await act('liu', c, { action: 'resolve', note: '已更换灯泡', photos: [] }, hoursLater(20));
    expect(c).toMatchObject({
      status: 'resolved',
      resolution: { outcome: 'done', note: '已更换灯泡' },
      dueAt: hoursLater(20 + 7 * 24).toISOString(),
    });

    const asReporter = await act('wang', c, { action: 'rate', rating: 'satisfied', comment: '很快' }, hoursLater(21));
    expect(asReporter).toMatchObject({
      status: 'closed',
      rating: { rating: 'satisfied', comment: '很快' },
      actions: [],
      dueAt: undefined,
    });
    expect(asReporter.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'commit', 'resolve', 'rate']);
    expect(await intentsOf(c.grievanceId)).toEqual(
      expect.arrayContaining([
        ['grievance.assigned', 'gridWorker'],
        ['grievance.accepted', 'wang'],
        ['grievance.resolved', 'wang'],
      ]),
    );
    expect(
      (
        await listQueue({
          principal: caller('liu').principal,
          communityId: C,
          level: undefined,
          page: { limit: 100 },
          now: hoursLater(22),
        })
      ).items.map((i) => i.grievanceId),
    ).not.toContain(c.grievanceId);
  });

  it('不满意 reopens the case one level up: the committee gets it, the grid worker no longer handles it', async () => {
    let c = await submitAs('wang');
    c = await act('liu', c, { action: 'accept' });
    c = await act('liu', c, commitment(24));
    c = await act('liu', c, { action: 'resolve', note: '已处理', photos: [] });
    c = await act('wang', c, { action: 'rate', rating: 'unsatisfied', comment: '灯还是不亮' }, hoursLater(3));
    expect(c).toMatchObject({
      status: 'pending',
      level: 'committee',
      reopenCount: 1,
      commitment: undefined,
      resolution: undefined,
      dueAt: hoursLater(3 + 24).toISOString(),
    });
    expect(await intentsOf(c.grievanceId)).toEqual(
      expect.arrayContaining([
        ['grievance.reopened', 'wang'],
        ['grievance.assigned', 'committee'],
      ]),
    );
    await expect(act('liu', c, { action: 'accept' })).rejects.toMatchObject({ status: 403 });
    expect(await act('sun', c, { action: 'accept' })).toMatchObject({ status: 'accepted', level: 'committee' });
  });

  it('answers an illegal move 409 and writes nothing', async () => {
    const c = await submitAs('wang');
    await expect(act('liu', c, { action: 'resolve', note: '已处理', photos: [] })).rejects.toMatchObject({
      status: 409,
      code: 'ILLEGAL_TRANSITION',
      message: '诉求待受理，不能办结',
    });
    await expect(act('wang', c, { action: 'rate', rating: 'satisfied' })).rejects.toMatchObject({
      status: 409,
      code: 'ILLEGAL_TRANSITION',
    });
    expect(await eventsOf(c.grievanceId)).toHaveLength(1);
  });

  it('lets only handlers handle and only the reporter rate or withdraw', async () => {
    const c = await submitAs('wang');
    await expect(act('wang', c, { action: 'accept' })).rejects.toMatchObject({ status: 403 });
    await expect(act('zhao', c, { action: 'accept' })).rejects.toMatchObject({ status: 403 });
    await expect(act('li', c, { action: 'withdraw' })).rejects.toMatchObject({ status: 403 });
    await expect(act('wu', c, { action: 'accept' })).rejects.toMatchObject({ status: 404 });
    expect(await act('wang', c, { action: 'withdraw', reason: '已自行解决' })).toMatchObject({ status: 'withdrawn' });
  });

  it('keeps a commitment within the deadline of the level', async () => {
    let c = await submitAs('wang');
    c = await act('liu', c, { action: 'accept' });
    await expect(act('liu', c, commitment(200))).rejects.toMatchObject({
      status: 400,
      fields: [{ field: 'body.dueBy', message: expect.stringContaining('不能晚于办结时限') }],
    });
    await expect(act('liu', c, commitment(0.5))).rejects.toMatchObject({ status: 400 });
    await expect(act('liu', c, { ...commitment(24), text: '先交钱再赌博' })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: 'body.text' }],
    });
  });

  it('escalates by hand with a reason, and not beyond the street office', async () => {
    let c = await submitAs('wang');
    c = await act('liu', c, { action: 'escalate', reason: '涉及多栋楼的管网，需要社区协调' });
    expect(c).toMatchObject({ level: 'committee', status: 'pending' });
    c = await act('sun', c, { action: 'escalate', reason: '需要街道协调市政' });
    expect(c).toMatchObject({ level: 'street' });
    await expect(act('zhou', c, { action: 'escalate', reason: '再上报' })).rejects.toMatchObject({
      status: 409,
      message: '已在街道办理，无法再上报',
    });
    expect(await intentsOf(c.grievanceId)).toEqual(
      expect.arrayContaining([
        ['grievance.escalated', 'wang'],
        ['grievance.assigned', 'street'],
      ]),
    );
  });
});

describe('invariants under concurrency and retries', () => {
  it('lets exactly one of several handlers accepting at once succeed; the others get 409', async () => {
    const c = await submitAs('wang');
    const results = await Promise.allSettled(
      (['liu', 'sun', 'zhou'] as const).map((who) => act(who, c, { action: 'accept' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected'))
      expect(r.reason).toMatchObject({ status: 409 });
    expect((await eventsOf(c.grievanceId)).filter((e) => e.action === 'accept')).toHaveLength(1);
  });

  it('answers a retried step with the case as it is, and a stale one with 409', async () => {
    const c = await submitAs('wang');
    const accepted = await act('liu', c, { action: 'accept' });
    const retried = await act('liu', c, { action: 'accept' });
    expect(retried).toMatchObject({ status: 'accepted', version: accepted.version });
    await expect(act('sun', c, { action: 'accept' })).rejects.toMatchObject({ status: 409, code: 'STALE' });
    expect((await eventsOf(c.grievanceId)).filter((e) => e.action === 'accept')).toHaveLength(1);
  });

  it('rates once when the reporter taps twice at once', async () => {
    let c = await submitAs('wang');
    for (const r of [
      { action: 'accept' },
      commitment(24),
      { action: 'resolve', note: '好了', photos: [] },
    ] as StepRequest[])
      c = await act(r.action === 'accept' ? 'liu' : 'liu', c, r);
    const both = await Promise.allSettled([
      act('wang', c, { action: 'rate', rating: 'satisfied' }),
      act('wang', c, { action: 'rate', rating: 'satisfied' }),
    ]);
    expect(both.every((r) => r.status === 'fulfilled')).toBe(true);
    expect((await eventsOf(c.grievanceId)).filter((e) => e.action === 'rate')).toHaveLength(1);
  });
});

it('starts from T0', () => expect(T0.toISOString()).toBe('2026-11-02T02:00:00.000Z'));
