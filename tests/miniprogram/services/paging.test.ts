import path from 'node:path';
import { MINIPROGRAM_ROOT } from '../../support/miniprogram';

// Lists page on reaching the bottom; a page that arrives after the list was replaced (a filter
// changed, a refresh) belongs to the old list and is dropped (issue 13, item 6).
const { appendNextPage, emptyList, firstPage } = require(path.join(MINIPROGRAM_ROOT, 'services/paging')) as {
  emptyList: () => Host['data'];
  firstPage: (page: { items: string[]; nextCursor: string | null }, toRow: (item: string) => string) => Record<string, unknown>;
  appendNextPage: (
    host: Host,
    fetch: (cursor: string) => Promise<{ items: string[]; nextCursor: string | null }>,
    toRow: (item: string) => string,
  ) => Promise<void>;
};

interface Host {
  data: { rows: string[]; nextCursor: string | null; loadingMore: boolean; moreFailed: boolean };
  setData(patch: Partial<Host['data']>): void;
}

function list(rows: string[], nextCursor: string | null): Host {
  const host: Host = {
    data: { rows, nextCursor, loadingMore: false, moreFailed: false },
    setData: (patch) => Object.assign(host.data, patch),
  };
  return host;
}

test('the next page is appended to the rows shown now', async () => {
  const host = list(['a', 'b'], 'c1');
  await appendNextPage(
    host,
    async () => ({ items: ['c'], nextCursor: null }),
    (item) => item.toUpperCase(),
  );
  expect(host.data).toEqual({ rows: ['a', 'b', 'C'], nextCursor: null, loadingMore: false, moreFailed: false });
});

test("a page that arrives after the filter changed is dropped, not mixed into the new filter's rows", async () => {
  const host = list(['old-1', 'old-2'], 'old-cursor');
  let arrive!: (page: { items: string[]; nextCursor: string | null }) => void;
  const paging = appendNextPage(
    host,
    () => new Promise((resolve) => (arrive = resolve)),
    (item) => item,
  );
  host.setData({ rows: ['new-1'], nextCursor: null }); // the new filter's first page landed first
  arrive({ items: ['old-3'], nextCursor: 'old-cursor-2' });
  await paging;
  expect(host.data).toEqual({ rows: ['new-1'], nextCursor: null, loadingMore: false, moreFailed: false });
});

test('one page at a time', async () => {
  const host = list(['a'], 'c1');
  const fetch = jest.fn(async () => ({ items: ['b'], nextCursor: null }));
  await Promise.all([appendNextPage(host, fetch, (item) => item), appendNextPage(host, fetch, (item) => item)]);
  expect(fetch).toHaveBeenCalledTimes(1);
  expect(host.data.rows).toEqual(['a', 'b']);
});

test('a first page shows its rows and where the next starts; a page without rows is the empty state', () => {
  expect(firstPage({ items: ['a'], nextCursor: 'c1' }, (item) => item.toUpperCase())).toEqual({
    status: 'ready',
    rows: ['A'],
    nextCursor: 'c1',
    moreFailed: false,
  });
  expect(firstPage({ items: [], nextCursor: null }, (item) => item)).toEqual({
    status: 'empty',
    rows: [],
    nextCursor: null,
    moreFailed: false,
  });
});

test('a next page that fails marks the list for a retry at its foot, and the retry clears it', async () => {
  const host = list(['a'], 'c1');
  await appendNextPage(
    host,
    async () => {
      throw new Error('request:fail timeout');
    },
    (item) => item,
  );
  expect(host.data).toEqual({ rows: ['a'], nextCursor: 'c1', loadingMore: false, moreFailed: true });
  await appendNextPage(
    host,
    async () => ({ items: ['b'], nextCursor: null }),
    (item) => item,
  );
  expect(host.data).toEqual({ rows: ['a', 'b'], nextCursor: null, loadingMore: false, moreFailed: false });
});

test('two lists never share one rows array', () => {
  const one = emptyList();
  one.rows.push('a');
  expect(emptyList()).toEqual({ rows: [], nextCursor: null, loadingMore: false, moreFailed: false });
});
