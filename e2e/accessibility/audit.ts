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

/** Routes that show the same to everyone (the sign-in page), audited once whoever was signed in before. */
const SAME_FOR_EVERYONE = new Set(['/pages/signin/index']);

/**
 * A page shows one design to residents and another to staff (actions, queues, tools): each route is audited once
 * for each of the two, whoever of them the journeys showed it to first — not once per person, which cost minutes.
 */
const STAFF_PERSONAS = new Set(['liu', 'zhao', 'sun', 'zhou', 'admin', 'wu', 'qian']);
const audienceOf = (userId: string) => (STAFF_PERSONAS.has(userId.replace(/^demo_/, '')) ? 'staff' : 'resident');

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
 * Holds the text mode for the audit's load without touching the account (王阿姨's is 大字模式): the app's switch is
 * the stored flag plus `me.largeText`, so every answer that carries `me` is patched on its way in.
 */
async function forceTextMode(context: BrowserContext, mode: TextMode): Promise<void> {
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

/** axe-core and the 适老化 measures on the page as it is now. */
async function measure(page: Page, visit: Visit, user: string, mode: TextMode, t0: number): Promise<PageAudit> {
  // Every rule runs; only violations are collected in detail (passes and incompletes cost time nobody reads).
  const axe = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  // Under tsx (benchmarks, scripts) esbuild names functions through a `__name` helper the page does not have.
  await page.evaluate('globalThis.__name ??= (f) => f');
  const ageFriendly = await page.evaluate(measureAgeFriendly, AGE_FRIENDLY[mode]);
  return {
    route: visit.route,
    user,
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
}

/**
 * One load per visit: measured in normal mode, then in 大字模式. 大字模式 is one class on each page's root
 * (components/Page: `.page--large` sets the --fs-* and --tap variables), so the audit switches that class on the
 * loaded page rather than loading it again; the account's own setting is held at normal for the load.
 */
async function auditVisit(browser: Browser, visit: Visit, user: ReturnType<typeof userOf>): Promise<PageAudit[]> {
  let t0 = Date.now();
  const { context, page } = await phoneContext(browser);
  try {
    const storage: Record<string, string> = { ...visit.storage, 'linli.largeText': JSON.stringify({ data: false }) };
    if (user.openid) storage['linli.session'] = JSON.stringify({ data: await freshSession(user.openid) });
    await context.addInitScript((s) => {
      for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v);
    }, storage);
    await forceTextMode(context, 'normal');
    await page.goto(visit.url);
    await settle(page);
    const normal = await measure(page, visit, user.userId, 'normal', t0);
    t0 = Date.now();
    await page.evaluate(() => {
      for (const root of document.querySelectorAll('.page')) {
        root.classList.add('page--large');
        root.setAttribute('data-large-text', 'on');
      }
      return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    const large = await measure(page, visit, user.userId, 'large', t0);
    return [normal, large];
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
 * Shows every route the journeys visited (once per route for residents and once for staff, in the whole e2e run) again in a fresh phone
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
    const key = SAME_FOR_EVERYONE.has(visit.route) ? visit.route : `${visit.route}|${audienceOf(user.userId)}`;
    if (audited.has(key)) continue;
    audited.add(key);
    audits.push(...(await auditVisit(browser, visit, user)));
  }
  writeFileSync(join(dir, 'audited.json'), JSON.stringify([...audited]));
  for (const a of audits) appendFileSync(join(dir, 'audits.jsonl'), `${JSON.stringify(a)}\n`);
  const failures = audits.flatMap((a) => failuresOf(a).map((f) => `${a.route} · ${a.user} · ${a.mode}: ${f}`));
  if (failures.length) throw new Error(`Accessibility: ${failures.length} finding(s)\n  ${failures.join('\n  ')}`);
  return audits;
}
