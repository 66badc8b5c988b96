import type { DutyCounts, DutyKind } from '../../../../typings/contract';
import { _, db, newestFirst, readInTx, type Transaction } from '../platform/db';
import { zeroCounts, type DutyRecord, type DutyTargetsRecord, type NewsRecord } from './rules';

// 履职记录 (`duties`), the year's duty list (`dutyTargets`) and staff news (`news`).

const DUTIES = 'duties';
const TARGETS = 'dutyTargets';
const NEWS = 'news';

type Cursor = { at: Date; id: string } | null;

/** Writes a whole record under its id (a new one, or an edit that read it first). */
async function putInCollection(tx: Transaction, collection: string, record: { _id: string }): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(collection).doc(_id).set({ data });
}

// ---- inside a write's one transaction

export const getInTx = (tx: Transaction, id: string) => readInTx<DutyRecord>(tx, DUTIES, id);

/** Writes the whole entry: a new one, or an edit that read it first (a removed `place` goes with it). */
export const putInTx = (tx: Transaction, record: DutyRecord) => putInCollection(tx, DUTIES, record);

export async function removeInTx(tx: Transaction, id: string): Promise<void> {
  await tx.collection(DUTIES).doc(id).remove();
}

export async function setStatusInTx(tx: Transaction, id: string, status: DutyRecord['status'], at: Date): Promise<void> {
  await tx
    .collection(DUTIES)
    .doc(id)
    .update({ data: { status, updatedAt: at } });
}

export const getTargetsInTx = (tx: Transaction, id: string) => readInTx<DutyTargetsRecord>(tx, TARGETS, id);

export const putTargetsInTx = (tx: Transaction, record: DutyTargetsRecord) => putInCollection(tx, TARGETS, record);

export const insertNewsInTx = (tx: Transaction, record: NewsRecord) => putInCollection(tx, NEWS, record);

export const getNewsInTx = (tx: Transaction, id: string) => readInTx<NewsRecord>(tx, NEWS, id);

export async function removeNewsInTx(tx: Transaction, id: string): Promise<void> {
  await tx.collection(NEWS).doc(id).remove();
}

// ---- reads

export async function findTargets(id: string): Promise<DutyTargetsRecord | null> {
  const { data } = await db.collection<DutyTargetsRecord>(TARGETS).where({ _id: id }).limit(1).get();
  return data[0] ?? null;
}

export async function findOwn(streetId: string, id: string): Promise<DutyRecord | null> {
  const { data } = await db.collection<DutyRecord>(DUTIES).where({ _id: id, streetId }).limit(1).get();
  return data[0] ?? null;
}

/** A delegate's entries of a year, latest day first. */
export async function listYear(streetId: string, delegateId: string, year: number, limit: number): Promise<DutyRecord[]> {
  const { data } = await db
    .collection<DutyRecord>(DUTIES)
    .where({ streetId, delegateId, year })
    .orderBy('date', 'desc')
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .get();
  return data;
}

/** A delegate's public entries of a year, latest day first: what a report quotes. */
export async function listPublicOfYear(streetId: string, delegateId: string, year: number, limit: number): Promise<DutyRecord[]> {
  const { data } = await db
    .collection<DutyRecord>(DUTIES)
    .where({ streetId, delegateId, year, isPublic: true, status: 'shown' })
    .orderBy('date', 'desc')
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .get();
  return data;
}

/** Logged entries of a year (refused ones left out) per delegate and kind, in one aggregation. */
export async function countsByDelegate(streetId: string, year: number): Promise<Map<string, DutyCounts>> {
  const $ = _.aggregate;
  const { list } = await db
    .collection(DUTIES)
    .aggregate()
    .match({ streetId, year, status: _.neq('rejected') })
    .group({ _id: { delegateId: '$delegateId', kind: '$kind' }, count: $.sum(1) })
    .limit(5000)
    .end();
  const counts = new Map<string, DutyCounts>();
  for (const row of list) {
    const key = row._id as { delegateId: string; kind: DutyKind };
    const mine = counts.get(key.delegateId) ?? zeroCounts();
    if (key.kind in mine) mine[key.kind] += Number(row.count);
    counts.set(key.delegateId, mine);
  }
  return counts;
}

/** One delegate's logged entries of a year (refused ones left out) by kind, in one aggregation. */
export async function countsByDelegateOf(streetId: string, delegateId: string, year: number): Promise<DutyCounts> {
  const $ = _.aggregate;
  const { list } = await db
    .collection(DUTIES)
    .aggregate()
    .match({ streetId, delegateId, year, status: _.neq('rejected') })
    .group({ _id: '$kind', count: $.sum(1) })
    .limit(DUTY_KINDS_LIMIT)
    .end();
  const counts = zeroCounts();
  for (const row of list) if (String(row._id) in counts) counts[row._id as DutyKind] += Number(row.count);
  return counts;
}

const DUTY_KINDS_LIMIT = 20;

/** Public entries shown on the feed, newest first. */
export function listPublicFeed(streetId: string, after: Cursor, limit: number): Promise<DutyRecord[]> {
  return newestFirst(DUTIES, { streetId, isPublic: true, status: 'shown' }, after, limit);
}

/** News posts, newest first. */
export function listNews(streetId: string, after: Cursor, limit: number): Promise<NewsRecord[]> {
  return newestFirst(NEWS, { streetId }, after, limit);
}
