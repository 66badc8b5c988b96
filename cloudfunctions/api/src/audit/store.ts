import { type Transaction } from '../platform/db';
import type { AuditRecord } from './rules';

const AUDIT = 'audit';

export async function insertAuditInTx(tx: Transaction, record: AuditRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(AUDIT).doc(_id).set({ data });
}
