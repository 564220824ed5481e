import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loginCode, raw } from '../../functions/test/api/http';
import { phoneContext } from '../browser';
import { AGE_FRIENDLY, measureAgeFriendly, type AgeFriendlyFinding } from './ageFriendly';
import { isWaived } from './waivers';
import type { Visit } from './visits';

export type TextMode = 'normal' | 'large';

export interface PageAudit {
  route: string;
  user: string;
  mode: TextMode;
  /** axe violations by rule, with their impact and how many elements. */
  axe: { rule: string; impact: string; nodes: number; help: string; targets: string[] }[];
  ageFriendly: AgeFriendlyFinding[];
  ms: number;
}

/** axe fails a journey on these; moderate and minor ones are reported, not failed on. */
const FAILING = new Set(['serious', 'critical']);

/** Where the audits of one e2e run are kept (set by globalSetup): what was audited, and every finding. */
const stateDir = () => process.env.LINLI_A11Y_DIR ?? join(process.cwd(), 'test-results', 'accessibility');

function alreadyAudited(): Set<string> {
  const file = join(stateDir(), 'audited.json');
  return new Set(existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : []);
}

/** The user a stored session belongs to (the access token's subject), or `signed-out`. */
function userOf(storage: Record<string, string>): { userId: string; openid?: string } {
  try {
    const session = (JSON.parse(storage['linli.session'] ?? '') as { data?: { accessToken?: string } }).data;
    const payload = session?.accessToken?.split('.')[1];
    if (!payload) return { userId: 'signed-out' };
    const { sub } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string };
    // Demo personas sign in with a known openid: a fresh session for them survives the journeys' clock jumps.
    return { userId: sub, openid: sub.startsWith('demo_') ? `demo-openid-${sub.slice(5)}` : undefined };
  } catch {
    return { userId: 'signed-out' };
  }
}

async function freshSession(openid: string): Promise<unknown> {
  const res = await raw('POST', '/auth/wechat', { body: JSON.stringify({ code: await loginCode(openid) }) });
  if (res.status !== 200) throw new Error(`accessibility audit: sign-in as ${openid} answered ${res.status}`);
  const { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt } = res.body as Record<string, string>;
  return { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt };
}

/**
 * 大字模式 for the audit without touching the account: the app's own switch is the stored flag plus `me.largeText`,
 * so both are set for the audit's browser context, every answer that carries `me` patched on its way in.
 */
async function forceTextMode(context: BrowserContext, mode: TextMode) {
  const large = mode === 'large';
  await context.route(/\/api\/(me|auth\/wechat|auth\/refresh)(\?|$)/, async (route) => {
    const response = await route.fetch();
    const body = (await response.json().catch(() => undefined)) as
      { largeText?: boolean; me?: { largeText?: boolean } } | undefined;
    if (!body || typeof body !== 'object') return route.fulfill({ response });
    if ('largeText' in body) body.largeText = large;
    if (body.me && typeof body.me === 'object') body.me.largeText = large;
    await route.fulfill({ response, json: body });
  });
}

/** Waits until the page has drawn what its requests brought: no request in flight, no loading state left. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .waitForFunction(
      () =>
        !!document.querySelector('.taro_page') &&
        ![...document.querySelectorAll('.taro_page [aria-busy="true"]')].some(
          (e) => e.getBoundingClientRect().height > 0,
        ),
      undefined,
      { timeout: 15_000 },
    )
    .catch(() => undefined);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function auditOne(browser: Browser, visit: Visit, mode: TextMode, user: ReturnType<typeof userOf>) {
  const t0 = Date.now();
  const { context, page } = await phoneContext(browser);
  try {
    const storage: Record<string, string> = {
      ...visit.storage,
      'linli.largeText': JSON.stringify({ data: mode === 'large' }),
    };
    if (user.openid) storage['linli.session'] = JSON.stringify({ data: await freshSession(user.openid) });
    await context.addInitScript((s) => {
      for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v);
    }, storage);
    await forceTextMode(context, mode);
    await page.goto(visit.url);
    await settle(page);
    const axe = await new AxeBuilder({ page }).analyze();
    const ageFriendly = await page.evaluate(measureAgeFriendly, AGE_FRIENDLY[mode]);
    const audit: PageAudit = {
      route: visit.route,
      user: user.userId,
      mode,
      axe: axe.violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? 'minor',
        nodes: v.nodes.length,
        help: v.help,
        targets: v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n')[1]?.trim() ?? ''}` : ''}`,
          ),
      })),
      ageFriendly,
      ms: Date.now() - t0,
    };
    // Waived findings stay in the record, marked, so the report says what was let through and why.
    return audit;
  } finally {
    await context.close();
  }
}

/** What fails a journey: serious or critical axe violations, and any 适老化 finding, less the written waivers. */
export function failuresOf(audit: PageAudit): string[] {
  const out: string[] = [];
  for (const v of audit.axe)
    if (FAILING.has(v.impact) && !isWaived(audit.route, v.rule))
      out.push(`axe ${v.rule} (${v.impact}, ${v.nodes}×): ${v.help}\n      ${v.targets.join('\n      ')}`);
  for (const f of audit.ageFriendly)
    if (!isWaived(audit.route, f.rule)) out.push(`适老化 ${f.rule}: ${f.where} — ${f.measured}`);
  return out;
}

/**
 * Shows every route the journeys visited (once per route and user in the whole e2e run) again in a fresh phone
 * context, in normal and in 大字模式, runs axe-core and the 适老化 measures on it, records what it found under
 * test-results/accessibility/, and throws with the list when something fails.
 */
export async function auditVisits(browser: Browser, visits: Visit[]): Promise<PageAudit[]> {
  const dir = stateDir();
  mkdirSync(dir, { recursive: true });
  const audited = alreadyAudited();
  const audits: PageAudit[] = [];
  for (const visit of visits) {
    const user = userOf(visit.storage);
    const key = `${visit.route}|${user.userId}`;
    if (audited.has(key)) continue;
    audited.add(key);
    for (const mode of ['normal', 'large'] as const) audits.push(await auditOne(browser, visit, mode, user));
  }
  writeFileSync(join(dir, 'audited.json'), JSON.stringify([...audited]));
  for (const a of audits) appendFileSync(join(dir, 'audits.jsonl'), `${JSON.stringify(a)}\n`);
  const failures = audits.flatMap((a) => failuresOf(a).map((f) => `${a.route} · ${a.user} · ${a.mode}: ${f}`));
  if (failures.length) throw new Error(`Accessibility: ${failures.length} finding(s)\n  ${failures.join('\n  ')}`);
  return audits;
}
