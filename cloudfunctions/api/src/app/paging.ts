import * as z from 'zod';
import { PAGE_SIZE } from '../../../../typings/contract/constants';
import { AppError } from './errors';

// The one way every list pages (docs/architecture.md#paging). A cursor is the last row's sort key,
// ending with its id so ties never skip or repeat a row, as base64url JSON: opaque to clients,
// validated on the way back in. A list reads one row more than a page to learn whether another
// page exists, so the last page never hands out a cursor to an empty one.

export { PAGE_SIZE };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Parts of a cursor key as they come back: times as ISO strings, turned into Dates again. */
export const cursorPart = {
  time: () => z.iso.datetime().transform((value) => new Date(value)),
  text: () => z.string().min(1).max(200),
  count: () => z.number().int().min(0),
};

export function encodeCursor(key: Record<string, string | number | Date>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key a cursor carries, null without one; anything not handed out by this list is INVALID_ARGUMENT. */
export function decodeCursor<S extends z.ZodType>(value: string | undefined, key: S): z.output<S> | null {
  if (value === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = key.safeParse(parsed);
  if (!result.success) throw new AppError('INVALID_ARGUMENT', '分页参数无效，请刷新后重试', 'cursor');
  return result.data;
}

/** How many rows a list reads for a page of `size`. */
export const rowsFor = (size: number = PAGE_SIZE) => size + 1;

/** A page of `rows` (read with `rowsFor(size)`), its cursor built from the last row shown. */
export function pageOf<R, T>(
  rows: R[],
  keyOf: (row: R) => Record<string, string | number | Date>,
  view: (row: R) => T,
  size: number = PAGE_SIZE,
): Page<T> {
  const shown = rows.slice(0, size);
  return { items: shown.map(view), nextCursor: rows.length > size ? encodeCursor(keyOf(shown[shown.length - 1])) : null };
}
