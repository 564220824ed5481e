import { useState } from 'react';
import { useAsync } from './useAsync';

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A cursor-paged list: the first page through useAsync (loading / error / retry), then 加载更多. */
export function usePagedList<T>(
  loadPage: (cursor?: string) => Promise<Page<T>>,
  deps: unknown[],
  options: { enabled?: boolean } = {},
) {
  const [more, setMore] = useState<{ items: T[]; cursor?: string; loaded: boolean }>({ items: [], loaded: false });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();

  const first = useAsync(
    async () => {
      const page = await loadPage(undefined);
      // A (re)load of the first page starts the list over.
      setMore({ items: [], loaded: false });
      setMoreError(undefined);
      return page;
    },
    deps,
    options,
  );

  const cursor = more.loaded ? more.cursor : first.data?.nextCursor;

  const loadMore = async () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await loadPage(cursor);
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor, loaded: true }));
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const remove = (keep: (item: T) => boolean) => {
    first.setData((d) => (d ? { ...d, items: d.items.filter(keep) } : d));
    setMore((m) => ({ ...m, items: m.items.filter(keep) }));
  };

  const update = (change: (item: T) => T) => {
    first.setData((d) => (d ? { ...d, items: d.items.map(change) } : d));
    setMore((m) => ({ ...m, items: m.items.map(change) }));
  };

  const items = first.data ? [...first.data.items, ...more.items] : [];
  return { first, items, hasMore: !!cursor, loadMore, loadingMore, moreError, remove, update };
}
