import { identityApi, rosterRoutes, rosterTransferRoutes } from '@linli/shared';
import { DEMO_COMMUNITY_ID, OTHER_COMMUNITY_ID } from '../../../devstack/seed/personas';
import { writeCells } from '../../src/roster/transfer/sheetFiles';
import { call, eventually, signIn } from './http';

const HEADER = ['网格', '楼栋', '单元', '房号', '楼层', '建筑面积(㎡)', '业主姓名', '业主电话'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Uploads a sheet the way the mini-program does: presigned POST form, fields first, file last. */
async function upload(
  token: string,
  communityId: string,
  rows: (string | number)[][],
  format: 'xlsx' | 'csv' = 'xlsx',
) {
  const body = await writeCells(HEADER, rows, format);
  const contentType = format === 'xlsx' ? XLSX : 'text/csv';
  const presigned = await call(rosterTransferRoutes.createImportUpload, {
    token,
    params: { communityId },
    body: { fileName: `roster.${format}`, contentType, size: body.length },
  });
  expect(presigned.status).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(presigned.body.fields)) form.append(k, v);
  form.append('file', new Blob([body], { type: contentType }), `roster.${format}`);
  const res = await fetch(presigned.body.url, { method: 'POST', body: form });
  expect(res.status).toBeLessThan(300);
  return presigned.body.key;
}

const overview = async (token: string) =>
  (await call(rosterRoutes.overview, { token, params: { communityId: DEMO_COMMUNITY_ID } })).body;
/** What an import can change: the roster's shape (bound households and pending bindings move with other suites). */
const rosterShape = ({ totals: { units, buildings, grids, owners, area } }: Awaited<ReturnType<typeof overview>>) => ({
  units,
  buildings,
  grids,
  owners,
  area,
});

describe('roster import (花名册导入)', () => {
  it('previews a malformed sheet: every problem by row, nothing written, and it cannot be applied', async () => {
    const token = await signIn('sun');
    const before = await overview(token);
    const key = await upload(token, DEMO_COMMUNITY_ID, [
      ['第三网格', '7栋', '1单元', '101', 1, 88, '新业主', '13611112222'],
      ['第三网格', '7栋', '1单元', '101', 1, 88, '新业主', '13611112222'],
      ['第三网格', '7栋', '1单元', '102', 'x', -1, '', '123'],
    ]);
    const preview = await call(rosterTransferRoutes.previewImport, {
      token,
      params: { communityId: DEMO_COMMUNITY_ID },
      body: { key, fileName: '新楼栋.xlsx' },
    });
    expect(preview.status).toBe(201);
    expect(preview.body.status).toBe('invalid');
    expect(preview.body.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '房号'],
      [4, '楼层'],
      [4, '建筑面积(㎡)'],
      [4, '业主电话'],
    ]);
    const apply = await call(rosterTransferRoutes.applyImport, {
      token,
      params: { communityId: DEMO_COMMUNITY_ID, jobId: preview.body.jobId },
    });
    expect(apply.status).toBe(409);
    expect(rosterShape(await overview(token))).toEqual(rosterShape(before));
  });

  it('applies a valid sheet, and importing it again changes nothing and duplicates nothing', async () => {
    const token = await signIn('sun');
    const before = await overview(token);
    const rows = [
      ['第三网格', '8栋', '', '101', 1, 95.5, '赵新', '13622223333'],
      ['第三网格', '8栋', '', '102', 1, 88, '赵新', '13622223333'],
      ['第三网格', '8栋', '', '201', 2, 101, '', ''],
    ];
    const key = await upload(token, DEMO_COMMUNITY_ID, rows, 'csv');
    const preview = await call(rosterTransferRoutes.previewImport, {
      token,
      params: { communityId: DEMO_COMMUNITY_ID },
      body: { key, fileName: '8栋.csv' },
    });
    expect(preview.body).toMatchObject({
      status: 'previewed',
      summary: { units: { added: 3, updated: 0, unchanged: 0 }, owners: 1 },
    });
    const applied = await call(rosterTransferRoutes.applyImport, {
      token,
      params: { communityId: DEMO_COMMUNITY_ID, jobId: preview.body.jobId },
    });
    expect(applied.body.status).toBe('applied');
    expect(applied.body.progress.written).toBe(applied.body.progress.total);

    const after = await overview(token);
    expect(after.totals.units).toBe(before.totals.units + 3);
    expect(after.totals.grids).toBe(before.totals.grids + 1);
    expect(after.totals.owners).toBe(before.totals.owners + 1);

    // Applying the same job again is a no-op; a fresh import of the same file finds nothing new.
    expect(
      (
        await call(rosterTransferRoutes.applyImport, {
          token,
          params: { communityId: DEMO_COMMUNITY_ID, jobId: preview.body.jobId },
        })
      ).body.status,
    ).toBe('applied');
    const again = await call(rosterTransferRoutes.previewImport, {
      token,
      params: { communityId: DEMO_COMMUNITY_ID },
      body: { key: await upload(token, DEMO_COMMUNITY_ID, rows), fileName: '8栋.xlsx' },
    });
    expect(again.body.summary.units).toEqual({ added: 0, updated: 0, unchanged: 3 });
    await call(rosterTransferRoutes.applyImport, {
      token,
      params: { communityId: DEMO_COMMUNITY_ID, jobId: again.body.jobId },
    });
    expect((await overview(token)).totals.units).toBe(after.totals.units);
  });

  it('refuses a file uploaded by someone else, and another community entirely', async () => {
    const sun = await signIn('sun');
    const key = await upload(sun, DEMO_COMMUNITY_ID, [['一', '1栋', '', '101', 1, 80, '', '']]);
    const admin = await signIn('admin');
    const stolen = await call(rosterTransferRoutes.previewImport, {
      token: admin,
      params: { communityId: DEMO_COMMUNITY_ID },
      body: { key, fileName: 'x.xlsx' },
    });
    expect(stolen.status).toBe(400);
    const elsewhere = await call(rosterTransferRoutes.createImportUpload, {
      token: sun,
      params: { communityId: OTHER_COMMUNITY_ID },
      body: { fileName: 'x.xlsx', contentType: XLSX, size: 100 },
    });
    expect(elsewhere.status).toBe(403);
  });

  it('exports the roster with the import columns, as a download link', async () => {
    const token = await signIn('sun');
    const exported = await call(rosterTransferRoutes.exportRoster, {
      token,
      params: { communityId: DEMO_COMMUNITY_ID },
      body: { format: 'csv' },
    });
    expect(exported.status).toBe(201);
    const csv = await (await fetch(exported.body.url)).text();
    expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(HEADER.join(','));
    expect(csv).toContain('3栋');
    expect(exported.body.rows).toBeGreaterThanOrEqual(120);
  });
});

