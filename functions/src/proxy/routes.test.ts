import { ALL_ROUTES, PROXY_ACTION_IDS, PROXY_READS, answersOf } from '@linli/shared';

/** The 代办 lists name real routes, and each of them documents the 403 a refused 代办 session answers. */
it('names only routes that exist, each documenting 403', () => {
  const byId = new Map(ALL_ROUTES.map((r) => [r.id, r]));
  for (const id of [...PROXY_ACTION_IDS, ...PROXY_READS]) {
    const route = byId.get(id);
    expect(route).toBeDefined();
    expect(answersOf(route!).some((a) => a.status === 403)).toBe(true);
  }
});
