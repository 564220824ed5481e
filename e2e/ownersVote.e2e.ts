import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Browser, Download, Locator, Page } from 'playwright-core';
import { API, buildingIdOf, HOUR_MS } from '@linli/shared';
import { DEMO_COMMUNITY_ID as cid } from '../devstack/seed/personas';
import { call, signIn } from '../functions/test/api/http';
import { unzip } from '../functions/test/api/zipEntries';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { extractCsv } from './ownersExtract';
import { passTime, stackNow } from './stackControl';

/**
 * 业主表决 (《民法典》第二百七十八条) end to end, the way a 业委会 defends one: the committee imports the owners'
 * roster from a 不动产登记 extract and checks who counts; an owner names a proxy with the signed 授权委托书; the proxy
 * casts for her; the committee looks up her printed 表决票 by its code and records her paper ballot too, and the
 * conflict view flags it; the poll closes on the clock; the 表决票 and the 结果公示 print (CJK glyphs checked,
 * renderings saved under test-results/); the archive zip downloaded in the browser holds every file its manifest
 * lists, the 授权委托书 and the paper ballot's photo among them, and its ballot list hashes to the printed SHA-256.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

/** A real 1×1 PNG: the H5 build decodes what was picked, and drops a file that is not an image. */
const PHOTO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A page of the H5 build: earlier pages stay in the DOM, hidden, so the one showing is the visible one. */
const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

async function as(page: Page, name: string) {
  await app.signInAs(page, name);
  await app.acceptPrivacyIfAsked(page);
  await shown(page, 'page-home').waitFor();
}

/**
 * Opens a page afresh: the H5 router shows a page already in its stack as it was (a hash change is no reload), and
 * the committee needs what the server says now.
 */
async function openFresh(page: Page, path: string) {
  await app.open(page, path);
  await page.reload();
}

async function expectText(locator: Locator, text: string) {
  await locator.filter({ hasText: text }).first().waitFor();
}

async function pickPhoto(page: Page, button: Locator, name: string) {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: PHOTO_PNG });
  await button.getByText('重拍').waitFor();
}

/**
 * Whether CJK text renders in glyphs, not tofu: draws each character in Noto Sans SC (the pages bring it, this
 * machine has no CJK font) and counts distinct drawings (tofu draws every character as the same box), and the
 * font's faces that failed to load.
 */
async function expectCjkGlyphs(page: Page, text: string) {
  const glyphs = await page.evaluate(async (chars) => {
    await document.fonts.ready;
    await document.fonts.load('32px "Noto Sans SC"', chars);
    const faces = [...document.fonts].filter((f) => f.family.includes('Noto Sans SC'));
    const canvas = document.createElement('canvas');
    canvas.width = 40;
    canvas.height = 40;
    const g = canvas.getContext('2d')!;
    g.font = '32px "Noto Sans SC"';
    const drawings = new Set<string>();
    for (const ch of chars) {
      g.clearRect(0, 0, 40, 40);
      g.fillText(ch, 2, 34);
      drawings.add(canvas.toDataURL());
    }
    return {
      chars: [...chars].length,
      distinct: drawings.size,
      loaded: faces.filter((f) => f.status === 'loaded').length,
      failed: faces.filter((f) => f.status === 'error').length,
    };
  }, text);
  expect(glyphs).toMatchObject({ distinct: glyphs.chars, failed: 0 });
  expect(glyphs.loaded).toBeGreaterThan(0);
}

