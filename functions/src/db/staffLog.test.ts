import { defineRoute, roles, timebankRoutes } from '@linli/shared';
import * as z from 'zod/mini';
import { useTestTable } from '../../test/testTable';
import { runWithContext } from '../commons/requestContext';
import { asPrivilegedRequest as asRequest } from '../../test/privilegedRequest';
import { auditEvents } from './entities/auditEvent';
import { staffLog } from './registries/staffLog';
import { changedFields, keepStaffAction, noteStaffChange, type openStaffAction } from './staffLog';
import { transact } from './transactions';

useTestTable();

const C = 'c-stafflog';
const now = new Date('2026-12-07T08:00:00.000Z');

const asPrivilegedRequest = <T>(
  contract: Parameters<typeof openStaffAction>[0]['contract'],
  req: { params: Record<string, unknown>; body?: unknown },
  fn: () => Promise<T>,
) => asRequest(contract, { ...req, now }, fn);

const audit = (eventId: string, condition?: boolean) =>
  auditEvents.transactPut(
    { communityId: C, eventId, actorId: 'tester', action: 'test', target: 't', at: eventId },
    condition ? { condition: { attr: 'eventId', exists: false } } : {},
  );

const entries = async () => (await staffLog.query.ofCommunity({ communityId: C }).send()).Items ?? [];
const streetEntries = async (streetId: string) => (await staffLog.query.ofStreet({ streetId }).send()).Items ?? [];

describe('changedFields', () => {
  it('lists only what changed, nested settings as dotted fields, values as text', () => {
    expect(
      changedFields(
        { deadlines: { acceptHours: 24, resolveDays: 7 }, name: '理发', price: 10 },
        { deadlines: { acceptHours: 12, resolveDays: 7 }, name: '理发', price: 8 },
      ),
    ).toEqual([
      { field: 'deadlines.acceptHours', before: '24', after: '12' },
      { field: 'price', before: '10', after: '8' },
    ]);
  });

  it('keeps to the fields named, records a field that appears or goes, and never a key or a ballot', () => {
    expect(changedFields({ price: 1, stock: 3 }, { price: 2, stock: 9 }, ['price'])).toEqual([
      { field: 'price', before: '1', after: '2' },
    ]);
    expect(changedFields({}, { role: 'gridWorker', requestId: 'r1', choices: ['agree'] })).toEqual([
      { field: 'role', after: 'gridWorker' },
    ]);
    expect(changedFields({ reason: 'x' }, {})).toEqual([{ field: 'reason', before: 'x' }]);
    expect(changedFields(undefined, { note: '长'.repeat(300) })[0]!.after).toHaveLength(200);
  });
});

