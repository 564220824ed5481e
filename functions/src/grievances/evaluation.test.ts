import { DEFAULT_GRIEVANCE_SETTINGS, type GrievanceDetail } from '@linli/shared';
import { step } from '../../test/step';
import { useTestTable } from '../../test/testTable';
import {
  caller,
  C,
  fakeChecker,
  hoursLater,
  seedCommunity,
  submitAs,
  type PersonKey,
} from '../../test/grievanceFixture';
import { dashboard, latestEvaluation, publishEvaluation } from './evaluation';
import { grievanceSection } from './personalData';
import { getCase } from './queries';
import { getSettings, updateSettings } from './settings';
import { sweepCommunity } from './sweep';
import { takeStep, type StepRequest } from './transitions';
import { detailView } from './views';

// Many DynamoDB Local round trips per test on a shared machine.
jest.setTimeout(60_000);
useTestTable();
beforeAll(seedCommunity);

const checker = fakeChecker();
const act = (who: PersonKey, c: Pick<GrievanceDetail, 'grievanceId' | 'version'>, r: StepRequest, h: number) =>
  takeStep(
    {
      caller: caller(who),
      communityId: C,
      grievanceId: c.grievanceId,
      seenVersion: c.version,
      step: r,
      now: hoursLater(h),
    },
    { checker },
  );

async function handled(by: 'liu' | 'zhao', building: 'b1' | 'b2', rating?: 'satisfied' | 'basic' | 'unsatisfied') {
  let c = await submitAs('li', { location: { kind: 'building', buildingId: building } });
  c = await act(by, c, { action: 'accept' }, 2);
  c = await act(by, c, { action: 'commit', text: '今天处理', dueBy: hoursLater(20).toISOString() }, 2);
  c = await act(by, c, { action: 'resolve', note: '已处理', photos: [] }, 10);
  if (rating)
    c = await act('li', c, { action: 'rate', rating, comment: rating === 'unsatisfied' ? '没解决' : undefined }, 11);
  return c;
}

// The dashboard counts every request of the month, so the tests that raise more requests run after it
// (each test is a step that runs its prerequisites once, whatever order --randomize picks).
const counted = step(async () => {
  await handled('liu', 'b1', 'satisfied');
  await handled('liu', 'b1', 'basic');
  await handled('zhao', 'b2', 'unsatisfied');
  await handled('zhao', 'b2');
  await submitAs('wang', { category: 'noise' });
  await sweepCommunity({ communityId: C, now: hoursLater(10 + 7 * 24) }, { checker }); // the unrated one closes as 未评价; the open ones are reminded
  await sweepCommunity({ communityId: C, now: hoursLater(10 + 7 * 24 + 1) }, { checker }); // … and escalated a level: overdue

  const d = await dashboard(C, '2026-11', hoursLater(10 + 7 * 24 + 2));
  expect(d).toMatchObject({
    month: '2026-11',
    submitted: 5,
    closed: 3,
    satisfaction: { satisfied: 1, basic: 1, unsatisfied: 1, unrated: 1, rate: 0.5 },
  });
  expect(d.byGrid).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ gridName: '第一网格', satisfied: 1, basic: 1, rate: 1 }),
      expect.objectContaining({ gridName: '第二网格', unsatisfied: 1, unrated: 1, rate: 0 }),
    ]),
  );
  expect(d.byHandler.map((h) => [h.name, h.rate])).toEqual([
    ['刘网格员', 1],
    ['赵网格员', 0],
  ]);
  expect(d.avgAcceptHours).toBeCloseTo(2);
  expect(d.avgFinishHours).toBeCloseTo(10);
  // Two missed a deadline: the noise request (never accepted) and the reopened one, left at the committee.
  expect(d.slaRate).toBeCloseTo(3 / 5);
  expect(d.topCategories[0]).toEqual({ category: 'repair', label: '物业维修', count: 4 });
  expect(d.openByLevel).toEqual([
    { level: 'grid', open: 0, overdue: 0 },
    { level: 'committee', open: 1, overdue: 0 },
    { level: 'street', open: 1, overdue: 0 },
  ]);
});

