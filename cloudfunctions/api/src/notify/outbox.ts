import { createHash } from 'node:crypto';
import type { TimerJob } from '../app/actions';
import type { RequestContext } from '../app/context';
import type { Transaction } from '../platform/db';
import { sendSubscribeMessage } from '../platform/openapi';
import { now } from '../platform/time';
import { afterFailure, renderTemplateData, SENDING_LEASE_MS, type NotificationRequest, type OutboxRecord } from './rules';
import * as store from './store';

// The notification service other capabilities use (docs/architecture.md#notifications). Nothing is sent directly:
//
// - A write queues its notifications with `scope.notify([...])` inside its command (app/command.ts):
//   the outbox records commit or vanish with the action, and the command delivers them after commit. Without `tx` (bulk, e.g. telling
//   thousands of voters that results are published) each record is inserted on its own; a dedupeKey
//   already queued is skipped, so re-running a bulk enqueue after a failure is safe.
// - `deliverQueued` tries each record once, right away (the command calls it after commit). For bulk enqueues skip it: the timer job
//   `notify.flush` sends what is due, a few hundred per run, and retries transient failures with backoff.
// - `dedupeKey` names the event, e.g. `voteResult:<campaignId>:<openid>`: one notification per event, ever.
// - 43101 (no credit) or a missing template id never retries: it becomes a to-do in `notifications.todos`.

export async function queueNotifications(ctx: RequestContext, requests: NotificationRequest[], tx?: Transaction): Promise<OutboxRecord[]> {
  if (tx) {
    // Written already leased to this call for its first attempt: the send right after commit needs no
    // claim, and the timer takes the record only if that send never reports back.
    const leased = requests
      .filter((r) => r.recipient)
      .map((r) => ({
        ...toRecord(ctx, r),
        status: 'sending' as const,
        attempts: 1,
        nextAttemptAt: new Date(ctx.now.getTime() + SENDING_LEASE_MS),
      }));
    const inserted: OutboxRecord[] = [];
    for (const record of leased) {
      // A dedupeKey queued before (this event was notified already) is not queued or sent again.
      if (!(await store.insertIfAbsentInTx(tx, record))) continue;
      ownedAttempts.add(record);
      inserted.push(record);
    }
    return inserted;
  }
  const records = requests.filter((r) => r.recipient).map((r) => toRecord(ctx, r));
  const inserted: OutboxRecord[] = [];
  await eachWithConcurrency(records, BULK_CONCURRENCY, async (record) => {
    if (await store.insertIfAbsent(record)) inserted.push(record);
  });
  return inserted;
}

/** One send attempt per record, right now; failures are left to the timer (or to the to-do list). */
export async function deliverQueued(ctx: RequestContext, records: OutboxRecord[]): Promise<void> {
  await eachWithConcurrency(records, SEND_CONCURRENCY, (record) => attempt(ctx, record));
}

/** Records this invocation holds the lease of (queued in its own transaction). */
const ownedAttempts = new WeakSet<OutboxRecord>();

const BULK_CONCURRENCY = 16;
const SEND_CONCURRENCY = 8;
const FLUSH_BATCH = 100;
const FLUSH_BATCHES_PER_RUN = 5;

const noticeId = (dedupeKey: string) => createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);

function toRecord(ctx: RequestContext, request: NotificationRequest): OutboxRecord {
  return {
    _id: noticeId(request.dedupeKey),
    streetId: request.streetId ?? ctx.streetId,
    kind: request.kind,
    recipient: request.recipient,
    templateKey: request.templateKey,
    content: request.content,
    page: request.page,
    status: 'queued',
    attempts: 0,
    nextAttemptAt: ctx.now,
    dedupeKey: request.dedupeKey,
    createdAt: ctx.now,
  };
}

async function attempt(ctx: RequestContext, record: OutboxRecord): Promise<void> {
  let attempts = record.attempts;
  if (!ownedAttempts.has(record)) {
    if (!(await store.claim(record, new Date(now().getTime() + SENDING_LEASE_MS)))) return;
    attempts += 1;
  }
  const result = await sendOnce(ctx, record);
  const settled = await store.settle(
    record,
    attempts,
    result.ok ? { status: 'sent', sentAt: now() } : { ...afterFailure(result.errCode, attempts, now()), lastError: result.error },
  );
  if (!settled) console.warn(`[notify] ${record._id}: the lease ran out before the send answered; the later attempt settles it`);
  if (!result.ok && result.errCode === 43101) await store.clearCredits(record.recipient, record.templateKey);
}

