import { DEFAULT_GRIEVANCE_SETTINGS } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { caller, C, fakeChecker, hoursLater, request, seedCommunity, submitAs, T0 } from '../../test/grievanceFixture';
import { itemsOf } from '../../test/tableScan';
import { grievances } from '../db/entities/grievance';
import { updateSettings } from './settings';
import { grievanceIdOf, submitGrievance } from './submit';

// Many DynamoDB Local round trips per test on a shared machine.
jest.setTimeout(60_000);
useTestTable();
beforeAll(seedCommunity);

type Intent = {
  event: string;
  recipientId?: string;
  audience?: Record<string, string>;
  title: string;
  body: string;
  link: string;
};
const intentsFor = async (grievanceId: string) =>
  (await itemsOf<Intent>('NotificationIntent')).filter((i) => i.link.includes(grievanceId));

describe('提交诉求', () => {
  it('routes a building’s request to its grid, starts the accept deadline, and tells the grid’s workers in the same transaction', async () => {
    const detail = await submitAs('wang', { location: { kind: 'building', buildingId: 'b2', detail: '地下车库入口' } });
    expect(detail).toMatchObject({
      status: 'pending',
      level: 'grid',
      gridId: 'g2',
      version: 1,
      reporter: '我',
      location: '2栋 地下车库入口',
    });
    expect(detail.dueAt).toBe(hoursLater(24).toISOString());
    expect(detail.timeline).toEqual([
      expect.objectContaining({
        action: 'submit',
        toStatus: 'pending',
        toLevel: 'grid',
        actor: { name: '我', role: 'reporter' },
      }),
    ]);
    const intents = await intentsFor(detail.grievanceId);
    expect(intents.map(({ event, audience, recipientId }) => ({ event, audience, recipientId }))).toEqual([
      {
        event: 'grievance.assigned',
        audience: { kind: 'staff', roles: ['gridWorker'], gridId: 'g2' },
        recipientId: undefined,
      },
    ]);
    // Handlers learn what and where, never who: the body carries category, building and number.
    expect(intents[0]?.body).toMatch(/^物业维修 · 2栋（\w{6}）：楼道灯不亮/);
  });

  it('sends a described place to the committee unless a grid is set for public areas, and policy questions straight to the committee', async () => {
    expect(await submitAs('wang', { location: { kind: 'place', place: '小区东门' } })).toMatchObject({
      level: 'committee',
      gridId: undefined,
    });
    await updateSettings(C, {
      ...DEFAULT_GRIEVANCE_SETTINGS,
      routing: { placeGridId: 'g1', committeeCategories: ['policy'] },
    });
    expect(await submitAs('wang', { location: { kind: 'place', place: '小区东门' } })).toMatchObject({
      level: 'grid',
      gridId: 'g1',
    });
    expect(await submitAs('wang', { category: 'policy' })).toMatchObject({ level: 'committee', gridId: 'g1' });
    await updateSettings(C, DEFAULT_GRIEVANCE_SETTINGS);
  });

  it('gives an urgent request the urgent deadline', async () => {
    const detail = await submitAs('li', { urgency: 'urgent', location: { kind: 'unit', unitId: 'u3' } });
    expect(detail).toMatchObject({ location: '2栋101', gridId: 'g2' });
    expect(detail.dueAt).toBe(hoursLater(2).toISOString());
  });

  it('is one request however often the same form is sent, even all at once', async () => {
    const input = request();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        submitGrievance({ caller: caller('wang'), communityId: C, input, now: T0 }, { checker: fakeChecker() }),
      ),
    );
    const id = grievanceIdOf('wang', input.clientRequestId);
    expect(new Set(answers.map((a) => a.grievanceId))).toEqual(new Set([id]));
    expect((await itemsOf<{ grievanceId: string }>('GrievanceEvent')).filter((e) => e.grievanceId === id)).toHaveLength(
      1,
    );
    expect(await intentsFor(id)).toHaveLength(1);
  });

  it('answers a retried submission with its request even when the same form would now be refused', async () => {
    const input = request();
    const first = await submitGrievance(
      { caller: caller('wang'), communityId: C, input, now: T0 },
      { checker: fakeChecker() },
    );
    // The category is retired meanwhile: a new request would be refused, the retried one is answered.
    await updateSettings(C, {
      ...DEFAULT_GRIEVANCE_SETTINGS,
      categories: DEFAULT_GRIEVANCE_SETTINGS.categories.map((c) =>
        c.key === input.category ? { ...c, enabled: false } : c,
      ),
    });
    try {
      const again = await submitGrievance(
        { caller: caller('wang'), communityId: C, input, now: T0 },
        { checker: fakeChecker() },
      );
      expect(again.grievanceId).toBe(first.grievanceId);
      await expect(
        submitGrievance(
          { caller: caller('wang'), communityId: C, input: request({ category: input.category }), now: T0 },
          { checker: fakeChecker() },
        ),
      ).rejects.toMatchObject({ status: 400 });
    } finally {
      await updateSettings(C, DEFAULT_GRIEVANCE_SETTINGS);
    }
  });

  it('refuses what it must, writing nothing', async () => {
    const refused = async (who: 'wang' | 'li', overrides: Parameters<typeof request>[0], expected: object) => {
      const input = request(overrides);
      await expect(
        submitGrievance({ caller: caller(who), communityId: C, input, now: T0 }, { checker: fakeChecker() }),
      ).rejects.toMatchObject(expected);
      expect(
        (await grievances.get({ communityId: C, grievanceId: grievanceIdOf(who, input.clientRequestId) })).Item,
      ).toBeUndefined();
    };
    await refused(
      'wang',
      { description: '这里有人聚众赌博' },
      { status: 400, fields: [{ field: 'body.description', message: '内容可能含有违规信息，请修改后再提交' }] },
    );
    await refused(
      'wang',
      { category: 'nope' },
      { status: 400, fields: [{ field: 'body.category', message: '请选择有效的类别' }] },
    );
    await refused('wang', { location: { kind: 'unit', unitId: 'u3' } }, { status: 403 });
    await refused('wang', { location: { kind: 'unit', unitId: 'u1' }, anonymous: true }, { status: 400 });
    await refused('wang', { location: { kind: 'building', buildingId: 'nope' } }, { status: 400 });
    await refused('wang', { source: 'visit', resident: { name: '老张' } }, { status: 403 });
    await refused('wang', { location: { kind: 'place', place: '加微信领鸡蛋' } }, { status: 400 });
  });

  it('keeps text WeChat wants a human to review, hidden from neighbours until staff see it', async () => {
    const detail = await submitAs('wang', { description: '有人在群里让大家加微信买菜' });
    expect(detail).toMatchObject({ descriptionState: 'visible', description: '有人在群里让大家加微信买菜' });
    const { Item } = await grievances.get({ communityId: C, grievanceId: detail.grievanceId });
    expect(Item?.descriptionCheck).toBe('review');
  });

  it('records a grid worker’s visit log (民情日记) with its source and the resident, and sends no rating request to the worker', async () => {
    const detail = await submitGrievance(
      {
        caller: caller('liu'),
        communityId: C,
        input: request({
          source: 'visit',
          resident: { name: '张大爷', phone: '13812345678' },
          location: { kind: 'unit', unitId: 'u2' },
        }),
        now: T0,
      },
      { checker: fakeChecker() },
    );
    expect(detail).toMatchObject({
      source: 'visit',
      viewer: 'handler',
      resident: { name: '张大爷', phoneMasked: '138****5678' },
      location: '1栋102',
    });
  });
});
