import { chinaMonth, type GrievanceDetail } from '@linli/shared';
import { useTestTable } from '../../../test/testTable';
import {
  C,
  caller,
  fakeChecker,
  hoursLater,
  OTHER,
  seedCommunity,
  submitAs,
  T0,
  type PersonKey,
} from '../../../test/grievanceFixture';
import { communities } from '../../db/entities/community';
import { streets } from '../../db/entities/street';
import { sweepCommunity } from '../../grievances/sweep';
import { takeStep, type StepRequest } from '../../grievances/transitions';
import { streetFigures } from './figures';
import { streetQueue } from './queue';

/**
 * The street console's wiring: what the 诉求 services write (the first acceptance in time or not, the
 * level of each 超时) is what the figures count, per community, grid and month; the queue is the street
 * level of every community of the street, overdue first, in pages.
 */

jest.setTimeout(60_000);
useTestTable();

const checker = fakeChecker();
const act = (who: PersonKey, c: Pick<GrievanceDetail, 'grievanceId' | 'version'>, step: StepRequest, hours: number) =>
  takeStep(
    {
      caller: caller(who),
      communityId: C,
      grievanceId: c.grievanceId,
      seenVersion: c.version,
      step,
      now: hoursLater(hours),
    },
    { checker },
  );
const sweep = (hours: number) => sweepCommunity({ communityId: C, now: hoursLater(hours) }, { checker });

beforeAll(async () => {
  await seedCommunity();
  await streets.put({
    streetId: 'dongjie',
    name: '东街街道',
    district: '鼓楼区',
    regionCode: '350102',
    communityCount: 2,
    createdBy: 'admin',
    createdAt: T0.toISOString(),
  });
  // The fixture's communities, placed in the street (links are written on put).
  for (const communityId of [C, OTHER]) {
    const { Item } = await communities.get({ communityId });
    await communities.put({ ...Item!, streetId: 'dongjie' });
  }
});

describe('三率 from what the services wrote', () => {
  let inTime: GrievanceDetail;
  let late: GrievanceDetail;
  let swept: GrievanceDetail;

  beforeAll(async () => {
    inTime = await act('liu', await submitAs('wang'), { action: 'accept' }, 1);
    // Accepted after the 24-hour acceptance deadline, before any sweep noticed: not 响应 in time.
    late = await act('liu', await submitAs('wang', { category: 'noise' }), { action: 'accept' }, 30);
    // Never accepted: the sweep reminds, then escalates it to the committee (超时 at the grid).
    swept = await submitAs('li', { location: { kind: 'building', buildingId: 'b2' } });
    await sweep(20);
    await sweep(25);
  });

  it('counts 响应 by the first acceptance, and 超时 at the level it happened', async () => {
    const month = chinaMonth(T0);
    const d = await streetFigures({ streetId: 'dongjie', month, months: 2, now: hoursLater(40) });
    const mine = d.communities.find((c) => c.communityId === C)!;
    expect(mine.figures).toMatchObject({
      raised: 3,
      acceptedInTime: 1,
      overdue: { grid: 1, committee: 0, street: 0 },
      topCategories: [
        { category: 'repair', label: '物业维修', count: 2 },
        { category: 'noise', label: '噪音扰民', count: 1 },
      ],
    });
    expect(mine.figures.rates.response).toBeCloseTo(1 / 3);
    expect(mine.grids.map((g) => [g.gridName, g.figures.raised, g.figures.overdue.grid])).toEqual([
      ['第一网格', 2, 0],
      ['第二网格', 1, 1],
    ]);
    expect(d.street.raised).toBe(3);
    expect(d.months).toEqual([chinaMonth(hoursLater(-24 * 31)), month]);
    expect(d.trend.map((t) => t.raised)).toEqual([0, 3]);
    // The other community of the street is listed with nothing to count.
    expect(d.communities.find((c) => c.communityId === OTHER)?.figures.raised).toBe(0);
    expect([inTime.status, late.status, swept.status]).toEqual(['accepted', 'accepted', 'pending']);
  });

  it('puts the street level of the street’s communities on its desk, overdue first, in pages', async () => {
    // The committee takes the escalated case up to the street; a second case goes up by hand too.
    const { Item } = await (
      await import('../../db/entities/grievance')
    ).grievances.get({
      communityId: C,
      grievanceId: swept.grievanceId,
    });
    await act(
      'sun',
      { grievanceId: swept.grievanceId, version: Item!.version },
      { action: 'escalate', reason: '需要街道协调' },
      26,
    );
    const fresh = await act(
      'sun',
      await submitAs('wang', { category: 'safety' }, hoursLater(27)),
      { action: 'escalate', reason: '需要街道协调' },
      27,
    );
    const up = await act('sun', fresh, { action: 'escalate', reason: '超出社区职责' }, 28);
    expect(up.level).toBe('street');
    // 48 hours to accept at the street: at hour 75 the first (up at 26) is late, the second (up at 28) not yet.
    const now = hoursLater(75);
    const page1 = await streetQueue({ streetId: 'dongjie', limit: 1, now });
    expect(page1.items).toEqual([
      expect.objectContaining({ grievanceId: swept.grievanceId, overdue: true, gridName: '第二网格' }),
    ]);
    const page2 = await streetQueue({ streetId: 'dongjie', limit: 1, now, cursor: page1.nextCursor });
    expect(page2.items).toEqual([expect.objectContaining({ grievanceId: up.grievanceId, overdue: false })]);
    expect(page2.nextCursor).toBeUndefined();
    expect(page1.items[0]).toMatchObject({ communityName: '幸福里', level: 'street', categoryLabel: '物业维修' });
  });
});