/**
 * One subscribe-message send. WeChat keeps the count of a person's credits: the server does not
 * mirror it per send (a write per notice); a 43101 answer clears what it recorded.
 */
async function sendOnce(ctx: RequestContext, record: OutboxRecord): Promise<{ ok: true } | { ok: false; errCode: number; error: string }> {
  const templateId = ctx.config.templateIds[record.templateKey];
  // 43100 is permanent (undeliverable): a notice without a template id becomes a to-do.
  if (!templateId) return { ok: false, errCode: 43100, error: `no template id for ${record.templateKey}` };
  try {
    const result = await sendSubscribeMessage({
      touser: record.recipient,
      templateId,
      page: record.page,
      data: renderTemplateData(record.templateKey, record.content),
    });
    return result.ok ? { ok: true } : { ok: false, errCode: result.errCode, error: `${result.errCode} ${result.errMsg}` };
  } catch (error) {
    return { ok: false, errCode: -1, error: `-1 ${String((error as Error)?.message ?? error)}` };
  }
}

// ---- notices carried by the record they are about
//
// A capability whose write is one document (a message and its new entry) carries the notices in that same
// write, instead of a transaction and an outbox insert: they exist exactly when the write does.
//
//   const notices = carriedNotices(ctx, [request]);                 // { [id]: record } to store on the document
//   ... one write of the document with them ...
//   await deliverCarried(ctx, notices, () => store.dropNotices(...)); // sends each once, then one write removes them
//
// A send that fails goes to the outbox (retries with backoff, or a to-do); a notice still on its document after
// its lease (the instance died mid-send) is the owner's timer job's to hand to `queueNotifications`, which
// keeps one outbox record per dedupeKey.

export function carriedNotices(ctx: RequestContext, requests: NotificationRequest[]): Record<string, OutboxRecord> {
  const leaseUntil = new Date(ctx.now.getTime() + SENDING_LEASE_MS);
  const notices: Record<string, OutboxRecord> = {};
  for (const r of requests.filter((request) => request.recipient))
    notices[noticeId(r.dedupeKey)] = { ...toRecord(ctx, r), status: 'sending', attempts: 1, nextAttemptAt: leaseUntil };
  return notices;
}

/** Sends each carried notice once, right after its write; `settle` then removes them from their document. */
export async function deliverCarried(
  ctx: RequestContext,
  notices: Record<string, OutboxRecord>,
  settle: () => Promise<void>,
): Promise<void> {
  const records = Object.values(notices);
  if (records.length === 0) return;
  try {
    await eachWithConcurrency(records, SEND_CONCURRENCY, async (record) => {
      const result = await sendOnce(ctx, record);
      if (result.ok) return;
      await store.insertIfAbsent({ ...record, ...afterFailure(result.errCode, record.attempts, now()), lastError: result.error });
      if (result.errCode === 43101) await store.clearCredits(record.recipient, record.templateKey);
    });
    await settle();
  } catch (error) {
    // Committed already: what is left on the document is the timer's to queue again.
    console.error(`[api] ${ctx.action}: delivery after the write failed; the timer will queue it again`, error);
  }
}

/** Notices whose send never reported back, into the outbox for the timer's flush (a dedupeKey already there is skipped). */
export async function requeueCarried(ctx: RequestContext, records: OutboxRecord[]): Promise<number> {
  let queued = 0;
  await eachWithConcurrency(records, BULK_CONCURRENCY, async (record) => {
    if (await store.insertIfAbsent({ ...record, status: 'queued', attempts: 0, nextAttemptAt: ctx.now })) queued++;
  });
  return queued;
}

/** The timer's flush: everything due, a bounded amount per run so one run never times out. */
export const flushOutbox: TimerJob = {
  name: 'notify.flush',
  async run(ctx) {
    let attempted = 0;
    for (let batch = 0; batch < FLUSH_BATCHES_PER_RUN; batch++) {
      const due = await store.findDue(ctx.now, FLUSH_BATCH);
      if (due.length === 0) break;
      await deliverQueued(ctx, due);
      attempted += due.length;
      if (due.length < FLUSH_BATCH) break;
    }
    return { attempted, backlog: await store.countBacklog() };
  },
};

export const notifyTimerJobs: TimerJob[] = [flushOutbox];

async function eachWithConcurrency<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
