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
} from '../../test/grievanceFixture';
import { addNote, postMessage, support } from './conversation';
import { getCase, listCommunity, listFollowing, listMine, listQueue, suggestDuplicates } from './queries';
import { takeStep } from './transitions';
import { detailView, summaryView } from './views';

// Many DynamoDB Local round trips per test on a shared machine.
jest.setTimeout(60_000);
useTestTable();
beforeAll(seedCommunity);

const checker = fakeChecker();
const NOW = hoursLater(2);
const principal = (who: PersonKey) => caller(who).principal;

async function detailAs(who: PersonKey, id: string): Promise<GrievanceDetail> {
  const { parts, access, settings } = await getCase({ principal: principal(who), communityId: C, grievanceId: id });
  return detailView(parts, access, caller(who).user.userId, settings, NOW);
}

/** Every read a person can make that could include the case, as JSON. */
async function everythingSeenBy(who: PersonKey, id: string): Promise<string> {
  const p = principal(who);
  const reads: unknown[] = [
    await listCommunity({ principal: p, communityId: C, status: undefined, page: { limit: 100 }, now: NOW }),
    await listMine({ principal: p, communityId: C, page: { limit: 100 }, now: NOW }),
    await listFollowing({ principal: p, communityId: C, page: { limit: 100 }, now: NOW }),
    await suggestDuplicates({
      principal: p,
      communityId: C,
      query: { category: 'repair', buildingId: 'b1' },
      now: NOW,
    }),
  ];
  if (p.grants.some((g) => g.role !== 'resident'))
    reads.push(await listQueue({ principal: p, communityId: C, level: undefined, page: { limit: 100 }, now: NOW }));
  const { parts, access, settings } = await getCase({ principal: p, communityId: C, grievanceId: id });
  reads.push(
    await detailView(parts, access, p.userId, settings, NOW),
    summaryView(parts.grievance, access, settings, NOW),
  );
  return JSON.stringify(reads);
}

describe('anonymous public requests never reveal the reporter', () => {
  it('to neighbours, handlers and the committee, through every read', async () => {
    let c = await submitAs('wang', { anonymous: true, description: '3号楼下垃圾堆放三天没人清运' });
    await postMessage(
      {
        caller: caller('wang'),
        communityId: C,
        grievanceId: c.grievanceId,
        input: { clientMessageId: 'm1', text: '今天又多了两袋' },
        now: NOW,
      },
      { checker },
    );
    c = await takeStep(
      {
        caller: caller('liu'),
        communityId: C,
        grievanceId: c.grievanceId,
        seenVersion: c.version,
        step: { action: 'accept' },
        now: NOW,
      },
      { checker },
    );
    await support({ caller: caller('li'), communityId: C, grievanceId: c.grievanceId, now: NOW });
    for (const who of ['li', 'liu', 'sun', 'zhou', 'wangFamily'] as const) {
      const seen = await everythingSeenBy(who, c.grievanceId);
      expect(seen).toContain(c.grievanceId);
      expect(seen).not.toContain('王阿姨');
      expect(seen).not.toMatch(/"wang"|wang(?!Family)\b/);
      expect(seen).toContain('匿名居民');
    }
    // Household members are neighbours here: an anonymous request has no household view.
    expect((await detailAs('wangFamily', c.grievanceId)).viewer).toBe('member');
    expect(await detailAs('wang', c.grievanceId)).toMatchObject({ reporter: '我', viewer: 'reporter', mine: true });
  });
});

