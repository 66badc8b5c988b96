import { _, afterLast, changeRemovingUndefined, db, newestFirst, readInTx, within, type Transaction } from '../platform/db';
import type { SuggestionStatus } from '../../../../typings/contract';
import type { SuggestionRecord } from './rules';

// 代表建议 (`suggestions`): one document each, its steps inside.

const SUGGESTIONS = 'suggestions';

export async function getInTx(tx: Transaction, id: string): Promise<SuggestionRecord | null> {
  return readInTx<SuggestionRecord>(tx, SUGGESTIONS, id);
}

export async function findSuggestion(streetId: string, id: string): Promise<SuggestionRecord | null> {
  const { data } = await db.collection<SuggestionRecord>(SUGGESTIONS).where({ _id: id, streetId }).limit(1).get();
  return data[0] ?? null;
}

export async function insertInTx(tx: Transaction, record: SuggestionRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(SUGGESTIONS).doc(_id).set({ data });
}

/** A change; a field set to undefined is removed (a new round forgets the last reminder). */
export async function updateInTx(tx: Transaction, id: string, change: Partial<Omit<SuggestionRecord, '_id'>>): Promise<void> {
  await tx
    .collection(SUGGESTIONS)
    .doc(id)
    .update({ data: changeRemovingUndefined(change) });
}

type Cursor = { at: Date; id: string } | null;

/** A delegate's suggestions, filed or co-signed, newest first. */
export function listByDelegate(streetId: string, delegateId: string, after: Cursor, limit: number): Promise<SuggestionRecord[]> {
  return newestFirst(SUGGESTIONS, { streetId, delegateIds: delegateId }, after, limit);
}

/** Answered and closed suggestions, the latest answer first: the public list. */
export async function listAnswered(streetId: string, after: Cursor, limit: number): Promise<SuggestionRecord[]> {
  const where = afterLast(
    { streetId, status: _.in(['answered', 'closed']) },
    after && { field: 'answeredAt', value: after.at, order: 'desc', id: after.id },
  );
  const { data } = await db
    .collection<SuggestionRecord>(SUGGESTIONS)
    .where(where)
    .orderBy('answeredAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get();
  return data;
}

/** Staff's list, newest first, of one status or all. */
export function listAll(streetId: string, status: SuggestionStatus | undefined, after: Cursor, limit: number): Promise<SuggestionRecord[]> {
  return newestFirst(SUGGESTIONS, { streetId, ...(status ? { status } : {}) }, after, limit);
}

/** Assigned suggestions past their due date whose reminder of this round is not yet queued (every street). */
export async function findOverdue(at: Date, limit: number): Promise<SuggestionRecord[]> {
  const { data } = await db
    .collection<SuggestionRecord>(SUGGESTIONS)
    .where({ status: 'assigned', dueAt: _.lt(at), overdueRemindedAt: _.exists(false) })
    .orderBy('dueAt', 'asc')
    .limit(limit)
    .get();
  return data;
}

/** Marks the round's reminder queued, unless the suggestion moved on meanwhile. */
export async function markOverdueReminded(s: SuggestionRecord, at: Date): Promise<boolean> {
  const { stats } = await db
    .collection(SUGGESTIONS)
    .where({ _id: s._id, status: 'assigned', round: s.round, overdueRemindedAt: _.exists(false) })
    .update({ data: { overdueRemindedAt: at } });
  return stats.updated === 1;
}

// ---- for the duties capability (docs/architecture.md#duties): suggestions a delegate filed

/** Suggestions `delegateId` filed (as author) in [from, to), newest first. */
export async function filedBy(streetId: string, delegateId: string, from: Date, to: Date, limit = 200): Promise<SuggestionRecord[]> {
  const { data } = await db
    .collection<SuggestionRecord>(SUGGESTIONS)
    .where({ streetId, delegateId, createdAt: within(from, to) })
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .get();
  return data;
}

/** Suggestions filed in [from, to) per filing delegate, in one aggregation. */
export async function filedCountsByDelegate(streetId: string, from: Date, to: Date): Promise<Map<string, number>> {
  const $ = _.aggregate;
  const { list } = await db
    .collection(SUGGESTIONS)
    .aggregate()
    .match({ streetId, createdAt: within(from, to) })
    .group({ _id: '$delegateId', count: $.sum(1) })
    .limit(5000)
    .end();
  return new Map(list.map((row) => [String(row._id), Number(row.count)]));
}
