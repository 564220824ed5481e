import type { GrievanceDetail } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import {
  caller,
  C,
  fakeChecker,
  hoursLater,
  seedCommunity,
  submitAs,
  type PersonKey,
  staffOf,
  type Intent,
} from '../../test/grievanceFixture';
import { itemsOf } from '../../test/tableScan';
import { grievances } from '../db/entities/grievance';
import { getCase } from './queries';
import { sweepCommunity } from './sweep';
import { takeStep, type StepRequest } from './transitions';
import { detailView } from './views';

// Many DynamoDB Local round trips per test on a shared machine.
jest.setTimeout(60_000);
useTestTable();
beforeAll(seedCommunity);

const checker = fakeChecker();
const sweep = (hours: number) => sweepCommunity({ communityId: C, now: hoursLater(hours) }, { checker });
const act = (
  who: PersonKey,
  c: Pick<GrievanceDetail, 'grievanceId' | 'version'>,
  request: StepRequest,
  hours: number,
) =>
  takeStep(
    {
      caller: caller(who),
      communityId: C,
      grievanceId: c.grievanceId,
      seenVersion: c.version,
      step: request,
      now: hoursLater(hours),
    },
    { checker },
  );

async function seen(id: string, who: PersonKey = 'wang', hours = 1000) {
  const { parts, access, settings } = await getCase({
    principal: caller(who).principal,
    communityId: C,
    grievanceId: id,
  });
  return detailView(parts, access, caller(who).user.userId, settings, hoursLater(hours));
}

type Event = { grievanceId: string; action: string };
const actionsOf = async (id: string) =>
  (await itemsOf<Event>('GrievanceEvent'))
    .filter((e) => e.grievanceId === id)
    .map((e) => e.action)
    .sort();
const intentsOf = async (id: string) =>
  (await itemsOf<Intent>('NotificationIntent'))
    .filter((i) => i.link.includes(id))
    .map((i) => `${i.event}→${i.recipientId ?? staffOf(i.audience)}`)
    .sort();

describe('the sweep: 催办 before 督办, one level at a time, up to the street office', () => {
  it('reminds the grid before the accept deadline, then escalates to the committee and flags 超时', async () => {
    const c = await submitAs('wang');
    await sweep(19);
    expect(await actionsOf(c.grievanceId)).toEqual(['submit']);

    await sweep(20);
    expect(await actionsOf(c.grievanceId)).toEqual(['remind', 'submit']);
    expect(await intentsOf(c.grievanceId)).toContain('grievance.dueSoon→gridWorker');

    await sweep(24);
    const after = await seen(c.grievanceId, 'wang', 24);
    expect(after).toMatchObject({
      level: 'committee',
      status: 'pending',
      overdueCount: 1,
      dueAt: hoursLater(48).toISOString(),
    });
    expect(after.timeline.map((e) => [e.action, e.actor.name])).toEqual([
      ['submit', '我'],
      ['remind', '系统'],
      ['escalate', '系统'],
    ]);
    expect(await intentsOf(c.grievanceId)).toEqual([
      'grievance.assigned→committee',
      'grievance.assigned→gridWorker',
      'grievance.dueSoon→gridWorker',
      'grievance.escalated→wang',
      'grievance.overdue→gridWorker',
    ]);
  });

  it('never escalates twice, however often it runs, even several sweeps at once', async () => {
    const c = await submitAs('wang');
    await sweep(21);
    await Promise.all([sweep(25), sweep(25), sweep(25)]);
    await sweep(25);
    expect(await actionsOf(c.grievanceId)).toEqual(['escalate', 'remind', 'submit']);
    expect((await seen(c.grievanceId)).level).toBe('committee');
  });

  it('reminds first when it first looks after the deadline, and escalates on its next run', async () => {
    const c = await submitAs('wang');
    await sweep(100);
    expect((await seen(c.grievanceId)).level).toBe('grid');
    await sweep(100.25);
    expect((await seen(c.grievanceId)).level).toBe('committee');
  });

  it('goes grid → committee → street, then flags 超时 at the street once', async () => {
    const c = await submitAs('wang');
    for (const h of [20, 24, 44, 48, 92, 96, 200, 300]) await sweep(h);
    const d = await seen(c.grievanceId);
    expect(d).toMatchObject({ level: 'street', overdueCount: 3 });
    expect((await actionsOf(c.grievanceId)).filter((a) => a === 'overdue')).toHaveLength(1);
    // The street console counts each 超时 at the level it happened.
    const { Item } = await grievances.get({ communityId: C, grievanceId: c.grievanceId });
    expect(Item?.overdueLevels).toEqual(['grid', 'committee', 'street']);
  });

  it('holds a committed case to its promise', async () => {
    let c = await submitAs('wang');
    c = await act('liu', c, { action: 'accept' }, 1);
    c = await act('liu', c, { action: 'commit', text: '明天修', dueBy: hoursLater(30).toISOString() }, 2);
    await sweep(25);
    expect((await seen(c.grievanceId)).level).toBe('grid');
    await sweep(26);
    await sweep(30);
    expect(await seen(c.grievanceId)).toMatchObject({ level: 'committee', status: 'pending', commitment: undefined });
  });

  it('leaves a step to the handler who got there first', async () => {
    let c = await submitAs('wang');
    await sweep(20);
    c = await seen(c.grievanceId);
    const accepted = await act('liu', c, { action: 'accept' }, 23.9);
    await sweep(24);
    expect(await seen(c.grievanceId)).toMatchObject({ level: 'grid', status: 'accepted', version: accepted.version });
  });

  it('closes a resolved case as 未评价 when nobody rates it, never as satisfied', async () => {
    let c = await submitAs('wang');
    c = await act('liu', c, { action: 'accept' }, 1);
    c = await act('liu', c, { action: 'commit', text: '今天修', dueBy: hoursLater(10).toISOString() }, 1);
    c = await act('liu', c, { action: 'resolve', note: '修好了', photos: [] }, 5);
    await sweep(5 + 7 * 24 - 1);
    expect((await seen(c.grievanceId)).status).toBe('resolved');
    await sweep(5 + 7 * 24);
    expect(await seen(c.grievanceId)).toMatchObject({ status: 'closed', rating: { rating: 'unrated' } });
  });
});
