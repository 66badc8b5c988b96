import type { PageStatus } from '../components/page-state/page-state';
import { messageOf } from './api';

// The load / retry cycle every page wrapped in <page-state> shares.

/** What each such page carries in its data besides its own fields. */
export interface PageStateData {
  status: PageStatus;
  errorText: string;
}

interface PageLike {
  setData(data: Record<string, unknown>): void;
}

/**
 * Shows what `fetch` returns in ONE setData (the first-screen budget); any failure becomes the error
 * state with the server's message, or the network message.
 */
export async function fillPage(page: PageLike, fetch: () => Promise<Record<string, unknown>>): Promise<void> {
  let data: Record<string, unknown>;
  try {
    data = await fetch();
  } catch (error) {
    data = { status: 'error', errorText: messageOf(error) } satisfies PageStateData;
  }
  page.setData(data);
}

/** The page's `bind:retry` handler: back to the spinner, then load again. */
export function retryPage(page: PageLike & { load(): unknown }): void {
  page.setData({ status: 'loading' } satisfies Partial<PageStateData>);
  page.load();
}
