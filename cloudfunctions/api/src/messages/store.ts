import type { InboxCounts, MessageStatus } from '../../../../typings/contract';
import { _, afterLast, db, readInTx, type Transaction } from '../platform/db';
import type { MessageRecord, StatsSample } from './rules';

const MESSAGES = 'messages';
const RATE_LIMITS = 'rateLimits';
const messages = () => db.collection<MessageRecord>(MESSAGES);

type Where = Record<string, unknown>;
export interface After {
  at: Date;
  id: string;
}

// ---- inside a write's one transaction

export async function getInTx(tx: Transaction, idValue: string): Promise<MessageRecord | null> {
  return readInTx<MessageRecord>(tx, MESSAGES, idValue);
}

export async function insertInTx(tx: Transaction, record: MessageRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(MESSAGES).doc(_id).set({ data });
}

export async function updateInTx(tx: Transaction, idValue: string, change: Partial<Omit<MessageRecord, '_id'>>): Promise<void> {
  await tx.collection(MESSAGES).doc(idValue).update({ data: change });
}

/** Today's sends by this resident; the counter lives beside the messages it limits. */
export async function sendsTodayInTx(tx: Transaction, openid: string, day: string): Promise<number> {
  const counter = await readInTx<{ _id: string; count?: number }>(tx, RATE_LIMITS, `send:${openid}:${day}`);
  return Number(counter?.count ?? 0);
}

export async function setSendsTodayInTx(tx: Transaction, openid: string, day: string, streetId: string, count: number): Promise<void> {
  await tx.collection(RATE_LIMITS).doc(`send:${openid}:${day}`).set({ data: { streetId, openid, day, count } });
}

// ---- reads: one query each

export async function findMessage(idValue: string): Promise<MessageRecord | null> {
  const { data } = await messages().where({ _id: idValue }).limit(1).get();
  return data[0] ?? null;
}

/** Newest first, paged by (createdAt, _id). */
async function newestFirst(where: Where, after: After | null, limit: number): Promise<MessageRecord[]> {
  const query = afterLast(where, after && { field: 'createdAt', value: after.at, order: 'desc', id: after.id });
  const { data } = await messages()
    .where(query as Where)
    .field({ thread: false, body: false, photos: false, phone: false })
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get();
  return data;
}

export function listByResident(streetId: string, openid: string, status: MessageStatus | undefined, after: After | null, limit: number) {
  return newestFirst({ streetId, residentOpenid: openid, ...(status ? { status } : {}) }, after, limit);
}

export const DELEGATE_VISIBLE: MessageStatus[] = ['pending', 'replied', 'forwarded', 'resolved', 'closed'];

export function listByDelegate(
  streetId: string,
  delegateId: string,
  status: MessageStatus | undefined,
  after: After | null,
  limit: number,
) {
  return newestFirst({ streetId, delegateId, status: status ?? _.in(DELEGATE_VISIBLE) }, after, limit);
}

/** Still without a first response and sent before `sentBefore`; optionally one group's. */
/** Pending beyond `sentBefore`, in the given groups (null: every group). */
export function listOverdue(streetId: string, sentBefore: Date, groupIds: string[] | null, after: After | null, limit: number) {
  const inGroups = groupIds ? { groupId: groupIds.length === 1 ? groupIds[0] : _.in(groupIds) } : {};
  const where: Where = { streetId, status: 'pending', createdAt: _.lte(sentBefore), ...inGroups };
  return newestFirst(where, after, limit);
}

/** Resolved messages their residents allowed to be public, latest outcome first. */
export async function listWall(streetId: string, after: After | null, limit: number): Promise<MessageRecord[]> {
  const where: Where = { streetId, isPublic: true, status: _.in(['resolved', 'closed']) };
  const query = afterLast(where, after && { field: 'resolvedAt', value: after.at, order: 'desc', id: after.id });
  const { data } = await messages()
    .where(query as Where)
    .field({ residentOpenid: false, phone: false, photos: false, delegateOpenid: false })
    .orderBy('resolvedAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get();
  return data;
}

export async function countInbox(streetId: string, delegateId: string): Promise<InboxCounts> {
  const $ = _.aggregate;
  const { list } = await messages()
    .aggregate()
    .match({ streetId, delegateId, status: _.in(DELEGATE_VISIBLE) })
    .group({ _id: '$status', count: $.sum(1) })
    .end();
  const counts: InboxCounts = { pending: 0, replied: 0, forwarded: 0, resolved: 0, closed: 0 };
  for (const row of list) if (row._id && String(row._id) in counts) counts[row._id as keyof InboxCounts] = Number(row.count);
  return counts;
}

const STATS_SAMPLE_MAX = 1000;

/** The delegate's received messages, only the fields statistics need (the latest 1000). */
export async function statsSamples(streetId: string, delegateId: string): Promise<StatsSample[]> {
  const { data } = await messages()
    .where({ streetId, delegateId, status: _.in(DELEGATE_VISIBLE) })
    .field({ createdAt: true, firstResponseAt: true, satisfaction: true })
    .orderBy('createdAt', 'desc')
    .limit(STATS_SAMPLE_MAX)
    .get();
  return data;
}

/** This year's totals, counted by the database in one aggregation. */
export async function yearTotals(streetId: string, since: Date) {
  const $ = _.aggregate;
  // A missing field counts 0, any value 1 (ifNull, not a comparison with null: engines order null differently).
  const has = (field: string) => $.cond({ if: $.ifNull([field, false]), then: 1, else: 0 });
  const { list } = await messages()
    .aggregate()
    .match({ streetId, createdAt: _.gte(since), status: _.in(DELEGATE_VISIBLE) })
    .group({
      _id: null,
      collected: $.sum(1),
      replied: $.sum(has('$firstResponseAt')),
      resolved: $.sum(has('$resolvedAt')),
      rated: $.sum(has('$satisfaction')),
      content: $.sum($.cond({ if: $.in(['$satisfaction', ['satisfied', 'basically_satisfied']]), then: 1, else: 0 })),
    })
    .end();
  const row = list[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0);
  return { collected: n('collected'), replied: n('replied'), resolved: n('resolved'), rated: n('rated'), content: n('content') };
}

// ---- the timer's sweeps

export async function findAwaitingReminder(sentBefore: Date, limit: number): Promise<MessageRecord[]> {
  const { data } = await messages()
    .where({ status: 'pending', createdAt: _.lte(sentBefore), reminderSentAt: _.exists(false) })
    .orderBy('createdAt', 'asc')
    .limit(limit)
    .get();
  return data;
}

export async function findResolvedBefore(resolvedBefore: Date, limit: number): Promise<MessageRecord[]> {
  const { data } = await messages()
    .where({ status: 'resolved', resolvedAt: _.lte(resolvedBefore) })
    .orderBy('resolvedAt', 'asc')
    .limit(limit)
    .get();
  return data;
}

/** Marks the reminder only if nobody else did: the condition makes each reminder happen once. */
export async function markReminded(idValue: string, at: Date): Promise<boolean> {
  const { stats } = await messages()
    .where({ _id: idValue, reminderSentAt: _.exists(false) })
    .update({ data: { reminderSentAt: at } });
  return stats.updated === 1;
}

/** Closes a message still resolved and unrated; the condition keeps a rating that just arrived. */
export async function closeIfStillResolved(idValue: string, at: Date): Promise<boolean> {
  const { stats } = await messages()
    .where({ _id: idValue, status: 'resolved' })
    .update({ data: { status: 'closed', closedAt: at, updatedAt: at } });
  return stats.updated === 1;
}