const published = step(async () => {
  await counted();
  await expect(
    publishEvaluation({ communityId: C, month: '2026-11', publishedBy: 'sun', now: hoursLater(24) }),
  ).rejects.toMatchObject({ status: 400 });
  const december = new Date('2026-12-02T00:00:00.000Z');
  const published = await publishEvaluation({ communityId: C, month: '2026-11', publishedBy: 'sun', now: december });
  expect(published.byGrid.map((g) => g.gridName).sort()).toEqual(['第一网格', '第二网格']);
  await expect(
    publishEvaluation({ communityId: C, month: '2026-11', publishedBy: 'sun', now: december }),
  ).rejects.toMatchObject({ status: 409 });
  expect((await latestEvaluation(C)).evaluation).toEqual(published);
});

const retired = step(async () => {
  await counted();
  const withoutOther = {
    ...DEFAULT_GRIEVANCE_SETTINGS,
    categories: DEFAULT_GRIEVANCE_SETTINGS.categories.slice(0, -1),
  };
  await expect(updateSettings(C, withoutOther)).rejects.toMatchObject({
    status: 400,
    message: '类别“其他”不能删除，请改为停用',
  });
  await expect(
    updateSettings(C, { ...DEFAULT_GRIEVANCE_SETTINGS, routing: { placeGridId: 'nope', committeeCategories: [] } }),
  ).rejects.toMatchObject({ status: 400 });
  const retired = {
    ...DEFAULT_GRIEVANCE_SETTINGS,
    categories: [
      ...DEFAULT_GRIEVANCE_SETTINGS.categories.map((c) => (c.key === 'other' ? { ...c, enabled: false } : c)),
      { key: 'pets', label: '宠物管理', enabled: true },
    ],
  };
  await updateSettings(C, retired);
  expect((await getSettings(C)).categories.map((c) => c.label)).toContain('宠物管理');
  await expect(submitAs('wang', { category: 'other' })).rejects.toMatchObject({ status: 400 });
  expect(await submitAs('wang', { category: 'pets' })).toMatchObject({ categoryLabel: '宠物管理' });
  await updateSettings(C, { ...retired, categories: retired.categories.map((c) => ({ ...c, enabled: true })) });
});

const erased = step(async () => {
  await counted();
  const c = await submitAs('wangFamily', { description: '电梯按钮失灵，老人上下楼困难' });
  const exported = (await grievanceSection.export('wangFamily')) as {
    reported: { grievanceId: string; description: string }[];
  };
  expect(exported.reported).toEqual([
    expect.objectContaining({ grievanceId: c.grievanceId, description: '电梯按钮失灵，老人上下楼困难' }),
  ]);
  await grievanceSection.erase('wangFamily', hoursLater(5));
  await grievanceSection.erase('wangFamily', hoursLater(5));
  const { parts, access, settings } = await getCase({
    principal: caller('sun').principal,
    communityId: C,
    grievanceId: c.grievanceId,
  });
  const after = await detailView(parts, access, 'sun', settings, hoursLater(6));
  expect(after).toMatchObject({ reporter: '已注销用户' });
  expect(JSON.stringify(after)).not.toContain('王小雨');
  expect(parts.grievance.reporterId).toBeUndefined();
  expect(((await grievanceSection.export('wangFamily')) as { reported: unknown[] }).reported).toEqual([]);
});

describe('dashboard and 群众性评议', () => {
  it('counts satisfaction per grid and per handler, never 未评价 as satisfied, and SLA and times', counted);

  it('publishes a finished month once, for residents to read', published);
});

describe('settings', () => {
  it('retires categories instead of deleting them, and routes only to grids that exist', retired);
});

describe('personal data', () => {
  it('exports what a person raised and joined, and erasing unlinks them while the register keeps the request', erased);
});
