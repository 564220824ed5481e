import type { Page } from 'playwright-core';

/** A page a journey showed, with the storage (the session) it was shown with. */
export interface Visit {
  /** The hash route without its query, e.g. `/packages/agora/pages/topic/index`. */
  route: string;
  /** The whole address, query included, to show the same record again. */
  url: string;
  storage: Record<string, string>;
}

const visits: Visit[] = [];

export const routeOf = (url: string): string => (new URL(url).hash.replace(/^#/, '') || '/').split('?')[0] as string;

/**
 * Notes every route a journey's page goes to (Taro's H5 router changes the hash; Playwright reports it as a
 * navigation of the main frame), with a copy of its local storage taken as it arrives.
 */
export function watchVisits(page: Page): void {
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || !frame.url().includes('#/')) return;
    const url = frame.url();
    page
      .evaluate(() => Object.fromEntries(Object.entries(localStorage)))
      .then((storage) => visits.push({ route: routeOf(url), url, storage }))
      .catch(() => undefined); // the page closed or reloaded in between: its next arrival is noted instead
  });
}

/** The visits since the last call. */
export function takeVisits(): Visit[] {
  return visits.splice(0);
}