describe('the staff-log seam', () => {
  const setting = defineRoute({
    id: 'test.updateSetting',
    method: 'PUT',
    path: '/communities/{communityId}/test/settings',
    summary: '测试设置',
    access: roles(['committee']),
    staffLog: { object: 'setting' },
    response: z.object({}),
  });

  it('writes the entry in the change’s own transaction, with the service’s before → after', async () => {
    const { kept } = await asPrivilegedRequest(
      setting,
      { params: { communityId: C }, body: { months: 12 } },
      async () => {
        noteStaffChange({ before: { months: 24 }, after: { months: 12 } });
        await transact({ change: audit('e1') });
      },
    );
    expect(kept).toBe('transaction');
    const [entry] = (await entries()).filter((e) => e.action === 'test.updateSetting');
    expect(entry).toMatchObject({
      communityId: C,
      actorId: 'u-sun',
      actorName: '孙主任',
      roles: ['committee'],
      actionLabel: '测试设置',
      objectType: 'setting',
      objectId: C,
      changes: [{ field: 'months', before: '24', after: '12' }],
      kept: 'transaction',
    });
  });

  it('writes nothing when the change fails, and nothing for a request that changed nothing', async () => {
    const before = (await entries()).length;
    await transact({ change: audit('e2') });
    const failed = await asPrivilegedRequest(setting, { params: { communityId: C } }, () =>
      transact({ change: audit('e2', true) }),
    );
    expect('error' in failed).toBe(true);
    const idle = await asPrivilegedRequest(setting, { params: { communityId: C } }, async () => undefined);
    expect(idle.kept).toBeUndefined();
    expect((await entries()).length).toBe(before);
  });

  it('keeps the entry after a single write, once, under the id the request opened with', async () => {
    const { kept, ctx } = await asPrivilegedRequest(
      timebankRoutes.updateItem,
      { params: { communityId: C, itemId: 'i1' }, body: { price: 5 } },
      async () => {
        await auditEvents.put({ communityId: C, eventId: 'e3', actorId: 't', action: 'test', target: 't', at: 'e3' });
      },
    );
    expect(kept).toBe('afterWrite');
    const ours = (await entries()).filter((e) => e.correlationId === ctx.correlationId);
    expect(ours).toEqual([
      expect.objectContaining({
        objectType: 'catalogueItem',
        objectId: 'i1',
        changes: [{ field: 'price', after: '5' }],
      }),
    ]);
    // Asked again (a second settle of the same request), nothing is added.
    await runWithContext(ctx, () => keepStaffAction());
    expect((await entries()).filter((e) => e.correlationId === ctx.correlationId)).toHaveLength(1);
  });

  it("keeps a street office write in the street's own log, and also in the community its service names", async () => {
    const streetWrite = defineRoute({
      id: 'test.streetWrite',
      method: 'POST',
      path: '/streets/{streetId}/things',
      summary: '测试街道操作',
      access: roles(['street']),
      staffLog: { object: 'community' },
      response: z.object({}),
    });
    const named = await asPrivilegedRequest(streetWrite, { params: { streetId: 's1' } }, async () => {
      noteStaffChange({ communityId: C, objectId: C });
      await transact({ change: audit('e5') });
    });
    expect(named.kept).toBe('transaction');
    const ofRequest = <T extends { correlationId: string }>(items: T[], ctx: { correlationId: string }) =>
      items.filter((e) => e.correlationId === ctx.correlationId);
    expect(ofRequest(await entries(), named.ctx)).toEqual([
      expect.objectContaining({ action: 'test.streetWrite', objectType: 'community', objectId: C }),
    ]);
    // The same entry, under the same id, in the street's log, naming the community.
    const [inStreet] = ofRequest(await streetEntries('s1'), named.ctx);
    expect(inStreet).toMatchObject({ streetId: 's1', communityId: C, objectId: C, kept: 'transaction' });
    expect(inStreet!.entryId).toBe(ofRequest(await entries(), named.ctx)[0]!.entryId);

    // One that concerns no community: the street's log only.
    const before = (await entries()).length;
    const unnamed = await asPrivilegedRequest(streetWrite, { params: { streetId: 's1' } }, async () => {
      await transact({ change: audit('e6') });
    });
    expect(unnamed.kept).toBe('transaction');
    expect((await entries()).length).toBe(before);
    expect(ofRequest(await streetEntries('s1'), unnamed.ctx)).toEqual([
      expect.objectContaining({ action: 'test.streetWrite', objectId: 's1' }),
    ]);
    expect(ofRequest(await streetEntries('s1'), unnamed.ctx)[0]!.communityId).toBeUndefined();

    // A street action that fails leaves no entry in either log.
    const streetBefore = (await streetEntries('s1')).length;
    const failed = await asPrivilegedRequest(streetWrite, { params: { streetId: 's1' } }, async () => {
      noteStaffChange({ communityId: C, objectId: C });
      await transact({ change: audit('e6', true) });
    });
    expect('error' in failed).toBe(true);
    expect([(await entries()).length, (await streetEntries('s1')).length]).toEqual([before, streetBefore]);
  });

  it('names a resident the entry is about, for their data export', async () => {
    await asPrivilegedRequest(setting, { params: { communityId: C } }, async () => {
      noteStaffChange({ after: { role: 'gridWorker' }, objectId: 'u-li', subjectUserId: 'u-li' });
      await transact({ change: audit('e4') });
    });
    const about = (await staffLog.query.aboutUser({ userId: 'u-li' }).send()).Items ?? [];
    expect(about).toEqual([
      expect.objectContaining({ objectId: 'u-li', changes: [{ field: 'role', after: 'gridWorker' }] }),
    ]);
  });
});
