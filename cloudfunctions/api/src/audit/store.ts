import { afterLast, db, type Transaction } from '../platform/db';
import type { AuditRecord } from './rules';

const AUDIT = 'audit';

export async function insertAuditInTx(tx: Transaction, record: AuditRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(AUDIT).doc(_id).set({ data });
}

/** Newest first, optionally one record's history; paged by (at, _id). */
export async function listAudit(
  streetId: string,
  subject: string | undefined,
  after: { at: Date; id: string } | null,
  limit: number,
): Promise<AuditRecord[]> {
  const where = afterLast(
    { streetId, ...(subject ? { subject } : {}) },
    after && { field: 'at', value: after.at, order: 'desc', id: after.id },
  );
  const { data } = await db.collection<AuditRecord>(AUDIT).where(where).orderBy('at', 'desc').orderBy('_id', 'desc').limit(limit).get();
  return data;
}