describe('private requests', () => {
  it('are seen by the reporter, their household and handlers of the level, and are "not found" for anyone else', async () => {
    const c = await submitAs('wang', {
      visibility: 'private',
      location: { kind: 'unit', unitId: 'u1' },
      description: '家里卫生间漏水到楼下',
    });
    expect(await detailAs('wangFamily', c.grievanceId)).toMatchObject({
      viewer: 'household',
      location: '1栋101',
      reporter: '王阿姨',
    });
    expect(await detailAs('liu', c.grievanceId)).toMatchObject({ viewer: 'handler', location: '1栋101' });
    expect(await detailAs('sun', c.grievanceId)).toMatchObject({ viewer: 'handler' });
    for (const who of ['li', 'zhao', 'wu'] as const)
      await expect(detailAs(who, c.grievanceId)).rejects.toMatchObject({ status: 404 });
    expect(
      JSON.stringify(
        await listCommunity({
          principal: principal('li'),
          communityId: C,
          status: undefined,
          page: { limit: 100 },
          now: NOW,
        }),
      ),
    ).not.toContain(c.grievanceId);
  });

  it('leave the grid worker once escalated above them (handlers of the current level and above)', async () => {
    const c = await submitAs('wang', { visibility: 'private' });
    await takeStep(
      {
        caller: caller('liu'),
        communityId: C,
        grievanceId: c.grievanceId,
        seenVersion: c.version,
        step: { action: 'escalate', reason: '需要社区协调' },
        now: NOW,
      },
      { checker },
    );
    await expect(detailAs('liu', c.grievanceId)).rejects.toMatchObject({ status: 404 });
    expect(
      (
        await listQueue({
          principal: principal('liu'),
          communityId: C,
          level: undefined,
          page: { limit: 100 },
          now: NOW,
        })
      ).items.map((i) => i.grievanceId),
    ).not.toContain(c.grievanceId);
    expect(
      (
        await listQueue({
          principal: principal('sun'),
          communityId: C,
          level: undefined,
          page: { limit: 100 },
          now: NOW,
        })
      ).items.map((i) => i.grievanceId),
    ).toContain(c.grievanceId);
  });
});

