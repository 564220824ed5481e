import { createHash } from 'node:crypto';
import { agoraArchiveRoutes, agoraRoutes, buildingIdOf, DAY_MS, unitIdOf } from '@linli/shared';
import { DEMO_COMMUNITY_ID } from '../../../devstack/seed/personas';
import { call, signIn, step } from './http';
import { confirmedProxy } from './ownerProxyHelpers';
import { expectStaffEntry } from './staffLogHelpers';
import { unzip } from './zipEntries';

/**
 * 业主表决's legal pack over real HTTP: the printed 表决票 (one per owner, by building, with a code the paper
 * recording finds the seat by), the result's SHA-256 over the ordered ballot list, and the archive zip —
 * unzipped here: every file it lists is there with the listed hash, and its ballot list hashes to the
 * published value.
 */
const communityId = DEMO_COMMUNITY_ID;
const building3 = buildingIdOf(communityId, '3栋');
const wangUnit = unitIdOf(communityId, '3栋', '1单元', '201');
let seq = 0;
const rid = () => `arc${Date.now().toString(36)}${++seq}`;
const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
jest.setTimeout(240_000);

const tokens = {} as Record<'wang' | 'zhang' | 'li' | 'sun', string>;
beforeAll(async () => {
  for (const who of ['wang', 'zhang', 'li', 'sun'] as const) tokens[who] = await signIn(who);
});

