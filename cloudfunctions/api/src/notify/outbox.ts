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
    for (const record of leased) {
      await store.insertInTx(tx, record);
      ownedAttempts.add(record);
    }
    return leased;
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

function toRecord(ctx: RequestContext, request: NotificationRequest): OutboxRecord {
  return {
    _id: createHash('sha256').update(request.dedupeKey).digest('hex').slice(0, 32),
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
  const templateId = ctx.config.templateIds[record.templateKey];
  if (!templateId) {
    await store.settle(record._id, { status: 'undeliverable', lastError: `no template id for ${record.templateKey}` });
    return;
  }
  let result: Awaited<ReturnType<typeof sendSubscribeMessage>>;
  try {
    result = await sendSubscribeMessage({
      touser: record.recipient,
      templateId,
      page: record.page,
      data: renderTemplateData(record.templateKey, record.content),
    });
  } catch (error) {
    result = { ok: false, errCode: -1, errMsg: String((error as Error)?.message ?? error) };
  }
  if (result.ok) {
    await store.settle(record._id, { status: 'sent', sentAt: now() });
    await store.useCredit(record.recipient, record.templateKey);
    return;
  }
  const next = afterFailure(result.errCode, attempts, now());
  await store.settle(record._id, { ...next, lastError: `${result.errCode} ${result.errMsg}` });
  if (result.errCode === 43101) await store.clearCredits(record.recipient, record.templateKey);
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
