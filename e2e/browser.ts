import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { watchVisits } from './accessibility/visits';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags these machines need: no sandbox as root, no GPU, and no background calls to Google. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is needed for the browser journeys and is not at ${CHROMIUM}.\n  Debian/Ubuntu: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)`,
    );
}

let browser: Browser | undefined;

/** Playwright gives every launch a fresh temporary profile (the --user-data-dir the brief asks for). */
export async function launch(): Promise<Browser> {
  assertChromium();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  return browser;
}

export async function close(): Promise<void> {
  await browser?.close();
}

/** The browser this test file launched (the accessibility audit after each journey opens its pages in it). */
export const launched = (): Browser | undefined => (browser?.isConnected() ? browser : undefined);

/**
 * A phone-sized browser context, as residents use the app. Every route its page goes to is noted, and shown to
 * axe-core and the 适老化 measures after the test (e2e/accessibility).
 */
export async function phone(b: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await phoneContext(b);
  watchVisits(opened.page);
  return opened;
}

export async function phoneContext(b: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await b.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export const appUrl = () => process.env.LINLI_E2E_URL as string;
