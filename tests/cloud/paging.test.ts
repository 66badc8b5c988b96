import { z } from 'zod';
import { AppError } from '../../cloudfunctions/api/src/app/errors';
import { cursorPart, decodeCursor, encodeCursor, PAGE_SIZE, pageOf, rowsFor } from '../../cloudfunctions/api/src/app/paging';
import { PAGE_SIZE as CONTRACT_PAGE_SIZE } from '../../typings/contract/constants';

// Every list pages the same way: one opaque cursor, one page size, the same refusal for a forged cursor.

const byTime = z.strictObject({ at: cursorPart.time(), id: cursorPart.text() });

function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

test('the page size is the contract one', () => {
  expect(PAGE_SIZE).toBe(CONTRACT_PAGE_SIZE);
  expect(rowsFor()).toBe(PAGE_SIZE + 1);
});

test('a cursor round-trips a sort key with a time, a count and text', () => {
  const at = new Date('2026-03-03T08:00:00.123Z');
  expect(decodeCursor(encodeCursor({ at, id: 'x|y' }), byTime)).toEqual({ at, id: 'x|y' });
  const counted = z.strictObject({ votes: cursorPart.count(), id: cursorPart.text() });
  expect(decodeCursor(encodeCursor({ votes: 12, id: 'c1:p1' }), counted)).toEqual({ votes: 12, id: 'c1:p1' });
  expect(decodeCursor(undefined, byTime)).toBeNull();
});

test('a cursor this list never handed out is INVALID_ARGUMENT on the cursor field', () => {
  for (const forged of ['%%%', 'bm90LWEtY3Vyc29y', encodeCursor({ sortKey: 'a' }), encodeCursor({ at: 'yesterday', id: 'a' }), '']) {
    const error = refusal(() => decodeCursor(forged, byTime));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.field).toBe('cursor');
  }
});

test('a page hands out a cursor only when a row beyond it was read, so the last page never points at an empty one', () => {
  const rows = ['a', 'b', 'c'];
  const key = (r: string) => ({ id: r });
  expect(pageOf(rows, key, (r) => r.toUpperCase(), 2)).toEqual({ items: ['A', 'B'], nextCursor: encodeCursor({ id: 'b' }) });
  expect(pageOf(rows, key, (r) => r, 3)).toEqual({ items: rows, nextCursor: null });
  expect(pageOf([], key, (r) => r)).toEqual({ items: [], nextCursor: null });
});
