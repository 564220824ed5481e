// Server-only, kept out of shared/: every shared export ships in the mini-program's main package.
// 即将开始 leads with what can still be joined: one whose sign-up closed (or that was cancelled) comes after,
// even when it ends sooner.
const UPCOMING_RANK: Record<'open' | 'closed' | 'ended' | 'cancelled', number> = {
  open: 0,
  closed: 1,
  ended: 2,
  cancelled: 3,
};

/** The 即将开始 list's order: open for sign-up first, each group keeping the order it came in (by end time). */
export function upcomingOrder<A extends { phase: keyof typeof UPCOMING_RANK }>(activities: readonly A[]): A[] {
  return activities
    .map((a, i) => ({ a, i }))
    .sort((x, y) => UPCOMING_RANK[x.a.phase] - UPCOMING_RANK[y.a.phase] || x.i - y.i)
    .map(({ a }) => a);
}
