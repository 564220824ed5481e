import { agoraRoutes, ownerRegistryRoutes, rosterTransferRoutes } from '@linli/shared';
import { OTHER_COMMUNITY_ID } from '../../../devstack/seed/personas';
import { writeCells } from '../../src/roster/transfer/sheetFiles';
import { call, signIn, step } from './http';

/**
 * 业主名册 from a 不动产登记 extract, in 西园 (1号楼 101–502, one owner a unit, its committee is 吴主任): the demo
 * community's owners are other suites' electorate. Other suites add buildings to 西园 (the staff-log case), so
 * counts here are of this extract's units.
 */
const cid = OTHER_COMMUNITY_ID;
/** The items a request wrote (`PK SK`), its rate counter aside. */
const changed = (answer: { dbOps?: { changed: string[] } }) =>
  (answer.dbOps?.changed ?? []).filter((k) => !k.startsWith('RATE#'));
const HEADER = ['房屋坐落', '不动产单元号', '面积', '权利人', '共有情况', '证件号'];

async function upload(token: string, rows: (string | number)[][], header = HEADER) {
  const body = await writeCells(header, rows, 'csv');
  const presigned = await call(rosterTransferRoutes.createImportUpload, {
    token,
    params: { communityId: cid },
    body: { fileName: 'extract.csv', contentType: 'text/csv', size: body.length },
  });
  expect(presigned.status).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(presigned.body.fields)) form.append(k, v);
  form.append('file', new Blob([body], { type: 'text/csv' }), 'extract.csv');
  expect((await fetch(presigned.body.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  return presigned.body.key;
}

/** 西园's ten units as the registry lists them: 201 and 202 one person (证件号), 301 co-owned, 502's area corrected. */
function extract(): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (let floor = 1; floor <= 5; floor++)
    for (const door of ['01', '02']) {
      const room = `${floor}${door}`;
      if (room === '301') continue;
      const holder = room === '202' ? '西园业主201' : `西园业主${room}`;
      const idNo = room === '201' || room === '202' ? '350102198001011234' : '';
      rows.push([
        `福州市鼓楼区西园社区1号楼${room}室`,
        `350102-XY-${room}`,
        room === '502' ? 90.25 : 88.5,
        holder,
        '',
        idNo,
      ]);
    }
  // 301: two rows of one unit, a co-owner each.
  rows.push(['福州市鼓楼区西园社区1号楼301室', '350102-XY-301', 88.5, '西园业主301', '共同共有', '']);
  rows.push(['福州市鼓楼区西园社区1号楼301室', '350102-XY-301', 88.5, '西园共有人', '共同共有', '']);
  return rows;
}

const previewed = step(async () => {
  const wu = await signIn('wu');
  const key = await upload(wu, extract());
  const preview = await call(ownerRegistryRoutes.previewRegistryImport, {
    token: wu,
    params: { communityId: cid },
    body: { key, fileName: '不动产登记摘录.csv' },
  });
  expect(preview.status).toBe(201);
  return { wu, key, preview };
});

describe('owners roster from a 不动产登记 extract', () => {
  it('previews who counts and how much area, writing nothing but the job', async () => {
    const { preview } = await previewed();
    const p = preview.body;
    expect(p.status).toBe('previewed');
    expect(p.problems).toEqual([]);
    expect(p.totals).toMatchObject({ rows: 11, matchedUnits: 10, coOwnedUnits: 1, multiUnitOwners: 1 });
    // Ten units, nine heads among them: 201 and 202 are one owner with the areas summed.
    const mine = p.owners.filter((o) => o.name.startsWith('西园'));
    expect(mine).toHaveLength(9);
    expect(mine.find((o) => o.name === '西园业主201')).toEqual({
      name: '西园业主201',
      units: ['1号楼201', '1号楼202'],
      area: 177,
    });
    expect(mine.find((o) => o.name.includes('西园共有人'))).toMatchObject({
      name: '西园业主301、西园共有人',
      area: 88.5,
    });
    expect(p.byBuilding.find((b) => b.name === '1号楼')).toEqual({
      buildingId: expect.any(String),
      name: '1号楼',
      units: 10,
      heads: 9,
      area: 886.75,
    });
    expect(p.rows.find((r) => r.address.endsWith('502室'))).toMatchObject({
      status: 'note',
      unitLabel: '1号楼502',
      rosterArea: 88.5,
      message: '登记面积 90.25㎡，名册原为 88.5㎡：以登记为准',
    });
    expect(p.changes.units).toBe(10);
    expect(changed(preview)).toEqual([expect.stringMatching(/^C#xiyuan OWNERREG#/)]);
  });

  it('applies through transactions, and applying again changes nothing', async () => {
    const { wu, key, preview } = await previewed();
    const applied = await call(ownerRegistryRoutes.applyRegistryImport, {
      token: wu,
      params: { communityId: cid, jobId: preview.body.jobId },
    });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'applied', changes: { units: 0, owners: 0, bindings: 0 } });
    expect(changed(applied)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^C#xiyuan UNIT#/),
        expect.stringMatching(/^C#xiyuan OWNER#/),
        expect.stringMatching(/^C#xiyuan#STAFFLOG /),
      ]),
    );

    const again = await call(ownerRegistryRoutes.applyRegistryImport, {
      token: wu,
      params: { communityId: cid, jobId: preview.body.jobId },
    });
    expect(again.status).toBe(200);
    expect(changed(again)).toEqual([]);

    // The same extract previewed again matches by 不动产单元号 now, and would write nothing.
    const second = await call(ownerRegistryRoutes.previewRegistryImport, {
      token: wu,
      params: { communityId: cid },
      body: { key, fileName: '不动产登记摘录.csv' },
    });
    expect(second.body.changes).toEqual({ units: 0, owners: 0, bindings: 0 });
    expect(second.body.totals.heads).toBe(preview.body.totals.heads);

    // An owners' poll of 1号楼 counts what the preview showed.
    const building = preview.body.byBuilding.find((b) => b.name === '1号楼')!;
    const electorate = await call(agoraRoutes.previewElectorate, {
      token: wu,
      params: { communityId: cid },
      body: { scope: { kind: 'buildings', buildingIds: [building.buildingId] }, basis: 'owners' },
    });
    expect(electorate.body).toMatchObject({ heads: 9, owners: 9, units: 10, area: 886.75, developerUnits: 0 });
  });

  it('answers a file it cannot read with 400, the row and a Chinese message; bad rows block the apply', async () => {
    const wu = await signIn('wu');
    const noColumns = await upload(wu, [['1号楼', '101']], ['楼栋', '房号']);
    const refused = await call(ownerRegistryRoutes.previewRegistryImport, {
      token: wu,
      params: { communityId: cid },
      body: { key: noColumns, fileName: 'x.csv' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body as unknown).toMatchObject({
      error: { code: 'VALIDATION', message: '第 1 行：缺少必填列：房屋坐落或不动产单元号、面积、权利人' },
    });

    const badRows = await upload(wu, [
      ['西园社区9号楼101室', '', 80, '某人', '', ''],
      ['西园社区1号楼102室', '', 80, '', '', ''],
    ]);
    const invalid = await call(ownerRegistryRoutes.previewRegistryImport, {
      token: wu,
      params: { communityId: cid },
      body: { key: badRows, fileName: 'x.csv' },
    });
    expect(invalid.body.status).toBe('invalid');
    expect(invalid.body.problems.map((p) => [p.row, p.kind])).toEqual([
      [2, 'unmatched'],
      [3, 'missingHolder'],
    ]);
    const blocked = await call(ownerRegistryRoutes.applyRegistryImport, {
      token: wu,
      params: { communityId: cid, jobId: invalid.body.jobId },
    });
    expect(blocked.status).toBe(409);
    expect(changed(blocked)).toEqual([]);
  });

  it('is the committee of the community only', async () => {
    const sun = await signIn('sun');
    const other = await call(ownerRegistryRoutes.previewRegistryImport, {
      token: sun,
      params: { communityId: cid },
      body: { key: 'imports/x/y/z.csv', fileName: 'x.csv' },
    });
    expect(other.status).toBe(403);
  });
});

describe('census check (核对我的业主信息)', () => {
  it('shows an owner her units and area; a tenant why she is not on the owners roster', async () => {
    const wang = await call(ownerRegistryRoutes.myCensus, {
      token: await signIn('wang'),
      params: { communityId: 'xingfuli' },
    });
    expect(wang.status).toBe(200);
    expect(wang.body.owners.length).toBeGreaterThanOrEqual(1);
    const own = wang.body.owners[0]!;
    expect(own.units.length).toBeGreaterThanOrEqual(1);
    expect(own.area).toBeCloseTo(
      own.units.reduce((n, u) => n + u.area, 0),
      2,
    );
    expect(wang.body.poll).toBeUndefined();

    const li = await call(ownerRegistryRoutes.myCensus, {
      token: await signIn('li'),
      params: { communityId: 'xingfuli' },
    });
    expect(li.body.owners).toEqual([]);
    expect(li.body.otherUnits[0]?.reason).toBe('以租户身份绑定，不计入业主名册');

    const stranger = await call(ownerRegistryRoutes.myCensus, {
      token: await signIn('wu'),
      params: { communityId: 'xingfuli' },
    });
    expect(stranger.status).toBe(403);
  });
});
