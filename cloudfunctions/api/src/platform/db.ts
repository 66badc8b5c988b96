import type { Transaction } from 'wx-server-sdk';
import { cloud } from './cloud';

export type { Transaction };
export const db = cloud.database();
export const _ = db.command;

/** Server time for writes: the database stamps it, so clocks of function instances do not matter. */
export const serverDate = () => db.serverDate();

/** Runs `work` in one transaction; the SDK retries conflicts, and a thrown error aborts it whole. */
export function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.runTransaction(work);
}

/** A document read inside `tx` (which locks it), or null when there is none. */
export async function readInTransaction<T extends { _id: string }>(tx: Transaction, collection: string, id: string): Promise<T | null> {
  const { data } = await tx.collection(collection).doc(id).get();
  return data ? ({ ...data, _id: id } as unknown as T) : null;
}

/** The SDK reports a unique-index or _id clash with this code or message. */
export function isDuplicateKeyError(error: unknown): boolean {
  const e = error as { errCode?: number | string; code?: string; message?: string; errMsg?: string } | null;
  const text = `${e?.code ?? ''} ${e?.errCode ?? ''} ${e?.message ?? ''} ${e?.errMsg ?? ''}`;
  return /DATABASE_DUPLICATE_WRITE|duplicate key|E11000/i.test(text);
}
