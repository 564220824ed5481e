import { cpus, loadavg } from 'node:os';
import { API } from '@linli/shared';
import { DEMO_COMMUNITY_ID } from '../../devstack/seed/personas';
import { CHROMIUM, CHROMIUM_FLAGS, assertChromium } from '../../e2e/browser';
import { loginCode, raw } from '../../functions/test/api/http';
import type { Benchmark, BenchContext } from './context';

/**
 * Lighthouse 12.2.3 (pinned: 13 needs Node 22) on the H5 production build, with its default mobile settings
 * (Moto G Power screen, simulated slow 4G and 4× CPU), in Debian's Chromium with the browser journeys' flags:
 * Performance, Accessibility and Best Practices of the three screens an older resident uses most.
 * Each page is measured signed in as 王阿姨, her session put in local storage before Lighthouse loads it
 * (`disableStorageReset`), as a returning resident opens the app.
 */
const RUNS = 3;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
/** What the brief aims at, per category. */
const AIM: Record<(typeof CATEGORIES)[number], number> = { performance: 90, accessibility: 95, 'best-practices': 95 };

type Scores = Record<(typeof CATEGORIES)[number], number>;

interface PageResult {
  name: string;
  route: string;
  runs: Scores[];
  /** Audits below full marks in the median run, with their titles, to say what is left. */
  misses: string[];
  metrics: { fcp: number; lcp: number; tbt: number; cls: number };
}

async function sessionOf(openid: string): Promise<string> {
  const res = await raw('POST', '/auth/wechat', { body: JSON.stringify({ code: await loginCode(openid) }) });
  if (res.status !== 200) throw new Error(`lighthouse: sign-in answered ${res.status}`);
  const { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt } = res.body as Record<string, string>;
  return JSON.stringify({ data: { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt } });
}

