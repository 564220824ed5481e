import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';

/**
 * 业主表决's paper side from the H5 console: the committee prints the 表决票 (one per owner, in batches by
 * building) and, after the close, the 结果公示 with both thresholds, the legal basis and the ballot list's
 * SHA-256. This machine has no CJK system font, so the pages bring their own (Noto Sans SC, unicode-range
 * subsets): the journey checks the font's faces loaded and saves the print renderings under test-results/.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

async function expectText(locator: Locator, text: string) {
  await locator.filter({ hasText: text }).first().waitFor();
}

/**
 * Whether the page's CJK text renders in glyphs, not tofu: loads Noto Sans SC for `text` (distinct characters), draws
 * each character on a canvas in that font and counts the distinct drawings (tofu draws every character as the same
 * box), and counts the font's faces that failed to load (a subset file the build did not serve).
 */
async function cjkGlyphs(page: Page, text: string) {
  return page.evaluate(async (chars) => {
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
}

async function expectCjkGlyphs(page: Page, text: string) {
  const glyphs = await cjkGlyphs(page, text);
  expect(glyphs).toMatchObject({ distinct: glyphs.chars, failed: 0 });
  expect(glyphs.loaded).toBeGreaterThan(0);
}

async function printShot(page: Page, name: string) {
  mkdirSync('test-results', { recursive: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
}

test('the committee prints the 表决票 of an owners’ vote by building, closes it, prints the 结果公示 and archives it', async () => {
  const title = `3栋外墙维修 ${Date.now().toString(36)}`;
  const committee = await phone(browser);
  const c = committee.page;

  await snapshotOnFailure(c, 'ownerPrint-open', async () => {
    await app.signInAs(c, '孙主任');
    await app.tab(c, '议事');
    await c.getByTestId('agora-create').click();
    await c.getByTestId('field-title').locator('input').fill(title);
    await c.getByTestId('field-description').locator('textarea').fill('使用公共收益维修3栋外墙防水，书面表决。');
    await c.getByTestId('scope-kind-buildings').click();
    await c.getByTestId('scope-buildings').getByText('3栋', { exact: true }).click();
    await c.getByTestId('basis-owners').click();
    await c.getByTestId('preset-ownersOrdinary').click();
    await c.getByTestId('wizard-submit').click();
    await c.getByTestId('page-agora-poster').waitFor();
    await c.getByTestId('poster-open-topic').click();
    await c.getByTestId('page-agora-topic').waitFor();
    await c.getByTestId('topic-manage').click();
    await c.getByTestId('page-agora-manage').waitFor();
  });

  await snapshotOnFailure(c, 'ownerPrint-sheets', async () => {
    await c.getByTestId('manage-print-sheets').click();
    await c.getByTestId('page-agora-sheets').waitFor();
    await c.locator('[data-testid^="print-batch-"]').filter({ hasText: '3栋' }).click();
    await expectText(c.getByTestId('print-sheets-print'), '打印这');
    const sheets = c.getByTestId('print-sheet');
    await sheets.first().waitFor();
    expect(await sheets.count()).toBeGreaterThan(10);
    const first = sheets.first();
    await expectText(first, '业主共同决定事项表决票');
    await expectText(first, '专有部分面积合计');
    await expectText(first, '第二百七十八条');
    await expectText(first, '业主签名（捺印）');
    expect(await first.getByTestId('print-sheet-code').textContent()).toMatch(/[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/);
    await expectCjkGlyphs(c, '业主共同决定事项表票签名');
    await printShot(c, 'ownerPrint-sheets');
    await c.goBack();
    await c.getByTestId('page-agora-manage').waitFor();
  });

  await snapshotOnFailure(c, 'ownerPrint-bulletin', async () => {
    await c.getByTestId('manage-close').click();
    await c.getByTestId('schedule-dialog').getByTestId('field-reason').locator('textarea').fill('书面表决已收齐');
    await c.getByTestId('schedule-dialog-confirm').click();
    await expectText(c.getByTestId('manage-stage'), '结果公示');
    await c.getByTestId('manage-print-bulletin').click();
    await c.getByTestId('page-agora-bulletin').waitFor();
    const b = c.getByTestId('print-bulletin');
    await expectText(b, '业主共同决定事项表决结果公示');
    await expectText(c.getByTestId('print-bulletin-basis'), '第二百七十八条');
    // Both thresholds, by heads and by area.
    await expectText(b, '·人数：');
    await expectText(b, '·面积：');
    expect(await c.getByTestId('print-bulletin-sha').textContent()).toMatch(/^([0-9a-f]{8} ){7}[0-9a-f]{8}$/);
    await c.getByTestId('print-bulletin-root').waitFor();
    await c.getByTestId('print-bulletin-qr').waitFor();
    await expectCjkGlyphs(c, '表决结果公示法律依据');
    await printShot(c, 'ownerPrint-bulletin');
    await c.goBack();
    await c.getByTestId('page-agora-manage').waitFor();
  });

  await snapshotOnFailure(c, 'ownerPrint-archive', async () => {
    await c.getByTestId('manage-archive-years').waitFor();
    await c.getByTestId('manage-archive').click();
    await expectText(c.getByTestId('manage-archive-done'), '保存至');
  });
});