describe('binding approval over HTTP', () => {
  it('a newcomer requests, a grid worker of another grid cannot decide, the right one approves', async () => {
    const newcomer = await signIn({ openid: `binding-api-${Date.now()}` });
    const units = await call(identityApi.listBuildingsForBinding, {
      token: newcomer,
      params: { communityId: DEMO_COMMUNITY_ID },
    });
    const building4 = units.body.items.find((b) => b.name === '4栋')!;
    const unit = (
      await call(identityApi.listUnitsForBinding, {
        token: newcomer,
        params: { communityId: DEMO_COMMUNITY_ID, buildingId: building4.buildingId },
      })
    ).body.items[0]!;
    const requested = await call(identityApi.requestBinding, {
      token: newcomer,
      body: { communityId: DEMO_COMMUNITY_ID, unitId: unit.unitId, relation: 'tenant', realName: '测试租户' },
    });
    expect(requested.status).toBe(201);

    const liu = await signIn('liu'); // 第一网格: 1-3栋
    const zhao = await signIn('zhao'); // 第二网格: 4-6栋
    const params = { communityId: DEMO_COMMUNITY_ID, bindingId: requested.body.bindingId };
    expect((await call(rosterRoutes.decideBinding, { token: liu, params, body: { decision: 'approve' } })).status).toBe(
      403,
    );
    expect((await call(rosterRoutes.decideBinding, { token: zhao, params, body: { decision: 'reject' } })).status).toBe(
      400,
    );
    const approved = await call(rosterRoutes.decideBinding, { token: zhao, params, body: { decision: 'approve' } });
    expect(approved.body.status).toBe('approved');
    expect(
      (await call(rosterRoutes.decideBinding, { token: zhao, params, body: { decision: 'approve' } })).status,
    ).toBe(409);

    const me = await call(identityApi.getMe, { token: newcomer });
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ unitId: unit.unitId, relation: 'tenant', communityName: '幸福里社区' }),
    ]);
    expect(me.body.grants).toContainEqual({ role: 'resident', communityId: DEMO_COMMUNITY_ID });
  });

  it("lists a building's units with owners masked, in one query and one batch read", async () => {
    const token = await signIn('liu');
    const { body: ov } = await call(rosterRoutes.overview, { token, params: { communityId: DEMO_COMMUNITY_ID } });
    const b3 = ov.buildings.find((b) => b.name === '3栋')!;
    const page = await call(rosterRoutes.listUnits, {
      token,
      params: { communityId: DEMO_COMMUNITY_ID },
      query: { buildingId: b3.buildingId, limit: 20 },
    });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(20);
    expect(page.body.items[0]!.label).toBe('3栋1单元101');
    expect(JSON.stringify(page.body)).not.toMatch(/1[3-9]\d{9}/);
    // 1 read authorises the caller (user + session); then one Query for the page and one BatchGet for its owners.
    expect(page.dbOps?.commands).toEqual(['BatchGetItem', 'Query', 'BatchGetItem']);
  });
});

describe('roster overview (花名册总览)', () => {
  it("counts bound households and pending requests per grid, showing a grid worker only their grid's queue", async () => {
    const overview = async (who: 'sun' | 'liu') =>
      (await call(rosterRoutes.overview, { token: await signIn(who), params: { communityId: DEMO_COMMUNITY_ID } }))
        .body;
    // Other suites on this stack request and decide bindings: read both views again until no binding
    // moved between the two reads, so they describe the same queue.
    const { committee, worker } = await eventually(async () => {
      const views = { committee: await overview('sun'), worker: await overview('liu') };
      const first = views.committee.grids.find((g) => g.name === '第一网格');
      return first?.pendingBindings === views.worker.totals.pendingBindings ? views : undefined;
    }, 'two overviews of the same queue');
    expect(committee.grids.map((g) => g.name)).toEqual(expect.arrayContaining(['第一网格', '第二网格']));
    const first = committee.grids.find((g) => g.name === '第一网格')!;
    const second = committee.grids.find((g) => g.name === '第二网格')!;
    expect(committee.grids.indexOf(first)).toBeLessThan(committee.grids.indexOf(second));
    expect(first.boundHouseholds + second.boundHouseholds).toBeLessThanOrEqual(committee.totals.boundHouseholds);
    expect(committee.totals.pendingBindings).toBe(committee.grids.reduce((n, g) => n + g.pendingBindings, 0));
    expect(worker.grids.find((g) => g.name === '第二网格')!.pendingBindings).toBe(0);
    expect(worker.totals.pendingBindings).toBe(first.pendingBindings);
    expect(first.pendingBindings).toBeGreaterThan(0);
  });
});