/** An open poll 王阿姨 may vote in (the demo seed opens one for the whole community). */
async function openBallot(ctx: BenchContext): Promise<string> {
  const token = await ctx.signIn('wang');
  const res = await ctx.call(API.agora.listTopics, {
    token,
    params: { communityId: DEMO_COMMUNITY_ID },
    query: { bucket: 'open', mine: '0' },
  });
  const topic = res.body.items.find((t) => t.myStatus === 'canVote') ?? res.body.items[0];
  if (!topic) throw new Error('lighthouse: the demo community has no open poll');
  return topic.topicId;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export const lighthouseBenchmark: Benchmark = {
  name: 'lighthouse',
  async run(ctx) {
    if (!ctx.urls.h5) throw new Error('lighthouse: the stack was started without the H5 app');
    assertChromium();
    // Lighthouse and chrome-launcher ship as ES modules only.
    const { default: lighthouse } = await import('lighthouse');
    const chromeLauncher = await import('chrome-launcher');
    const puppeteer = await import('puppeteer-core');
    const topicId = await openBallot(ctx);
    const pages = [
      { name: '首页 home', route: '/pages/home/index' },
      { name: '诉求 submit', route: '/packages/grievances/pages/submit/index' },
      { name: '议事 ballot', route: `/packages/agora/pages/topic/index?id=${topicId}` },
    ];
    const results: PageResult[] = [];
    // Performance is sensitive to what else the shared machine runs: the load average goes into the report.
    const loadBefore = loadavg()[0]!;
    for (const p of pages) {
      const runs: { scores: Scores; lhr: import('lighthouse').Result }[] = [];
      for (let i = 0; i < RUNS; i++) {
        // A fresh browser each run: nothing cached from the previous one but the session put in below.
        const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
        try {
          const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
          const page = await browser.newPage();
          await page.goto(`${ctx.urls.h5}/#/pages/signin/index`, { waitUntil: 'load' });
          const session = await sessionOf('demo-openid-wang');
          await page.evaluate((s) => {
            localStorage.clear();
            localStorage.setItem('linli.session', s);
            localStorage.setItem('linli.largeTextAsked', JSON.stringify({ data: true }));
          }, session);
          // Lighthouse must load the page, not follow a hash change inside the sign-in page it is on.
          await page.goto('about:blank');
          const answer = await lighthouse(
            `${ctx.urls.h5}/#${p.route}`,
            { logLevel: 'error', output: 'json', onlyCategories: [...CATEGORIES], disableStorageReset: true },
            undefined,
            page as never,
          );
          if (!answer) throw new Error(`lighthouse: no result for ${p.route}`);
          const lhr = answer.lhr;
          // A lost session would score the sign-in page instead: the page measured must be the one asked for.
          if (!lhr.finalDisplayedUrl.endsWith(`#${p.route}`))
            throw new Error(`lighthouse: asked for ${p.route}, measured ${lhr.finalDisplayedUrl}`);
          if (lhr.runtimeError) throw new Error(`lighthouse: ${p.route}: ${lhr.runtimeError.message}`);
          const scores = Object.fromEntries(
            CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
          ) as Scores;
          runs.push({ scores, lhr });
          ctx.log(`${p.name} run ${i + 1}: ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}`);
          await browser.disconnect();
        } finally {
          chrome.kill();
        }
      }
      const mid = [...runs].sort((a, b) => a.scores.performance - b.scores.performance)[Math.floor(runs.length / 2)]!;
      const audits = mid.lhr.audits;
      const misses = CATEGORIES.flatMap((c) =>
        (mid.lhr.categories[c]?.auditRefs ?? [])
          .filter(
            (r) => r.weight > 0 && (audits[r.id]?.score ?? 1) < 1 && audits[r.id]?.scoreDisplayMode !== 'informative',
          )
          .map((r) => `${c}: ${audits[r.id]?.title}`),
      );
      const num = (id: string) => audits[id]?.numericValue ?? 0;
      results.push({
        ...p,
        runs: runs.map((r) => r.scores),
        misses,
        metrics: {
          fcp: num('first-contentful-paint'),
          lcp: num('largest-contentful-paint'),
          tbt: num('total-blocking-time'),
          cls: num('cumulative-layout-shift'),
        },
      });
    }
    const loadAfter = loadavg()[0]!;
    const cell = (r: PageResult, c: (typeof CATEGORIES)[number]) => {
      const m = median(r.runs.map((s) => s[c]));
      return `${m}${m >= AIM[c] ? '' : ' ✗'} (${r.runs.map((s) => s[c]).join(', ')})`;
    };
    return {
      title: 'Lighthouse: the H5 build on a phone',
      markdown: [
        `Lighthouse 12.2.3, default mobile settings (simulated slow 4G, 4× CPU slowdown, 412×823 screen), Debian Chromium with the browser journeys' flags, on the H5 production build (the e2e mode: production webpack, demo sign-in on) served by the local stack; signed in as 王阿姨. Median of ${RUNS} runs (each run's score in brackets), the machine's 1-minute load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after on ${cpus().length} cores (other work shares it: Performance drops when it is busy, Accessibility and Best Practices do not); aim ≥ ${AIM.performance} / ≥ ${AIM.accessibility} / ≥ ${AIM['best-practices']}, ✗ below it.`,
        '',
        '| page | Performance | Accessibility | Best Practices | FCP | LCP | TBT | CLS |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...results.map(
          (r) =>
            `| ${r.name} | ${cell(r, 'performance')} | ${cell(r, 'accessibility')} | ${cell(r, 'best-practices')} | ${(r.metrics.fcp / 1000).toFixed(1)} s | ${(r.metrics.lcp / 1000).toFixed(1)} s | ${r.metrics.tbt.toFixed(0)} ms | ${r.metrics.cls.toFixed(3)} |`,
        ),
        '',
        'Audits not at full marks (median run):',
        '',
        ...results.map((r) => `- ${r.name}: ${r.misses.length ? r.misses.join('; ') : 'none'}`),
      ].join('\n'),
    };
  },
};