describe('an owners’ vote on paper and online: 表决票, 结果公示 hash, archive', () => {
  let topicId: string;
  const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(64, 7)]);
  const params = () => ({ communityId, topicId });

  const opened = step(async () => {
    const created = await call(agoraRoutes.createTopic, {
      token: tokens.sun,
      params: { communityId },
      body: {
        title: '3栋外墙防水维修（业主表决）',
        description: '使用公共收益维修3栋外墙',
        requestId: rid(),
        vote: {
          scope: { kind: 'buildings', buildingIds: [building3] },
          basis: 'owners',
          preset: 'ownersOrdinary',
          ballot: { kind: 'approve' },
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + 2 * DAY_MS).toISOString(),
        },
      },
    });
    expect(created.status).toBe(201);
    topicId = created.body.topicId;
  });

  const sheetsPrinted = step(async () => {
    await opened();
    const topic = await call(agoraRoutes.getTopic, { token: tokens.sun, params: params() });
    const sheets = await call(agoraArchiveRoutes.ballotSheets, {
      token: tokens.sun,
      params: params(),
      query: { buildingId: building3 },
    });
    expect(sheets.status).toBe(200);
    // One sheet per owner head (a multi-unit owner once, the developer's units once), every unit once.
    const electorate = topic.body.vote!.electorate;
    expect(sheets.body.sheets).toHaveLength(electorate.heads);
    expect(sheets.body.sheets.flatMap((s) => s.units)).toHaveLength(electorate.units);
    expect(sheets.body.sheets.reduce((n, s) => n + s.area * 100, 0)).toBeCloseTo(electorate.area * 100, 3);
    expect(sheets.body).toMatchObject({
      basis: 'owners',
      legalBasis: expect.stringContaining('第二百七十八条'),
      buildings: [{ buildingId: building3, name: '3栋', sheets: electorate.heads }],
      options: [{ label: '同意' }, { label: '不同意' }, { label: '弃权' }],
    });
    const wangSheet = sheets.body.sheets.find((s) => s.units.some((u) => u.unitId === wangUnit))!;
    // The 权利人 as registered in the roster (not the resident's account name).
    expect(wangSheet.holder).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    expect(wangSheet.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    // A reprint gives the same codes.
    const again = await call(agoraArchiveRoutes.ballotSheets, { token: tokens.sun, params: params(), query: {} });
    expect(again.body.sheets.map((s) => s.code)).toEqual(sheets.body.sheets.map((s) => s.code));

    // 张楼长 records paper: the code as printed (ABCD-EFGH), typed in lower case, finds the owner's seat.
    const printed = `${wangSheet.code.slice(0, 4)}-${wangSheet.code.slice(4)}`.toLowerCase();
    const found = await call(agoraArchiveRoutes.findSheet, {
      token: tokens.zhang,
      params: { ...params(), code: printed },
    });
    expect(found.status).toBe(200);
    expect(found.body).toEqual(wangSheet);
    const made = await call(agoraArchiveRoutes.findSheet, {
      token: tokens.zhang,
      params: { ...params(), code: 'ABCDEFGH' },
    });
    expect(made.status).toBe(404);
    expect(
      (await call(agoraArchiveRoutes.ballotSheets, { token: tokens.wang, params: params(), query: {} })).status,
    ).toBe(403);
    return sheets.body.sheets;
  });
  it('prints one 表决票 per owner of the building, with a code the paper recording finds the seat by', sheetsPrinted);

  const voted = step(async () => {
    const sheets = await sheetsPrinted();
    // 张楼长 names a proxy for his own flat with the signed 授权委托书 (the helper's photo: 68 bytes of 1s);
    // 孙主任 confirms it. Unused: the archive keeps the document whatever became of the proxy.
    await confirmedProxy({ owner: tokens.zhang, sun: tokens.sun }, topicId, {
      proxyName: '赵受托',
      proxyPhone: '13900001111',
    });
    const cast = await call(agoraRoutes.castBallot, {
      token: tokens.wang,
      params: params(),
      body: { choices: ['agree'], requestId: rid() },
    });
    expect(cast.status).toBe(201);
    const zhangUnit = unitIdOf(communityId, '3栋', '1单元', '101');
    const other = sheets.find(
      (s) => !s.units.some((u) => u.unitId === wangUnit || u.unitId === zhangUnit) && s.voterKey !== 'DEV',
    )!;
    const presign = await call(agoraRoutes.createPaperUpload, {
      token: tokens.zhang,
      params: params(),
      body: { contentType: 'image/png', size: photo.length },
    });
    const form = new FormData();
    for (const [k, v] of Object.entries(presign.body.fields)) form.append(k, v);
    form.append('file', new Blob([photo], { type: 'image/png' }), 'ballot.png');
    expect((await fetch(presign.body.url, { method: 'POST', body: form })).status).toBeLessThan(300);
    const paper = await call(agoraRoutes.recordPaperBallot, {
      token: tokens.zhang,
      params: params(),
      body: { unitId: other.units[0]!.unitId, choices: ['disagree'], photoKey: presign.body.key, requestId: rid() },
    });
    expect(paper.status).toBe(201);
    const early = await call(agoraArchiveRoutes.archiveVote, { token: tokens.sun, params: params() });
    expect(early.status).toBe(409);
  });

  const published = step(async () => {
    await voted();
    const closed = await call(agoraRoutes.changeSchedule, {
      token: tokens.sun,
      params: params(),
      body: { action: 'closeNow', reason: '书面表决已收齐' },
    });
    expect(closed.status).toBe(200);
    const result = closed.body.result!;
    expect(result.ballotListSha256).toMatch(/^[0-9a-f]{64}$/);
    // Anyone recomputes it from the published list: one JSON line per ballot, in the published order.
    const list = await call(agoraRoutes.exportResult, { token: tokens.li, params: params() });
    expect(list.body.ballots).toHaveLength(2);
    expect(sha(list.body.ballots.map((b) => JSON.stringify(b) + '\n').join(''))).toBe(result.ballotListSha256);
    return result;
  });
  it('publishes the SHA-256 of the ordered ballot list with the result', published);

  const archived = step(async () => {
    const result = await published();
    expect((await call(agoraArchiveRoutes.archiveVote, { token: tokens.li, params: params() })).status).toBe(403);
    const answer = await call(agoraArchiveRoutes.archiveVote, { token: tokens.sun, params: params() });
    expect(answer.status).toBe(201);
    expect(answer.body.ballotListSha256).toBe(result.ballotListSha256);
    expect(answer.body.url).toContain('agora/archives/y10/');
    const files = unzip(Buffer.from(await (await fetch(answer.body.url)).arrayBuffer()));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as {
      publishedBallotListSha256: string;
      receiptRoot: string;
      ballotList: { sha256: string; matchesPublished: boolean };
      retention: { years: number; until: string };
      notIncluded: string[];
      files: { path: string; bytes: number; sha256: string }[];
    };
    // Every listed file is there with the listed size and hash, and nothing else is.
    expect([...files.keys()].sort()).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
    for (const f of manifest.files) {
      expect(files.get(f.path)!.length).toBe(f.bytes);
      expect(sha(files.get(f.path)!)).toBe(f.sha256);
    }
    expect(answer.body.files).toBe(files.size);
    // The archived ballot list is the published one.
    expect(manifest.publishedBallotListSha256).toBe(result.ballotListSha256);
    expect(sha(files.get('ballots.jsonl')!)).toBe(result.ballotListSha256);
    expect(manifest.ballotList).toMatchObject({ sha256: result.ballotListSha256, matchesPublished: true });
    expect(manifest.receiptRoot).toBe(result.receiptRoot!.root);
    expect(manifest.retention.years).toBe(10);
    // The paper ballot's photo, byte for byte.
    expect(files.get('paper/0001.png')!.equals(photo)).toBe(true);
    // The proxy's signed 授权委托书, byte for byte, named on its row of proxies.csv.
    expect(files.get('proxies/0001.png')!.equals(Buffer.alloc(68, 1))).toBe(true);
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['proxies.csv', 'proxies/0001.png']));
    const proxies = files.get('proxies.csv')!.toString('utf8');
    expect(proxies).toContain('授权委托书照片');
    expect(proxies).toMatch(/赵受托.*139\*\*\*\*1111.*已核验.*proxies\/0001\.png/);
    expect(manifest.notIncluded).toEqual([]);
    // Who took part, never what they chose (a secret ballot).
    const participation = files.get('participation.csv')!.toString('utf8');
    expect(participation).toContain('王阿姨');
    expect(participation).toContain('纸质票');
    expect(participation).not.toMatch(/同意|不同意|弃权/);
    expect(JSON.parse(files.get('result.json')!.toString('utf8'))).toMatchObject({ result: { ballots: 2 } });
  });
  it('archives the vote as one zip whose manifest lists every file with its SHA-256 and the published hash', archived);

  const retention = step(async () => {
    await archived();
    const set = (token: string, years: number) =>
      call(agoraArchiveRoutes.updateArchiveSettings, { token, params: { communityId }, body: { years } });
    expect((await set(tokens.li, 20)).status).toBe(403);
    expect((await set(tokens.sun, 7)).status).toBe(400);
    const changed = await set(tokens.sun, 20);
    expect(changed.body).toEqual({ years: 20 });
    await expectStaffEntry(agoraArchiveRoutes.updateArchiveSettings, changed, {
      caller: 'sun',
      communityId,
      objectId: communityId,
    });
    try {
      const answer = await call(agoraArchiveRoutes.archiveVote, { token: tokens.sun, params: params() });
      expect(answer.body.url).toContain('agora/archives/y20/');
      const years = (Date.parse(answer.body.retainUntil) - Date.now()) / (365.25 * DAY_MS);
      expect(years).toBeGreaterThan(19.9);
    } finally {
      await set(tokens.sun, 10);
    }
    expect(
      (await call(agoraArchiveRoutes.getArchiveSettings, { token: tokens.sun, params: { communityId } })).body,
    ).toEqual({ years: 10 });
  });
  it('keeps the archive for the years the community set (the storage prefix its lifecycle rule deletes)', retention);
});
