import type { InboxCounts, MessageStatus, WallStatus } from '../../../../typings/contract';
import {
  _,
  afterLast,
  changeRemovingUndefined,
  db,
  isDuplicateKeyError,
  newestFirst,
  readInTx,
  serverDate,
  within,
  type Transaction,
} from '../platform/db';
import type { OutboxRecord } from '../notify/rules';
import type { MessageRecord } from './rules';

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

/** A change; a field set to undefined is removed (a reopened message is no longer resolved or reminded). */
export async function updateInTx(tx: Transaction, idValue: string, change: Partial<Omit<MessageRecord, '_id'>>): Promise<void> {
  await tx
    .collection(MESSAGES)
    .doc(idValue)
    .update({ data: changeRemovingUndefined(change) });
}

/** WeChat's image check answered for one photo: no longer held; refused ones are kept from all but staff. */
export async function photoChecked(idValue: string, fileId: string, passed: boolean): Promise<void> {
  // updatedAt stays: the photos are apart from the thread's conditional writes.
  await messages()
    .where({ _id: idValue })
    .update({ data: { photosHeld: _.pull(fileId), ...(passed ? {} : { photosRefused: _.addToSet(fileId) }) } });
}

/** Consent withdrawn: no longer public, and no place on the wall left for staff to restore. */
export async function makePrivateInTx(tx: Transaction, idValue: string, now: Date): Promise<void> {
  await tx
    .collection(MESSAGES)
    .doc(idValue)
    .update({ data: { isPublic: false, wall: _.remove(), wallReason: _.remove(), updatedAt: now } });
}

// ---- single-document writes: a message and its notices in one request (docs/architecture.md#budgets)

