/**
 * Refreshes docs/screenshot.png (the README picture): starts the stack with the built H5 app, signs
 * in as demo accounts and photographs their screens side by side. Run: npx tsx scripts/screenshot.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, ROOT } from '../devstack/stack';
import { launch, close, phone } from '../e2e/browser';
import { app } from '../e2e/app';

async function main() {
  const stack = await startStack({ ports: 'free', h5: 'static' });
  process.env.LINLI_E2E_URL = stack.urls.h5;
  const shots: string[] = [];
  try {
    const browser = await launch();
    const take = async (persona: string, steps: (page: import('playwright-core').Page) => Promise<void>) => {
      const { page, context } = await phone(browser);
      await app.signInAs(page, persona);
      await steps(page);
      await page.waitForTimeout(800);
      shots.push((await page.screenshot()).toString('base64'));
      await context.close();
    };
    await take('王阿姨', async (page) => {
      await page.getByTestId('page-home').waitFor();
    });
    await take('孙主任', async (page) => {
      await app.tab(page, '我的');
      await page.getByTestId('me-workbench').click();
      await page.getByTestId('workbench-overview').click();
      await page.getByTestId('overview-grids').waitFor();
    });
    await take('孙主任', async (page) => {
      await app.tab(page, '我的');
      await page.getByTestId('me-households').waitFor();
    });
    const { page } = await phone(browser);
    await page.setViewportSize({ width: 1240, height: 860 });
    await page.setContent(
      `<body style="margin:0;background:#e9edf1;display:flex;gap:24px;padding:24px;justify-content:center">${shots
        .map(
          (s) =>
            `<img src="data:image/png;base64,${s}" style="width:380px;border-radius:18px;box-shadow:0 6px 24px #0002">`,
        )
        .join('')}</body>`,
    );
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    writeFileSync(join(ROOT, 'docs', 'screenshot.png'), await page.screenshot({ fullPage: true }));
    await close();
  } finally {
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
