// Paging a list that answers the one list shape ({items, total, page, pageSize}): a pager under a
// table or list (one page at a time), or "more" under a list that grows as one reads down (the
// phone's way, and the way of a list whose tabs and counts are worked out over the rows loaded).
import { useMemo } from 'react';
import { Button, Pagination } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { defineMessages } from './i18n';

const useT = defineMessages(
  { 'pager.more': '加载更多（已显示 {shown} 条，共 {total} 条）' },
  { 'pager.more': 'Load more ({shown} of {total} shown)' },
);

/** The pager under a paged list: hidden when everything fits on one page; compact, so it fits on a phone. */
export function ListPager({ page, pageSize, total, onChange, testId }: { page: number; pageSize: number; total: number | undefined; onChange: (page: number) => void; testId?: string }) {
  if (!total || total <= pageSize) return null;
  return (
    <div style={{ display: 'flex', justifyContent: 'center', marginTop: 12 }} data-testid={testId}>
      <Pagination simple current={page} pageSize={pageSize} total={total} onChange={onChange} showSizeChanger={false} />
    </div>
  );
}

export type PageShape<T> = { items: T[]; total: number; page: number; pageSize: number };

/** A paged list read page after page ("more"): the rows loaded so far, the total, and the next page on demand. */
export function usePagedList<P extends PageShape<unknown>>(queryKey: readonly unknown[], fetchPage: (page: number) => Promise<P>, enabled = true) {
  type T = P['items'][number];
  const q = useInfiniteQuery({
    queryKey,
    enabled,
    initialPageParam: 1,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    getNextPageParam: (last: P) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const items = useMemo((): T[] => q.data?.pages.flatMap((p) => p.items as T[]) ?? [], [q.data]);
  return {
    items,
    data: q.data ? items : undefined,
    total: q.data?.pages[0]?.total ?? 0,
    /** The first page as answered (for what a list answers besides its rows, e.g. the inbox's counts). */
    first: q.data?.pages[0],
    isPending: q.isPending && enabled,
    isFetching: q.isFetching,
    error: q.error,
    refetch: q.refetch,
    hasMore: q.hasNextPage,
    loadingMore: q.isFetchingNextPage,
    loadMore: () => void q.fetchNextPage(),
  };
}

/** "More" under a list read page after page; nothing once every row is shown. */
export function MoreButton({ list, testId }: { list: { items: unknown[]; total: number; hasMore: boolean; loadingMore: boolean; loadMore: () => void }; testId?: string }) {
  const t = useT();
  if (!list.hasMore) return null;
  return (
    <div style={{ display: 'flex', justifyContent: 'center', margin: '12px 0' }}>
      <Button onClick={list.loadMore} loading={list.loadingMore} data-testid={testId ?? 'list-more'}>
        {t('pager.more', { shown: list.items.length, total: list.total })}
      </Button>
    </div>
  );
}
