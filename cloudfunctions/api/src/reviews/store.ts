import { _, afterLast, db, readInTx, type Transaction } from '../platform/db';
import type { ReviewRecord, ReviewScoreRecord } from './rules';

// 专项评议: reviews (`reviews`) and their scores (`reviewScores`, one document per scorer).

const REVIEWS = 'reviews';
const SCORES = 'reviewScores';
/** CloudBase answers at most 1,000 documents a query; publishing reads the scores page by page. */
const SCORES_PAGE = 1000;

export async function getInTx(tx: Transaction, id: string): Promise<ReviewRecord | null> {
  return readInTx<ReviewRecord>(tx, REVIEWS, id);
}

export async function findReview(streetId: string, id: string): Promise<ReviewRecord | null> {
  const { data } = await db.collection<ReviewRecord>(REVIEWS).where({ _id: id, streetId }).limit(1).get();
  return data[0] ?? null;
}

export async function insertInTx(tx: Transaction, record: ReviewRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(REVIEWS).doc(_id).set({ data });
}

export async function updateInTx(tx: Transaction, id: string, change: Partial<Omit<ReviewRecord, '_id'>>): Promise<void> {
  await tx.collection(REVIEWS).doc(id).update({ data: change });
}

/** Newest period first. */
export async function listReviews(streetId: string, after: { at: Date; id: string } | null, limit: number): Promise<ReviewRecord[]> {
  const where = afterLast({ streetId }, after && { field: 'opensAt', value: after.at, order: 'desc', id: after.id });
  const { data } = await db
    .collection<ReviewRecord>(REVIEWS)
    .where(where)
    .orderBy('opensAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get();
  return data;
}

export async function findScore(id: string): Promise<ReviewScoreRecord | null> {
  const { data } = await db.collection<ReviewScoreRecord>(SCORES).where({ _id: id }).limit(1).get();
  return data[0] ?? null;
}

/** An insert: a second score by the same scorer (the same `_id`) fails in the database itself. */
export async function insertScoreInTx(tx: Transaction, record: ReviewScoreRecord): Promise<void> {
  await tx.collection(SCORES).add({ data: record as unknown as Record<string, unknown> });
}

/** Every score of a review (publishing counts them all), page by page in id order. */
export async function allScores(reviewId: string): Promise<ReviewScoreRecord[]> {
  const found: ReviewScoreRecord[] = [];
  let after = '';
  for (;;) {
    const { data } = await db
      .collection<ReviewScoreRecord>(SCORES)
      .where({ reviewId, _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(SCORES_PAGE)
      .get();
    found.push(...data);
    if (data.length < SCORES_PAGE) return found;
    after = data[data.length - 1]._id;
  }
}

/** Scores with a comment, in id order (staff read them). */
export async function commentsPage(reviewId: string, after: string | null, limit: number): Promise<ReviewScoreRecord[]> {
  const { data } = await db
    .collection<ReviewScoreRecord>(SCORES)
    .where({ reviewId, comment: _.exists(true), ...(after ? { _id: _.gt(after) } : {}) })
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data;
}
