import type { TemplateKey } from '../../../../typings/contract';
import { _, db, isDuplicateKeyError, readInTx, type Transaction } from '../platform/db';
import type { OutboxRecord, OutboxStatus } from './rules';

const OUTBOX = 'outbox';
const SUBSCRIPTIONS = 'subscriptions';
const outbox = () => db.collection<OutboxRecord>(OUTBOX);

/**
 * Inside the action's transaction: the notification exists exactly when the action committed. A
 * dedupeKey already queued (or sent) is left as it is: the read in the transaction makes the insert a
 * true no-op on a repeat, where a plain `set` would requeue a sent notice and send it twice.
 */
export async function insertIfAbsentInTx(tx: Transaction, record: OutboxRecord): Promise<boolean> {
  const { _id, ...data } = record;
  if (await readInTx(tx, OUTBOX, _id)) return false;
  await tx.collection(OUTBOX).doc(_id).set({ data });
  return true;
}

/** Outside a transaction (bulk, e.g. thousands of voters): a record already there stays as it is. */
export async function insertIfAbsent(record: OutboxRecord): Promise<boolean> {
  try {
    await outbox().add({ data: record as unknown as Record<string, unknown> });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/**
 * Takes the record for one send attempt. The condition on status and attempts makes the claim
 * exclusive: the action's immediate send and the timer never both send the same notification.
 */
export async function claim(record: Pick<OutboxRecord, '_id' | 'attempts' | 'status'>, leaseUntil: Date): Promise<boolean> {
  const { stats } = await outbox()
    .where({ _id: record._id, status: record.status, attempts: record.attempts })
    .update({ data: { status: 'sending', attempts: record.attempts + 1, nextAttemptAt: leaseUntil } });
  return stats.updated === 1;
}

/**
 * Records how a send went, only while this attempt still holds the lease (its attempt number): when
 * the lease ran out and the timer took the record for another attempt, that attempt settles it, and
 * this late answer changes nothing. False when the lease was lost.
 */
export async function settle(
  record: Pick<OutboxRecord, '_id'>,
  attempt: number,
  change: { status: OutboxStatus; nextAttemptAt?: Date; lastError?: string; sentAt?: Date },
): Promise<boolean> {
  const { stats } = await outbox().where({ _id: record._id, status: 'sending', attempts: attempt }).update({ data: change });
  return stats.updated === 1;
}

/** Records due now: queued ones whose time has come and sends whose lease ran out. */
export async function findDue(at: Date, limit: number): Promise<OutboxRecord[]> {
  const { data } = await outbox()
    .where({ status: _.in(['queued', 'sending']), nextAttemptAt: _.lte(at) })
    .orderBy('nextAttemptAt', 'asc')
    .limit(limit)
    .get();
  return data;
}

export async function findTodos(recipient: string, limit: number): Promise<OutboxRecord[]> {
  const { data } = await outbox()
    .where({ recipient, status: _.in(['undeliverable', 'failed']) })
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .get();
  return data;
}

export async function dismiss(recipient: string, idValue: string): Promise<boolean> {
  const { stats } = await outbox()
    .where({ _id: idValue, recipient, status: _.in(['undeliverable', 'failed']) })
    .update({ data: { status: 'dismissed' } });
  return stats.updated === 1;
}

/** How many notifications are still on their way (queued or mid-send). */
export async function countBacklog(): Promise<number> {
  const { total } = await outbox()
    .where({ status: _.in(['queued', 'sending']) })
    .count();
  return total;
}

interface SubscriptionRecord {
  _id: string;
  openid: string;
  templateKey: TemplateKey;
  credits: number;
}

const subscriptionId = (openid: string, key: TemplateKey) => `${openid}:${key}`;

/** Adds one credit per accepted key; answers the caller's credits afterwards. */
export async function addCredits(
  openid: string,
  streetId: string,
  keys: TemplateKey[],
  at: Date,
): Promise<Partial<Record<TemplateKey, number>>> {
  const credits: Partial<Record<TemplateKey, number>> = {};
  for (const key of keys) {
    const ref = db.collection<SubscriptionRecord>(SUBSCRIPTIONS);
    const idValue = subscriptionId(openid, key);
    const { stats } = await ref.where({ _id: idValue }).update({ data: { credits: _.inc(1), updatedAt: at } });
    if (stats.updated === 0) {
      try {
        await ref.add({ data: { _id: idValue, openid, streetId, templateKey: key, credits: 1, updatedAt: at } });
      } catch (error) {
        // Two reports at once: the other created it, so count this one on top.
        if (!isDuplicateKeyError(error)) throw error;
        await ref.where({ _id: idValue }).update({ data: { credits: _.inc(1), updatedAt: at } });
      }
    }
    const { data } = await ref.where({ _id: idValue }).limit(1).get();
    credits[key] = data[0]?.credits ?? 1;
  }
  return credits;
}

/** WeChat said 43101: whatever we counted, there is no credit. */
export async function clearCredits(openid: string, key: TemplateKey): Promise<void> {
  await db
    .collection(SUBSCRIPTIONS)
    .where({ _id: subscriptionId(openid, key) })
    .update({ data: { credits: 0 } });
}

/**
 * People of a street holding credit for `key`, in id order from `afterId`: whom a broadcast notice
 * (published vote results) goes to. It asks nothing about what they did, only what they accepted.
 */
export async function subscribersPage(
  streetId: string,
  key: TemplateKey,
  afterId: string | null,
  limit: number,
): Promise<{ id: string; openid: string }[]> {
  const { data } = await db
    .collection<SubscriptionRecord>(SUBSCRIPTIONS)
    .where({ streetId, templateKey: key, credits: _.gt(0), ...(afterId ? { _id: _.gt(afterId) } : {}) })
    .field({ openid: true })
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data.map((s) => ({ id: s._id, openid: s.openid }));
}
