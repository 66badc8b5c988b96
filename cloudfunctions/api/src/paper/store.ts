import { db, readInTx, type Transaction } from '../platform/db';
import type { PaperBatchRecord } from './rules';

// The paper batches of campaigns: one document per station and campaign (paperBatchId).

const PAPER_BATCHES = 'paperBatches';
/** A street has a few dozen stations at most; this bounds a campaign's batches all the same. */
const BATCHES_LIMIT = 200;

export async function getBatchInTx(tx: Transaction, id: string): Promise<PaperBatchRecord | null> {
  return readInTx<PaperBatchRecord>(tx, PAPER_BATCHES, id);
}

/** Writes the whole batch (a first entry, or one replacing a discarded batch). */
export async function putBatchInTx(tx: Transaction, record: PaperBatchRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(PAPER_BATCHES).doc(_id).set({ data });
}

export async function updateBatchInTx(tx: Transaction, id: string, change: Partial<Omit<PaperBatchRecord, '_id'>>): Promise<void> {
  await tx.collection(PAPER_BATCHES).doc(id).update({ data: change });
}

/** Every batch of a campaign, in station order of entry. One query. */
export async function listBatches(streetId: string, campaignId: string): Promise<PaperBatchRecord[]> {
  const { data } = await db
    .collection<PaperBatchRecord>(PAPER_BATCHES)
    .where({ streetId, campaignId })
    .orderBy('enteredAt', 'asc')
    .limit(BATCHES_LIMIT)
    .get();
  return data;
}
