import type { Cell } from '../../roster/transfer/sheetFiles';

/**
 * 书面委托 (proxies) of a poll for the archive. SEAM: the proxies work (branch owner-proxies) adds a named query
 * for a poll's proxies; until it is on main there are none to list, and the archive's manifest says so in
 * `notIncluded`. When it lands, read it here and answer the rows (owner, proxy, 授权委托书 photo key, when, revoked).
 */
export async function proxyRowsOf(_communityId: string, _topicId: string): Promise<Cell[][] | undefined> {
  return undefined;
}
