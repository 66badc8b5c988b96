import type { Page } from '../../typings/contract';
import { showError } from './feedback';

// Cursor lists (20 a page): the first page lands with the page's first setData, each next page is
// appended on reaching the bottom, one request at a time.

export interface PagedData<Row> {
  rows: Row[];
  nextCursor: string | null;
  loadingMore: boolean;
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
  host.setData({ loadingMore: true });
  try {
    const page = await fetch(nextCursor);
    // The list was replaced meanwhile (a filter changed, a refresh): this page belongs to the old one.
    if (host.data.nextCursor !== nextCursor) return;
    host.setData({ rows: host.data.rows.concat(page.items.map(toRow)), nextCursor: page.nextCursor });
  } catch (error) {
    showError(error);
  } finally {
    host.setData({ loadingMore: false });
  }
}
