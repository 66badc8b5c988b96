import type { Transaction } from 'wx-server-sdk';
import { cloud } from './cloud';

export type { Transaction };
export const db = cloud.database();
export const _ = db.command;

/** Server time for writes: the database stamps it, so clocks of function instances do not matter. */
export const serverDate = () => db.serverDate();

/** How often a transaction refused for a write conflict runs again (the SDK's runTransaction default). */
const CONFLICT_RETRIES = 3;
const ROLLBACK_ATTEMPTS = 3;

/** Runs `work` in one transaction, again on a write conflict; a thrown error aborts it whole. */
export async function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attemptTransaction(work);
    } catch (error) {
      if (retry >= CONFLICT_RETRIES || !isConflictError(error)) throw error;
    }
  }
}

/**
 * One attempt: commit, or roll back and rethrow. Unlike the SDK's runTransaction (which swallows a
 * failed rollback and retries a conflict without one) the rollback is retried, because a transaction
 * left open keeps its documents locked until the database's idle timeout and every writer queues.
 */
export async function attemptTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  const tx = await db.startTransaction();
  try {
    const result = await work(tx);
    await tx.commit();
    return result;
  } catch (error) {
    for (let attempt = 0; attempt < ROLLBACK_ATTEMPTS; attempt++) {
      try {
        await tx.rollback();
        break;
      } catch {
        // Try again; after the last attempt the database's own timeout ends it.
      }
    }
    throw error;
  }
}

/**
 * A write conflict, however the SDK reports it: with its code at commit, or rewrapped as
 * { errCode: -501001, errMsg: '... [WriteConflict] ...' } by a document operation inside the transaction.
 */
export function isConflictError(error: unknown): boolean {
  const e = error as { code?: string; errMsg?: string; message?: string } | null;
  if (e?.code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  return /\[WriteConflict\]|DATABASE_TRANSACTION_CONFLICT/.test(`${e?.errMsg ?? ''} ${e?.message ?? ''}`);
}

/** A document read inside `tx` (which locks it), or null when there is none. */
export async function readInTx<T extends { _id: string }>(tx: Transaction, collection: string, id: string): Promise<T | null> {
  const { data } = await tx.collection(collection).doc(id).get();
  return data ? ({ ...data, _id: id } as unknown as T) : null;
}

/** The SDK reports a unique-index or _id clash with this code or message. */
export function isDuplicateKeyError(error: unknown): boolean {
  const e = error as { errCode?: number | string; code?: string; message?: string; errMsg?: string } | null;
  const text = `${e?.code ?? ''} ${e?.errCode ?? ''} ${e?.message ?? ''} ${e?.errMsg ?? ''}`;
  return /DATABASE_DUPLICATE_WRITE|duplicate key|E11000/i.test(text);
}

type Where = Record<string, unknown>;
type Order = 'asc' | 'desc';

/** An update's data, where a field set to undefined is removed from the document (a reopened record forgets what no longer holds). */
export function changeRemovingUndefined(change: object): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(change)) data[key] = value === undefined ? _.remove() : value;
  return data;
}

/**
 * `where` narrowed to the rows after a page's last one, in (sort field, tiebreak field) order: the
 * keyset condition every paged list uses (docs/architecture.md#paging). The tiebreak is unique
 * (usually `_id`), so rows sharing a sort value are neither skipped nor repeated.
 */
export function afterLast(
  where: Where,
  last: { field: string; value: unknown; order: Order; id: string; idField?: string; idOrder?: Order } | null,
): Where {
  if (!last) return where;
  const beyond = (order: Order, value: unknown) => (order === 'desc' ? _.lt(value) : _.gt(value));
  const idField = last.idField ?? '_id';
  return _.and(
    where,
    _.or(
      { [last.field]: beyond(last.order, last.value) },
      { [last.field]: last.value, [idField]: beyond(last.idOrder ?? last.order, last.id) },
    ),
  ) as Where;
}

/**
 * One page of `collection`'s rows matching `where`, newest first by (createdAt, _id), after the row
 * `after` names: the list every "latest first" page reads. `fields` projects (false leaves a field out).
 */
export async function newestFirst<T>(
  collection: string,
  where: Where,
  after: { at: Date; id: string } | null,
  limit: number,
  fields?: Record<string, boolean>,
): Promise<T[]> {
  const query = db
    .collection(collection)
    .where(afterLast(where, after && { field: 'createdAt', value: after.at, order: 'desc', id: after.id }));
  const { data } = await (fields ? query.field(fields) : query).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get();
  return data as unknown as T[];
}

/** A field in [from, to): `{ at: within(from, to) }`. */
export function within(from: unknown, to: unknown): unknown {
  return (_.gte(from) as { and(c: unknown): unknown }).and(_.lt(to));
}
