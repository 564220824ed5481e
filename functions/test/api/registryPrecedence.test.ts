import { API, ownerRegistryRoutes, rosterRoutes, rosterTransferRoutes } from '@linli/shared';
import { writeCells } from '../../src/roster/transfer/sheetFiles';
import { call, eventually, signIn, step } from './http';

/**
 * 不动产登记 over 台账: once an owners' registry import has set a unit's area and 权利人, a later 台账 import
 * leaves both alone (and says so in its preview, row by row), while still writing the rest of the sheet. In a
 * street and community of this file's own (the administrator), so no other suite's roster moves under it.
 */
const suffix = Date.now().toString(36).slice(-5);
const ROSTER = ['网格', '楼栋', '单元', '房号', '楼层', '建筑面积(㎡)', '业主姓名', '业主电话'];
const EXTRACT = ['房屋坐落', '不动产单元号', '面积', '权利人', '共有情况', '证件号'];

async function upload(token: string, communityId: string, header: string[], rows: (string | number)[][]) {
  const body = await writeCells(header, rows, 'csv');
  const presigned = await call(rosterTransferRoutes.createImportUpload, {
    token,
    params: { communityId },
    body: { fileName: 'sheet.csv', contentType: 'text/csv', size: body.length },
  });
  expect(presigned.status).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(presigned.body.fields)) form.append(k, v);
  form.append('file', new Blob([body], { type: 'text/csv' }), 'sheet.csv');
  expect((await fetch(presigned.body.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  return presigned.body.key;
}

/** The committee's 台账 of 1号楼 as first kept: 101 张一 90㎡, 102 张二 90㎡, 201 张三 90㎡. */
const TAIZHANG = [
  ['第一网格', '1号楼', '', '101', 1, 90, '张一', '13600000101'],
  ['第一网格', '1号楼', '', '102', 1, 90, '张二', '13600000102'],
  ['第一网格', '1号楼', '', '201', 2, 90, '张三', '13600000201'],
];

async function importTaizhang(token: string, communityId: string, rows: (string | number)[][]) {
  const key = await upload(token, communityId, ROSTER, rows);
  const preview = await call(rosterTransferRoutes.previewImport, {
    token,
    params: { communityId },
    body: { key, fileName: '台账.csv' },
  });
  expect(preview.status).toBe(201);
  expect(preview.body.problems).toEqual([]);
  return preview.body;
}

async function applyTaizhang(token: string, communityId: string, jobId: string) {
  const applied = await call(rosterTransferRoutes.applyImport, { token, params: { communityId, jobId } });
  expect(applied.status).toBeLessThan(300);
  return eventually(async () => {
    const job = await call(rosterTransferRoutes.getImport, { token, params: { communityId, jobId } });
    return job.body.status === 'applied' ? job.body : undefined;
  }, '台账 applied');
}

const registered = step(async () => {
  const token = await signIn('admin');
  const street = await call(API.streets.createStreet, {
    token,
    body: { name: `登记街道${suffix}`, district: '福州市鼓楼区', regionCode: '350102' },
  });
  expect(street.status).toBe(201);
  const community = await call(API.streets.createCommunity, {
    token,
    params: { streetId: street.body.streetId },
    body: { name: `登记社区${suffix}`, address: '登记路 1 号', regionCode: '350102' },
  });
  expect(community.status).toBe(201);
  const communityId = community.body.communityId;
  const first = await importTaizhang(token, communityId, TAIZHANG);
  expect(first.registryKept).toEqual({ count: 0, rows: [] });
  await applyTaizhang(token, communityId, first.jobId);

  // The registry extract lists 101 (王一, 88.5㎡) and 102 (张二, 90㎡): the legal source for both from now on.
  const key = await upload(token, communityId, EXTRACT, [
    ['福州市鼓楼区登记社区1号楼101室', `REG-${suffix}-101`, 88.5, '王一', '', ''],
    ['福州市鼓楼区登记社区1号楼102室', `REG-${suffix}-102`, 90, '张二', '', ''],
  ]);
  const preview = await call(ownerRegistryRoutes.previewRegistryImport, {
    token,
    params: { communityId },
    body: { key, fileName: '不动产登记摘录.csv' },
  });
  expect(preview.status).toBe(201);
  expect(preview.body.problems).toEqual([]);
  const applied = await call(ownerRegistryRoutes.applyRegistryImport, {
    token,
    params: { communityId, jobId: preview.body.jobId },
  });
  expect(applied.status).toBe(200);
  return { token, communityId, buildingId: preview.body.byBuilding[0]!.buildingId };
});

async function unitsOf(token: string, communityId: string, buildingId: string) {
  const list = await call(rosterRoutes.listUnits, { token, params: { communityId }, query: { buildingId } });
  expect(list.status).toBe(200);
  return new Map(list.body.items.map((u) => [u.room, u]));
}

describe('a 台账 import after the 不动产登记 extract', () => {
  it('previews the rows it leaves alone and why; applies the rest; the registry’s area and 权利人 stand', async () => {
    const { token, communityId, buildingId } = await registered();
    // The old 台账 again, with 201's area corrected to 95㎡ and 101 still 张一 at 90㎡.
    const again = await importTaizhang(token, communityId, [
      TAIZHANG[0]!,
      TAIZHANG[1]!,
      ['第一网格', '1号楼', '', '201', 2, 95, '张三', '13600000201'],
    ]);
    expect(again.registryKept.count).toBe(1);
    expect(again.registryKept.rows).toEqual([
      {
        row: 2,
        unit: '1号楼101',
        fields: ['area', 'owner'],
        message: expect.stringContaining('以不动产登记为准：面积 88.5㎡（台账 90㎡），权利人 王一（台账 张一）'),
      },
    ]);
    // 102 agrees with the registry and 101 is kept: only 201 is an update.
    expect(again.summary.units).toEqual({ added: 0, updated: 1, unchanged: 2 });
    await applyTaizhang(token, communityId, again.jobId);

    const units = await unitsOf(token, communityId, buildingId);
    expect(units.get('101')).toMatchObject({ area: 88.5, owner: { name: '王一' } });
    expect(units.get('102')).toMatchObject({ area: 90, owner: { name: '张二' } });
    expect(units.get('201')).toMatchObject({ area: 95, owner: { name: '张三' } });
  });
});

describe('the registry preview, page by page', () => {
  it('answers the first 200 rows with counts over all, and every further row through the cursor', async () => {
    const { token, communityId } = await registered();
    // 450 rows: 101 and 102 match; 448 name rooms this community does not have (problems, still rows to read).
    const rows: (string | number)[][] = [
      ['福州市鼓楼区登记社区1号楼101室', `REG-${suffix}-101`, 88.5, '王一', '', ''],
      ['福州市鼓楼区登记社区1号楼102室', `REG-${suffix}-102`, 90, '张二', '', ''],
    ];
    for (let i = 0; i < 448; i++) rows.push([`福州市鼓楼区登记社区9号楼${1000 + i}室`, '', 80, `业主${i}`, '', '']);
    const key = await upload(token, communityId, EXTRACT, rows);
    const preview = await call(ownerRegistryRoutes.previewRegistryImport, {
      token,
      params: { communityId },
      body: { key, fileName: '大摘录.csv' },
    });
    expect(preview.status).toBe(201);
    expect(preview.body.rows).toHaveLength(200);
    expect(preview.body.rowCounts).toEqual({ ok: 2, note: 0, problem: 448 });
    expect(preview.body.totals.rows).toBe(450);

    const params = { communityId, jobId: preview.body.jobId };
    const seen = preview.body.rows.map((r) => r.row);
    let cursor = preview.body.rowsCursor;
    let pages = 0;
    while (cursor) {
      const page = await call(ownerRegistryRoutes.registryImportRows, { token, params, query: { cursor, limit: 200 } });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r) => r.row));
      cursor = page.body.nextCursor;
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(Array.from({ length: 450 }, (_, i) => i + 2));

    // Only the problems, 300 at a time: 448 in two pages.
    const first = await call(ownerRegistryRoutes.registryImportRows, {
      token,
      params,
      query: { status: 'problem', limit: 300 },
    });
    expect(first.body.items).toHaveLength(300);
    expect(first.body.items.every((r) => r.status === 'problem')).toBe(true);
    const second = await call(ownerRegistryRoutes.registryImportRows, {
      token,
      params,
      query: { status: 'problem', limit: 300, cursor: first.body.nextCursor },
    });
    expect(second.body.items).toHaveLength(148);
    expect(second.body.nextCursor).toBeUndefined();

    const bad = await call(ownerRegistryRoutes.registryImportRows, { token, params, query: { cursor: 'bm9wZQ' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('query.cursor');
  });
});