/** Inserts a new message; false when its id exists already (the same requestId sent again). */
export async function insertNew(record: MessageRecord): Promise<boolean> {
  try {
    await messages().add({ data: record as unknown as Record<string, unknown> });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/**
 * Writes `change` only if nobody wrote the message since it was read (its `updatedAt` is the one read):
 * the check-and-write of a transaction in one request. False when someone did; read again and retry.
 * A field set to undefined is removed.
 */
export async function updateIfUnchanged(message: MessageRecord, change: Partial<Omit<MessageRecord, '_id'>>): Promise<boolean> {
  const { stats } = await messages()
    .where({ _id: message._id, updatedAt: message.updatedAt })
    .update({ data: changeRemovingUndefined(change) });
  return stats.updated === 1;
}

/** The fields that carry a write's notices: each under its id, and when the timer may take them back. */
export function noticeFields(notices: Record<string, OutboxRecord>): Partial<Pick<MessageRecord, 'notices' | 'noticeDueAt'>> {
  const records = Object.values(notices);
  if (records.length === 0) return {};
  return { notices, noticeDueAt: records[0].nextAttemptAt };
}

/** After the send: removes the notices (and the due time, unless a later write added notices of its own). */
export async function dropNotices(idValue: string, notices: Record<string, OutboxRecord>): Promise<void> {
  const ids = Object.keys(notices);
  if (ids.length === 0) return;
  const unset = Object.fromEntries(ids.map((id) => [`notices.${id}`, _.remove()]));
  const { stats } = await messages()
    .where({ _id: idValue, noticeDueAt: Object.values(notices)[0].nextAttemptAt })
    .update({ data: { ...unset, noticeDueAt: _.remove() } });
  if (stats.updated === 0) await messages().doc(idValue).update({ data: unset });
}

/** Messages whose notices outlived their lease: the send never reported back. */
export async function findStaleNotices(at: Date, limit: number): Promise<MessageRecord[]> {
  const { data } = await messages()
    .where({ noticeDueAt: _.lte(at) })
    .field({ notices: true, noticeDueAt: true })
    .limit(limit)
    .get();
  return data;
}

export async function clearNotices(message: Pick<MessageRecord, '_id' | 'noticeDueAt' | 'notices'>): Promise<void> {
  await dropNotices(message._id, message.notices ?? {});
}

// ---- a person's daily allowance of one kind of write (sends, replies, ratings)

/**
 * Takes one of today's `limit` writes of `kind` for `openid` with one atomic conditional update, and
 * no read (one only when refused, with a failed create). One record per person counts every kind per
 * day (`counts.<kind>.<day>`, an increment creates the day and the kind), so no day and no kind ever
 * costs a second write: only the person's very first counted write creates the record (a resident's
 * first follow-up finds the one their first message made). With a `key` (a send's message id) the same
 * key never takes two: 'repeat' tells the caller it was taken before.
 */
export async function claimDaily(
  kind: 'send' | 'reply' | 'rate',
  who: { openid: string; streetId: string },
  day: string,
  limit: number,
  key?: string,
): Promise<'claimed' | 'repeat' | 'exhausted'> {
  if (limit < 1) return 'exhausted';
  // Records of the earlier shape (`<kind>:<openid>`) are left to the retention job.
  const idValue = `person:${who.openid}`;
  const ref = db.collection(RATE_LIMITS);
  const count = `counts.${kind}.${day}`;
  const keys = `keys.${kind}.${day}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    const room = _.or([{ [count]: _.exists(false) }, { [count]: _.lt(limit) }]);
    const where = { _id: idValue, ...(key ? { [keys]: _.neq(key) } : {}) };
    const { stats } = await ref
      .where(_.and([where, room]) as Record<string, unknown>)
      // updatedAt lets the retention job (privacy/) erase the allowances of people gone quiet.
      .update({ data: { [count]: _.inc(1), ...(key ? { [keys]: _.push([key]) } : {}), updatedAt: serverDate() } });
    if (stats.updated === 1) return 'claimed';
    try {
      // No record yet (the person's first write of the kind), or no room: creating tells which.
      const first = {
        _id: idValue,
        streetId: who.streetId,
        openid: who.openid,
        counts: { [kind]: { [day]: 1 } },
        keys: key ? { [kind]: { [day]: [key] } } : {},
        updatedAt: serverDate(),
      };
      await ref.add({ data: first });
      return 'claimed';
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const { data } = await ref.where({ _id: idValue }).limit(1).get();
    const record = data[0] as
      { counts?: Record<string, Record<string, number>>; keys?: Record<string, Record<string, string[]>> } | undefined;
    if (!record) continue;
    if (key && record.keys?.[kind]?.[day]?.includes(key)) return 'repeat';
    if (Number(record.counts?.[kind]?.[day] ?? 0) < limit) continue; // someone wrote in between: once more
    return 'exhausted';
  }
  return 'exhausted';
}

// ---- reads: one query each

export async function findMessage(idValue: string): Promise<MessageRecord | null> {
  const { data } = await messages().where({ _id: idValue }).limit(1).get();
  return data[0] ?? null;
}

/** Newest first, paged by (createdAt, _id). */
function newestFirstSummaries(where: Where, after: After | null, limit: number): Promise<MessageRecord[]> {
  return newestFirst(MESSAGES, where, after, limit, { thread: false, body: false, photos: false, phone: false, notices: false });
}

export function listByResident(streetId: string, openid: string, status: MessageStatus | undefined, after: After | null, limit: number) {
  return newestFirstSummaries({ streetId, residentOpenid: openid, ...(status ? { status } : {}) }, after, limit);
}

export const DELEGATE_VISIBLE: MessageStatus[] = ['pending', 'replied', 'forwarded', 'resolved', 'closed'];

export function listByDelegate(
  streetId: string,
  delegateId: string,
  status: MessageStatus | undefined,
  after: After | null,
  limit: number,
) {
  return newestFirstSummaries({ streetId, delegateId, status: status ?? _.in(DELEGATE_VISIBLE) }, after, limit);
}

/** Still without a first response and sent before `sentBefore`; optionally one group's. */
/** Pending beyond `sentBefore`, in the given groups (null: every group). */
export function listOverdue(streetId: string, sentBefore: Date, groupIds: string[] | null, after: After | null, limit: number) {
  const inGroups = groupIds ? { groupId: groupIds.length === 1 ? groupIds[0] : _.in(groupIds) } : {};
  const where = _.and([{ streetId, status: 'pending', ...inGroups }, waitingBefore(sentBefore)]) as Where;
  return newestFirstSummaries(where, after, limit);
}

/** Resolved messages their residents allowed to be public, latest outcome first. */
export async function listWall(streetId: string, after: After | null, limit: number): Promise<MessageRecord[]> {
  // `wall: 'shown'` only ever sits on a message its resident made public (withdrawing clears it).
  const where: Where = { streetId, wall: 'shown', status: _.in(['resolved', 'closed']) };
  return publicRows(where, 'resolvedAt', after, limit);
}

/** Public messages by their place on the wall, newest first: what staff review, hide and restore. */
export async function listByWall(streetId: string, wall: WallStatus, after: After | null, limit: number): Promise<MessageRecord[]> {
  return publicRows({ streetId, wall }, 'createdAt', after, limit);
}

/** Rows as the wall shows them: never who asked, nor how to reach them. */
async function publicRows(where: Where, field: 'resolvedAt' | 'createdAt', after: After | null, limit: number): Promise<MessageRecord[]> {
  const query = afterLast(where, after && { field, value: after.at, order: 'desc', id: after.id });
  const { data } = await messages()
    .where(query as Where)
    .field({ residentOpenid: false, phone: false, photos: false, delegateOpenid: false, notices: false })
    .orderBy(field, 'desc')
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

/** The street's messages in id order, only what the public figures count (the rebuild of stats/). */
export async function listForFigures(streetId: string, afterId: string | undefined, limit: number): Promise<MessageRecord[]> {
  const { data } = await messages()
    .where({ streetId, ...(afterId ? { _id: _.gt(afterId) } : {}) })
    .field({
      status: true,
      createdAt: true,
      firstResponseAt: true,
      resolvedAt: true,
      satisfaction: true,
      stationId: true,
      delegateId: true,
    })
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data;
}

// ---- the timer's sweeps

/** Waiting for the delegate since before `at` (`waitingSince`; messages written before it existed: since sent). */
const waitingBefore = (at: Date) => _.or([{ waitingSince: _.lte(at) }, { waitingSince: _.exists(false), createdAt: _.lte(at) }]);

export async function findAwaitingReminder(sentBefore: Date, limit: number): Promise<MessageRecord[]> {
  const { data } = await messages()
    .where(_.and([{ status: 'pending', reminderSentAt: _.exists(false) }, waitingBefore(sentBefore)]) as Where)
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

// ---- for the duties capability (docs/architecture.md#duties): when messages got their first answer

/**
 * Messages first answered in [from, to) (of one delegate when given), only the delegate and the time,
 * in id order after `afterId`: the duties capability counts the months a delegate answered residents.
 */
export async function firstAnswersPage(
  streetId: string,
  delegateId: string | null,
  from: Date,
  to: Date,
  afterId: string | undefined,
  limit: number,
): Promise<Pick<MessageRecord, '_id' | 'delegateId' | 'firstResponseAt'>[]> {
  const { data } = await messages()
    .where({
      streetId,
      ...(delegateId ? { delegateId } : {}),
      firstResponseAt: within(from, to),
      ...(afterId ? { _id: _.gt(afterId) } : {}),
    })
    .field({ delegateId: true, firstResponseAt: true })
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data;
}