describe('what each viewer gets of a public request', () => {
  it('shows the unit only to the reporter, household and handlers; neighbours see the building', async () => {
    const c = await submitAs('wang', {
      location: { kind: 'unit', unitId: 'u1' },
      description: '门口的路灯坏了好几天了',
    });
    expect((await detailAs('li', c.grievanceId)).location).toBe('1栋');
    expect((await detailAs('wang', c.grievanceId)).location).toBe('1栋101');
    expect((await detailAs('liu', c.grievanceId)).location).toBe('1栋101');
  });

  it('keeps internal notes to staff and the conversation to the reporter, household and handlers', async () => {
    const c = await submitAs('wang', { description: '楼上每天深夜装修噪音很大' });
    await addNote(
      {
        caller: caller('liu'),
        communityId: C,
        grievanceId: c.grievanceId,
        input: { clientNoteId: 'n1', text: '楼上住户态度强硬，需社区出面' },
        now: NOW,
      },
      { checker },
    );
    await postMessage(
      {
        caller: caller('liu'),
        communityId: C,
        grievanceId: c.grievanceId,
        input: { clientMessageId: 'm1', text: '今晚我上门看看' },
        now: NOW,
      },
      { checker },
    );
    await postMessage(
      {
        caller: caller('liu'),
        communityId: C,
        grievanceId: c.grievanceId,
        input: { clientMessageId: 'm1', text: '今晚我上门看看' },
        now: NOW,
      },
      { checker },
    );
    const asReporter = await detailAs('wang', c.grievanceId);
    expect(asReporter.notes).toBeUndefined();
    expect(JSON.stringify(asReporter)).not.toContain('态度强硬');
    expect(asReporter.messages).toEqual([
      expect.objectContaining({
        text: '今晚我上门看看',
        author: { name: '刘网格员', role: 'gridWorker' },
        mine: false,
      }),
    ]);
    expect((await detailAs('sun', c.grievanceId)).notes).toEqual([
      expect.objectContaining({ text: '楼上住户态度强硬，需社区出面' }),
    ]);
    const asNeighbour = await detailAs('li', c.grievanceId);
    expect(asNeighbour.messages).toBeUndefined();
    expect(asNeighbour.notes).toBeUndefined();
    await expect(
      postMessage(
        {
          caller: caller('li'),
          communityId: C,
          grievanceId: c.grievanceId,
          input: { clientMessageId: 'x', text: '我家也是' },
          now: NOW,
        },
        { checker },
      ),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      addNote(
        {
          caller: caller('wang'),
          communityId: C,
          grievanceId: c.grievanceId,
          input: { clientNoteId: 'x', text: '我的备注' },
          now: NOW,
        },
        { checker },
      ),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('hides text under human review from neighbours, not from the reporter or staff', async () => {
    const c = await submitAs('wang', { description: '有人在楼道贴小广告让人加微信' });
    expect(await detailAs('li', c.grievanceId)).toMatchObject({
      description: undefined,
      descriptionState: 'reviewing',
      excerpt: '内容审核中',
    });
    expect(await detailAs('liu', c.grievanceId)).toMatchObject({ descriptionState: 'visible' });
    expect(await detailAs('wang', c.grievanceId)).toMatchObject({ descriptionState: 'visible' });
  });
});

describe('我也遇到, duplicates and topics', () => {
  it('counts each neighbour once, however often they tap, and never the reporter', async () => {
    const c = await submitAs('wang');
    await Promise.all(
      Array.from({ length: 5 }, () =>
        support({ caller: caller('li'), communityId: C, grievanceId: c.grievanceId, now: NOW }),
      ),
    );
    await support({ caller: caller('wangFamily'), communityId: C, grievanceId: c.grievanceId, now: NOW });
    expect((await detailAs('li', c.grievanceId)).supportCount).toBe(2);
    await expect(
      support({ caller: caller('wang'), communityId: C, grievanceId: c.grievanceId, now: NOW }),
    ).rejects.toMatchObject({ status: 409 });
    expect(
      (await listFollowing({ principal: principal('li'), communityId: C, page: { limit: 20 }, now: NOW })).items.map(
        (i) => i.grievanceId,
      ),
    ).toContain(c.grievanceId);
  });

  it('offers no 我也遇到 to the staff who handle the case', async () => {
    const c = await submitAs('wang');
    expect(await detailAs('liu', c.grievanceId)).toMatchObject({ viewer: 'handler', canSupport: false });
    expect(await detailAs('li', c.grievanceId)).toMatchObject({ canSupport: true });
    await expect(
      support({ caller: caller('liu'), communityId: C, grievanceId: c.grievanceId, now: NOW }),
    ).rejects.toMatchObject({ status: 409, message: '您经办这件诉求，不需要附议' });
  });

  it('suggests open public requests of the same category at the same building, not others', async () => {
    const same = await submitAs('li', {
      location: { kind: 'building', buildingId: 'b2' },
      category: 'parking',
      description: '2栋门口总有车堵住消防通道',
    });
    const otherCategory = await submitAs('li', {
      location: { kind: 'building', buildingId: 'b2' },
      category: 'noise',
      description: '2栋广场舞音响太吵',
    });
    const privateOne = await submitAs('li', {
      location: { kind: 'building', buildingId: 'b2' },
      category: 'parking',
      visibility: 'private',
      description: '我的车位被人占了',
    });
    const ids = (
      await suggestDuplicates({
        principal: principal('wang'),
        communityId: C,
        query: { category: 'parking', buildingId: 'b2' },
        now: NOW,
      })
    ).items.map((i) => i.grievanceId);
    expect(ids).toContain(same.grievanceId);
    expect(ids).not.toContain(otherCategory.grievanceId);
    expect(ids).not.toContain(privateOne.grievanceId);
    // Her own open requests of the same category and place, public or not, come apart as 您已经反映过.
    const asLi = await suggestDuplicates({
      principal: principal('li'),
      communityId: C,
      query: { category: 'parking', buildingId: 'b2' },
      now: NOW,
    });
    expect(asLi.items.map((i) => i.grievanceId)).not.toContain(same.grievanceId);
    expect(asLi.mine.map((i) => i.grievanceId).sort()).toEqual([same.grievanceId, privateOne.grievanceId].sort());
    expect(
      (
        await suggestDuplicates({
          principal: principal('li'),
          communityId: C,
          query: { category: 'parking', buildingId: 'b2' },
          now: hoursLater(31 * 24),
        })
      ).mine,
    ).toEqual([]);
    expect(
      (
        await suggestDuplicates({
          principal: principal('wang'),
          communityId: C,
          query: { category: 'parking', buildingId: 'b1' },
          now: NOW,
        })
      ).items.map((i) => i.grievanceId),
    ).not.toContain(same.grievanceId);
    // Recent only: a month later it is no longer suggested.
    expect(
      (
        await suggestDuplicates({
          principal: principal('wang'),
          communityId: C,
          query: { category: 'parking', buildingId: 'b2' },
          now: hoursLater(31 * 24),
        })
      ).items,
    ).toEqual([]);
  });
});
