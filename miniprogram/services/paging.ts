import type { Page } from '../../typings/contract';
import type { PageStatus } from '../components/page-state/page-state';

// Cursor lists (20 a page): the first page lands with the page's first setData, each next page is
// appended on reaching the bottom, one request at a time. A next page that fails says so at the foot of
// the list with a retry (components/list-more), where the person is looking.

export interface PagedData<Row> {
  rows: Row[];
  nextCursor: string | null;
  loadingMore: boolean;
  /** The last next page failed: the list's foot offers a retry. */
  moreFailed: boolean;
}

/** A list's data before its first page arrives (a fresh object: pages must not share one array). */
export function emptyList<Row>(): PagedData<Row> {
  return { rows: [], nextCursor: null, loadingMore: false, moreFailed: false };
}

/** The first page as a first screen shows it: its rows, where the next page starts, 'empty' when there are none. */
export function firstPage<Row, Item>(
  page: Page<Item>,
  toRow: (item: Item) => Row,
): { status: PageStatus } & Omit<PagedData<Row>, 'loadingMore'> {
  return { status: page.items.length ? 'ready' : 'empty', rows: page.items.map(toRow), nextCursor: page.nextCursor, moreFailed: false };
}

/** How far a return may read again: five pages; a list scrolled further starts again at the top. */
const KEEP_PLACE_MAX_ROWS = 100;

/**
 * The list read again as far as it was shown: the first page, then the next ones until as many rows
 * as the person had scrolled through are back. A page that reloads on show (a return from a detail
 * page, a pull-down) keeps its length, so its place on the screen, with every shown row fresh; a
 * new list (a filter change: rows emptied first) reads only its first page.
 */
export async function listAsShown<Row, Item>(
  host: { data: { rows: Row[] } },
  fetch: (cursor?: string) => Promise<Page<Item>>,
  toRow: (item: Item) => Row,
): Promise<{ status: PageStatus } & Omit<PagedData<Row>, 'loadingMore'>> {
  const shown = Math.min(host.data.rows.length, KEEP_PLACE_MAX_ROWS);
  let page = await fetch();
  const items = [...page.items];
  while (page.nextCursor && items.length < shown) {
    page = await fetch(page.nextCursor);
    items.push(...page.items);
  }
  return firstPage({ items, nextCursor: page.nextCursor }, toRow);
}

interface PagedHost<Row> {
  data: PagedData<Row>;
  setData(data: Partial<PagedData<Row>>): void;
}

export async function appendNextPage<Row, Item>(
  host: PagedHost<Row>,
  fetch: (cursor: string) => Promise<Page<Item>>,
  toRow: (item: Item) => Row,
): Promise<void> {
  const { nextCursor, loadingMore } = host.data;
  if (!nextCursor || loadingMore) return;
  host.setData({ loadingMore: true, moreFailed: false });
  try {
    const page = await fetch(nextCursor);
    // The list was replaced meanwhile (a filter changed, a refresh): this page belongs to the old one.
    if (host.data.nextCursor !== nextCursor) return;
    host.setData({ rows: host.data.rows.concat(page.items.map(toRow)), nextCursor: page.nextCursor });
  } catch {
    if (host.data.nextCursor === nextCursor) host.setData({ moreFailed: true });
  } finally {
    host.setData({ loadingMore: false });
  }
}
