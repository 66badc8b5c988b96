// The API contract shared by the mini-program and the `api` function (docs/architecture.md).
// Type-only: both sides use `import type`; the few shared values live in constants.ts.

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'RESOURCE_EXHAUSTED'
  | 'CONTENT_REJECTED'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  /** Plain Simplified Chinese, shown to the person as it is. */
  message: string;
  /** The offending input, as a dotted path into the payload. */
  field?: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export type Role = 'resident' | 'delegate' | 'staff';

/** Times travel as ISO 8601 strings. */
export type IsoTime = string;

/** A page of a cursor-paginated list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One action: what the caller sends and what it gets back. */
/**
 * A write a client may send again when no answer came: the same `requestId` (8–64 of A–Z a–z 0–9 _ -)
 * gets the first answer back and changes nothing more.
 */
export interface Retryable {
  requestId?: string;
}

export interface ActionSpec<P, D> {
  payload: P;
  data: D;
}
