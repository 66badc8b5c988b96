import type { ModerationStatus } from '../../../../typings/contract';
import { afterLast, db, readInTx, type Transaction } from '../platform/db';
import type { MediaCheckRecord, ModerationRecord } from './rules';

const MODERATION = 'moderation';
const MEDIA_CHECKS = 'mediaChecks';

export async function holdInTx(tx: Transaction, record: ModerationRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(MODERATION).doc(_id).set({ data });
}

export async function getInTx(tx: Transaction, idValue: string): Promise<ModerationRecord | null> {
  return readInTx<ModerationRecord>(tx, MODERATION, idValue);
}

export async function decideInTx(
  tx: Transaction,
  idValue: string,
  change: Pick<ModerationRecord, 'status' | 'decidedAt' | 'decidedBy' | 'reason'>,
): Promise<void> {
  await tx.collection(MODERATION).doc(idValue).update({ data: change });
}

/** Oldest first: the queue is worked in the order people wrote. Cursor: the last item's createdAt and id. */
export async function listByStatus(
  streetId: string,
  status: ModerationStatus,
  after: { createdAt: Date; id: string } | null,
  limit: number,
): Promise<ModerationRecord[]> {
  const where = afterLast({ streetId, status }, after && { field: 'createdAt', value: after.createdAt, order: 'asc', id: after.id });
  const { data } = await db
    .collection<ModerationRecord>(MODERATION)
    .where(where as Record<string, unknown>)
    .orderBy('createdAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data;
}

// ---- images waiting for WeChat's asynchronous check

export async function insertMediaCheck(record: MediaCheckRecord): Promise<void> {
  await db.collection(MEDIA_CHECKS).add({ data: record as unknown as Record<string, unknown> });
}

export async function findMediaCheck(traceId: string): Promise<MediaCheckRecord | null> {
  const { data } = await db.collection(MEDIA_CHECKS).where({ _id: traceId }).limit(1).get();
  return (data[0] as unknown as MediaCheckRecord | undefined) ?? null;
}

/** Records the answer once it is applied: a repeated push finds the check decided and changes nothing. */
export async function decideMediaCheck(traceId: string, status: MediaCheckRecord['status'], at: Date): Promise<boolean> {
  const { stats } = await db
    .collection(MEDIA_CHECKS)
    .where({ _id: traceId, status: 'pending' })
    .update({ data: { status, decidedAt: at } });
  return stats.updated === 1;
}
