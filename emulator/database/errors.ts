// CloudBase's own database error codes. The SDK throws `{ code, message }` answers as errors;
// wx-server-sdk maps the codes it knows to numeric errCodes (-502001 ...) and the rest to -501001.
import { randomUUID } from 'node:crypto';

export type ErrorCode =
  | 'INVALID_PARAM'
  | 'SYS_ERR'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL';

export class DatabaseError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One-line production assertions: `assert(ok, 'INVALID_PARAM', 'collectionName 不能为空')`. */
export function assert(condition: unknown, code: ErrorCode, message: string): asserts condition {
  if (!condition) throw new DatabaseError(code, message);
}

export const duplicateKey = (collection: string, index: string, key: string) =>
  new DatabaseError(
    'DATABASE_DUPLICATE_WRITE',
    `[DuplicateWrite] E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
  );

// The SDK's runTransaction retries only this exact code.
export const transactionConflict = () =>
  new DatabaseError('DATABASE_TRANSACTION_CONFLICT', '[WriteConflict] database transaction conflict, please retry');

export const newRequestId = () => randomUUID();

/** The answer body of a failed request. */
export function errorAnswer(error: unknown, requestId: string): Record<string, unknown> {
  if (error instanceof DatabaseError) return { code: error.code, message: error.message, requestId };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'DATABASE_REQUEST_FAILED', message: `[RequestFailed] ${message}`, requestId };
}
