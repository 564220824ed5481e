import { $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { grievances, type GrievanceItem } from '../db/entities/grievance';
import { useTestTable } from '../../test/testTable';
import { caller, C, hoursLater, seedCommunity, submitAs, type PersonKey } from '../../test/grievanceFixture';
import { accessTo } from './access';
import { settingsOf } from './repository';
import { listCommunity, listMine, listQueue } from './queries';
import { SUMMARY_ATTRIBUTES, summaryView } from './views';

/*
 * Lists read only SUMMARY_ATTRIBUTES of each case (a ProjectionExpression). A row must come out the
 * same as one made from the whole item, for every viewer: an attribute the row needs but the
 * projection leaves out would silently read as absent (a topic link gone, an anonymous reporter named).
 */
jest.setTimeout(60_000);
useTestTable();
beforeAll(seedCommunity);

const NOW = hoursLater(2);
const VIEWERS: PersonKey[] = ['wang', 'wangFamily', 'li', 'liu', 'sun', 'zhou'];

/** A case with every optional attribute a row could show set. */
function fullCase(over: Partial<GrievanceItem> = {}): GrievanceItem {
  return {
    communityId: C,
    grievanceId: 'gvfull',
    reporterId: 'wang',
    reporterName: '王阿姨',
    source: 'resident',
    householdUnitId: 'u1',
    category: 'repair',
    description: '一段足够长的描述，超过四十个字，用来检查摘要是否按同样的方式截断，而不是读到别的什么字段。',
    descriptionCheck: 'pass',
    urgency: 'urgent',
    visibility: 'public',
    moderation: 'hidden',
    anonymous: false,
    location: { kind: 'unit', unitId: 'u1', unitLabel: '1栋101', buildingId: 'b1', buildingName: '1栋' },
    locationKey: 'B#b1',
    gridId: 'g1',
    level: 'grid',
    status: 'accepted',
    version: 3,
    dueAt: hoursLater(1).toISOString(),
    overdueCount: 1,
    reopenCount: 0,
    supportCount: 4,
    topicId: 'tp1',
    topicTitle: '楼道灯',
    budgetProject: { roundId: 'r1', projectId: 'p1', title: '换灯' },
    ratings: [],
    photos: {},
    createdAt: hoursLater(0).toISOString(),
    ...over,
  } as GrievanceItem;
}

it('a row reads nothing of a case beyond SUMMARY_ATTRIBUTES, for every viewer and shape', async () => {
  const { settings } = await settingsOf(C);
  const read = new Set<string>();
  const shapes = [
    fullCase(),
    fullCase({ anonymous: true, moderation: undefined, location: { kind: 'place', detail: '小区东门' } }),
    fullCase({ source: 'visit', descriptionCheck: 'review', status: 'resolved', level: 'committee' }),
    fullCase({ descriptionCheck: 'risky', visibility: 'private', location: { kind: 'building', buildingId: 'b1' } }),
  ];
  for (const shape of shapes)
    for (const who of VIEWERS) {
      const watched = new Proxy(shape, {
        get(target, key, receiver) {
          if (typeof key === 'string') read.add(key);
          return Reflect.get(target, key, receiver);
        },
      });
      const access = accessTo(caller(who).principal, watched);
      if (access) summaryView(watched, access, settings, NOW);
    }
  const outside = [...read].filter((k) => !(SUMMARY_ATTRIBUTES as readonly string[]).includes(k));
  expect(outside).toEqual([]);
  // The Proxy saw the reads: an empty set would make the check above pass for nothing.
  expect(read.has('topicTitle')).toBe(true);
});

it('the lists (projected) answer the same rows as whole items would make', async () => {
  const made = [
    await submitAs('wang', { description: '楼道灯不亮' }),
    await submitAs('wang', { anonymous: true, description: '垃圾没人清运' }),
    await submitAs('li', { location: { kind: 'unit', unitId: 'u3' }, urgency: 'urgent' }),
    await submitAs('li', { location: { kind: 'place', place: '东门' }, visibility: 'private' }),
  ];
  // A case with the attributes only later steps set (a topic, a budget project, supports, 超时).
  await grievances.update({
    communityId: C,
    grievanceId: made[0]!.grievanceId,
    topicId: 'tp1',
    topicTitle: '楼道灯',
    budgetProject: $set({ roundId: 'r1', projectId: 'p1', title: '换灯' }),
    supportCount: 3,
    overdueCount: 1,
  });
  const { settings } = await settingsOf(C);
  for (const who of VIEWERS) {
    const { principal } = caller(who);
    const rows = [
      ...(await listCommunity({ principal, communityId: C, status: undefined, page: { limit: 100 }, now: NOW })).items,
      ...(await listMine({ principal, communityId: C, page: { limit: 100 }, now: NOW })).items,
      ...(principal.grants.some((g) => g.role !== 'resident')
        ? (await listQueue({ principal, communityId: C, level: undefined, page: { limit: 100 }, now: NOW })).items
        : []),
    ];
    for (const row of rows) {
      const { Item } = await grievances.get({ communityId: C, grievanceId: row.grievanceId });
      const whole = summaryView(Item!, accessTo(principal, Item!)!, settings, NOW);
      expect(row).toEqual(whole);
    }
  }
  const { principal } = caller('wang');
  const linked = (await listMine({ principal, communityId: C, page: { limit: 100 }, now: NOW })).items.find(
    (r) => r.grievanceId === made[0]!.grievanceId,
  );
  expect(linked).toMatchObject({ topicTitle: '楼道灯', budgetProject: { title: '换灯' }, supportCount: 3 });
});
