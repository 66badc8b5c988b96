import type { MessageRecord } from '../messages/rules';
import { _, db } from '../platform/db';
import { ERASED_WRITER, EXPORT_MESSAGES_MAX } from './rules';

// The map of personal data: every collection that holds something of a person, read for their export,
// erased when they delete their account, and aged out by the retention job. A collection that starts to
// hold personal data is added here (tests/cloud/privacy.test.ts scans every collection after a deletion).

type Doc = Record<string, unknown>;

export async function ownMessages(openid: string): Promise<MessageRecord[]> {
  const { data } = await db
    .collection('messages')
    .where({ residentOpenid: openid })
    .orderBy('createdAt', 'desc')
    .limit(EXPORT_MESSAGES_MAX + 1)
    .get();
  return data as unknown as MessageRecord[];
}

export async function ownReceptionInterests(openid: string): Promise<Doc[]> {
  const { data } = await db.collection('receptionInterests').where({ openid }).limit(100).get();
  return data as Doc[];
}

export async function ownSubscriptions(openid: string): Promise<Doc[]> {
  const { data } = await db.collection('subscriptions').where({ openid }).limit(20).get();
  return data as Doc[];
}

/**
 * Erases an account. Messages stay for the delegate's record and the street's statistics, with the
 * writer and their number gone; everything else about the person is removed. Each step is one request
 * and harmless to repeat, so a retry after a lost answer finishes the job.
 */
export async function eraseAccount(openid: string, bindAttemptsId: string, now: Date): Promise<void> {
  await db
    .collection('messages')
    .where({ residentOpenid: openid })
    .update({ data: { residentOpenid: ERASED_WRITER, phone: _.remove(), erasedAt: now } });
  await db.collection('receptionInterests').where({ openid }).remove();
  await db.collection('subscriptions').where({ openid }).remove();
  await db.collection('rateLimits').where({ openid }).remove();
  await db.collection('outbox').where({ recipient: openid }).remove();
  await db.collection('bindAttempts').where({ _id: bindAttemptsId }).remove();
  // Last: while the user record exists a repeat still knows the person's roles.
  await db.collection('users').where({ _id: openid }).remove();
}

/** The retention job's erasures; each is one request however many documents it touches. */
export async function eraseExpired(cutoffs: { phones: Date; records: Date }): Promise<Record<string, number>> {
  const phones = await db
    .collection('messages')
    .where({ status: 'closed', resolvedAt: _.lt(cutoffs.phones), phone: _.exists(true) })
    .update({ data: { phone: _.remove() } });
  // A person's allowance record is written on every counted action: one untouched this long is of someone gone quiet.
  const limits = await db
    .collection('rateLimits')
    .where({ updatedAt: _.lt(cutoffs.records) })
    .remove();
  const notices = await db
    .collection('outbox')
    .where({ status: _.in(['sent', 'undeliverable', 'failed', 'dismissed']), createdAt: _.lt(cutoffs.records) })
    .remove();
  const requests = await db
    .collection('requests')
    .where({ at: _.lt(cutoffs.records) })
    .remove();
  const attempts = await db
    .collection('bindAttempts')
    .where({ windowStart: _.lt(cutoffs.records) })
    .remove();
  return {
    phonesErased: phones.stats.updated,
    limitsRemoved: limits.stats.removed,
    noticesRemoved: notices.stats.removed,
    requestsRemoved: requests.stats.removed,
    attemptsRemoved: attempts.stats.removed,
  };
}
