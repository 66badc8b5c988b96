import { isConflictError, isDuplicateKeyError } from '../../cloudfunctions/api/src/platform/db';

// A conflict must be recognised however wx-server-sdk reports it, or a conflicting write is never
// retried in production (issue 17, item 5).

test('a write conflict is recognised at commit and when a document operation rewraps it', () => {
  expect(
    isConflictError({ code: 'DATABASE_TRANSACTION_CONFLICT', message: '[WriteConflict] database transaction conflict, please retry' }),
  ).toBe(true);
  expect(
    isConflictError({
      errCode: -501001,
      errMsg: 'document.update:fail -501001 resource system error. [WriteConflict] database transaction conflict, please retry',
    }),
  ).toBe(true);
  expect(isConflictError(new Error('document.get:fail -501001 resource system error. [WriteConflict] write conflict'))).toBe(true);
});

test('other failures are not conflicts, and a duplicate key is told apart', () => {
  expect(
    isConflictError({
      errCode: -501001,
      errMsg: 'collection.get:fail -501001 resource system error. [InternalError] system error, please retry',
    }),
  ).toBe(false);
  expect(isConflictError(null)).toBe(false);
  expect(isDuplicateKeyError({ errCode: -502001, errMsg: 'E11000 duplicate key error' })).toBe(true);
  expect(isConflictError({ errCode: -502001, errMsg: 'E11000 duplicate key error' })).toBe(false);
});