async function printShot(page: Page, name: string) {
  mkdirSync('test-results', { recursive: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
}

/** The file a click downloads: the H5 console opens the presigned link in a new tab, which saves it. */
async function downloadOf(context: BrowserContext, page: Page, click: () => Promise<void>): Promise<Buffer> {
  const download = new Promise<Download>((resolve) => {
    page.once('download', resolve);
    context.once('page', (tab) => tab.once('download', resolve));
  });
  await click();
  const file = await download;
  return readFileSync((await file.path())!);
}

interface Manifest {
  publishedBallotListSha256: string;
  ballotList: { path: string; sha256: string; matchesPublished: boolean };
  notIncluded: string[];
  files: { path: string; bytes: number; sha256: string }[];
}

test('业主表决 end to end: roster from the 不动产登记 extract, a proxy casts, a paper ballot by its sheet code conflicts, the poll closes, 表决票 and 结果公示 print, the archive matches the published hash', async () => {
  const stamp = Date.now().toString(36);
  const title = `3栋外墙维修${stamp}`;
  const { context, page } = await phone(browser);
  let topicId = '';
  let closesAt = '';
  const topicPath = () => `/packages/agora/pages/topic/index?communityId=${cid}&topicId=${topicId}`;
  const managePath = () => `/packages/agora/pages/manage/index?communityId=${cid}&topicId=${topicId}`;

  await snapshotOnFailure(page, 'ownersVote-roster', async () => {
    // 孙主任: 工作台 → 业主名册（登记摘录）, the extract as the registry lists it, then the preview: one head per
    // owner (co-owners of 5栋1单元101 once, the two-unit owner of 2栋 once, the developer's unsold units once).
    await as(page, '孙主任');
    await app.tab(page, '我的');
    await page.getByTestId('me-workbench').click();
    await page.getByTestId('workbench-ownerRegistry').click();
    const registry = shown(page, 'page-owner-registry-import');
    await registry.getByTestId('file-input').setInputFiles({
      name: '幸福里不动产登记摘录.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(extractCsv(), 'utf8'),
    });
    await registry.getByTestId('registry-check').click();
    await registry.getByTestId('registry-preview').waitFor();
    const tile = (label: string) =>
      registry
        .locator('.stat-tiles__tile', { hasText: label })
        .locator('.stat-tiles__value')
        .textContent()
        .then((t) => Number.parseFloat(t ?? ''));
    expect(await tile('业主人数')).toBeGreaterThanOrEqual(116);
    expect(await tile('开发建设单位持有')).toBe(4);
    expect(await tile('共有房屋')).toBeGreaterThanOrEqual(1);
    expect(await tile('一人多套')).toBeGreaterThanOrEqual(1);
    await expectText(registry.getByTestId('registry-rule'), '共有人合计为一名业主');
    expect(await registry.getByTestId('registry-problems').count()).toBe(0);
    await registry
      .getByTestId('registry-owners')
      .getByText(/、林共有$/)
      .waitFor();
    await registry.getByTestId('registry-apply').click();
    await registry.getByTestId('registry-applied').waitFor();
  });

  // 孙主任 opens the owners' vote over 3栋 (ordinary matters): its roster is frozen as just applied.
  const now = await stackNow();
  closesAt = new Date(now.getTime() + HOUR_MS).toISOString();
  const created = await call(API.agoraPolls.createTopic, {
    token: await signIn('sun'),
    params: { communityId: cid },
    body: {
      title,
      description: '使用公共收益维修3栋外墙防水，3栋全体业主共同决定',
      requestId: `e2e-owners-vote-${stamp}`,
      vote: {
        scope: { kind: 'buildings', buildingIds: [buildingIdOf(cid, '3栋')] },
        basis: 'owners',
        preset: 'ownersOrdinary',
        ballot: { kind: 'approve' },
        opensAt: now.toISOString(),
        closesAt,
      },
    },
  });
  expect(created.status).toBe(201);
  topicId = created.body.topicId;

  await snapshotOnFailure(page, 'ownersVote-proxy', async () => {
    // 王阿姨 (大字模式) names 小李 with a photo of the signed 授权委托书 and gets the 委托码.
    await as(page, '王阿姨');
    await app.open(page, topicPath());
    await shown(page, 'page-agora-topic').getByText(title).first().waitFor();
    await shown(page, 'page-agora-topic').getByTestId('topic-owner-proxy-name').click();
    const owner = shown(page, 'page-agora-owner-proxy');
    await owner.getByTestId('owner-proxy-form').waitFor();
    await owner.getByTestId('field-proxy-name').locator('input').fill('小李');
    await owner.getByTestId('field-proxy-phone').locator('input').fill('13912345678');
    await pickPhoto(page, owner.getByTestId('owner-proxy-photo'), 'weituoshu.png');
    await owner.getByTestId('owner-proxy-submit').click();
    await owner.getByTestId('owner-proxy-state').getByText('待居委会核验').waitFor();
    const code = /委托码：(\w{4}) (\w{4})/.exec(await owner.getByTestId('owner-proxy-code').innerText())!;

    // 小李 opens the link with the code; 孙主任 checks the document and confirms; 小李 casts 同意 for her.
    await as(page, '小李');
    await app.open(page, `/packages/agora/pages/proxy-votes/index?communityId=${cid}&code=${code[1]}${code[2]}`);
    await shown(page, 'page-agora-proxy-votes').getByTestId('proxy-claim-submit').click();
    await shown(page, 'page-agora-proxy-votes').getByTestId('proxy-vote').getByText('待居委会核验').waitFor();

    await as(page, '孙主任');
    await app.open(page, topicPath());
    await shown(page, 'page-agora-topic').getByTestId('topic-proxies').click();
    const list = shown(page, 'page-agora-proxies');
    await list.getByTestId('proxies-item').getByText('王阿姨 委托 小李', { exact: false }).waitFor();
    await list.getByTestId('proxies-confirm').click();
    await list.getByTestId('proxies-state').getByText('委托有效').waitFor();

    await as(page, '小李');
    await app.open(page, `/packages/agora/pages/proxy-votes/index?communityId=${cid}`);
    const votes = shown(page, 'page-agora-proxy-votes');
    await votes.getByTestId('ballot-option-agree').click();
    await votes.getByTestId('ballot-submit').click();
    await votes.getByTestId('proxy-cast-done').getByText('同意', { exact: false }).waitFor();

    // 王阿姨's own seat now says her proxy cast it, and offers no ballot.
    await as(page, '王阿姨');
    await app.open(page, topicPath());
    const seat = shown(page, 'page-agora-topic').getByTestId('seat-status');
    await seat.getByText('受托人小李', { exact: false }).waitFor();
    expect(await shown(page, 'page-agora-topic').getByTestId('ballot-submit').count()).toBe(0);
    // Her 书面委托 page says the proxy voted, and no longer offers to revoke it.
    await shown(page, 'page-agora-topic').getByTestId('topic-owner-proxy-name').click();
    const mine = shown(page, 'page-agora-owner-proxy');
    await expectText(mine.getByTestId('owner-proxy-voted'), '受托人代为投票');
    expect(await mine.getByTestId('owner-proxy-revoke').count()).toBe(0);
  });

  let wangCode = '';
  await snapshotOnFailure(page, 'ownersVote-sheets', async () => {
    // 孙主任 prints 3栋's 表决票: one per owner, each with its code; 王阿姨's is the one with 1单元201.
    await as(page, '孙主任');
    await app.open(page, managePath());
    await shown(page, 'page-agora-manage').getByTestId('manage-print-sheets').click();
    const sheets = shown(page, 'page-agora-sheets');
    await sheets.locator('[data-testid^="print-batch-"]').filter({ hasText: '3栋' }).click();
    await expectText(sheets.getByTestId('print-sheets-print'), '打印这');
    const all = sheets.getByTestId('print-sheet');
    await all.first().waitFor();
    expect(await all.count()).toBeGreaterThan(10);
    const wang = all.filter({ hasText: '3栋1单元201' });
    await expectText(wang, '业主共同决定事项表决票');
    await expectText(wang, '专有部分面积合计');
    await expectText(wang, '第二百七十八条');
    await expectText(wang, '业主签名（捺印）');
    wangCode = (await wang.getByTestId('print-sheet-code').textContent())!.match(
      /[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/,
    )![0];
    await expectCjkGlyphs(page, '业主共同决定事项表票签名');
    await printShot(page, 'ownersVote-sheets');
  });

  await snapshotOnFailure(page, 'ownersVote-paper', async () => {
    // 代录纸质票 by the sheet's code: a wrong code says so in words; 王阿姨's finds her seat and selects her flat.
    await app.open(page, `/packages/agora/pages/paper/index?communityId=${cid}&topicId=${topicId}`);
    const paper = shown(page, 'page-agora-paper');
    const codeInput = paper.getByTestId('field-sheet-code').locator('input');
    await codeInput.fill('ABCD-EFGH');
    await paper.getByTestId('paper-sheet-find').click();
    await expectText(paper.getByTestId('paper-sheet-error'), '没有找到编码为 ABCD-EFGH 的表决票');
    await codeInput.fill(wangCode.toLowerCase());
    await paper.getByTestId('paper-sheet-find').click();
    await expectText(paper.getByTestId('paper-sheet-found'), '3栋1单元201');
    expect(await paper.getByTestId('paper-sheet-error').count()).toBe(0);
    await expectText(paper.getByTestId('paper-unit').locator('[aria-checked="true"]'), '1单元201');
    await pickPhoto(page, paper.getByTestId('paper-photo'), 'biaojuepiao.png');
    await paper.getByTestId('ballot-option-disagree').click();
    await paper.getByTestId('ballot-submit').click();
    // Her proxy's ballot stands; the paper is not counted and goes to the committee.
    await expectText(paper.getByTestId('ballot-error'), '纸质票未计入');

    await openFresh(page, managePath());
    const conflict = shown(page, 'page-agora-manage').getByTestId('conflict').filter({ hasText: '3栋1单元201' });
    await expectText(conflict, '已计：书面委托');
    await expectText(conflict, '又提交：纸质票');
    await expectText(conflict, '待核实');
  });

  // The vote closes on the clock: the 议事厅's scheduled Lambda counts and publishes it.
  await passTime(closesAt, 0.1, { runSchedules: true });

  let printedSha = '';
  await snapshotOnFailure(page, 'ownersVote-bulletin', async () => {
    await as(page, '孙主任');
    await app.open(page, managePath());
    const manage = shown(page, 'page-agora-manage');
    await expectText(manage.getByTestId('manage-stage'), '结果公示');
    await manage.getByTestId('manage-print-bulletin').click();
    const b = shown(page, 'page-agora-bulletin');
    await expectText(b.getByTestId('print-bulletin'), '业主共同决定事项表决结果公示');
    await expectText(b.getByTestId('print-bulletin-basis'), '第二百七十八条');
    await expectText(b.getByTestId('print-bulletin'), '·人数：');
    await expectText(b.getByTestId('print-bulletin'), '·面积：');
    const sha = (await b.getByTestId('print-bulletin-sha').textContent())!;
    expect(sha).toMatch(/^([0-9a-f]{8} ){7}[0-9a-f]{8}$/);
    printedSha = sha.replace(/ /g, '');
    await b.getByTestId('print-bulletin-qr').waitFor();
    await expectCjkGlyphs(page, '表决结果公示法律依据');
    await printShot(page, 'ownersVote-bulletin');
  });

  await snapshotOnFailure(page, 'ownersVote-archive', async () => {
    await openFresh(page, managePath());
    const manage = shown(page, 'page-agora-manage');
    await manage.getByTestId('manage-archive-years').waitFor();
    const zip = await downloadOf(context, page, () => manage.getByTestId('manage-archive').click());
    await expectText(manage.getByTestId('manage-archive-done'), '保存至');

    const files = unzip(zip);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    // Every file the manifest lists is in the zip with its size and hash, and nothing else is.
    expect([...files.keys()].sort()).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
    for (const f of manifest.files) {
      expect(files.get(f.path)!.length).toBe(f.bytes);
      expect(sha256(files.get(f.path)!)).toBe(f.sha256);
    }
    // The ballot list archived is the one published: its SHA-256 is the one printed on the 结果公示.
    expect(sha256(files.get(manifest.ballotList.path)!)).toBe(printedSha);
    expect(manifest).toMatchObject({
      publishedBallotListSha256: printedSha,
      ballotList: { matchesPublished: true },
      notIncluded: [],
    });
    // The signed 授权委托书 and the paper ballot's photo, byte for byte, each named where it belongs.
    expect(files.get('proxies/0001.png')!.equals(PHOTO_PNG)).toBe(true);
    expect(files.get('paper/0001.png')!.equals(PHOTO_PNG)).toBe(true);
    expect(files.get('proxies.csv')!.toString('utf8')).toMatch(/小李.*已核验.*proxies\/0001\.png/);
    expect(files.get('conflicts.csv')!.toString('utf8')).toMatch(/3栋1单元201.*paper\/0001\.png/);
  });
});
