import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { NotifyActions, TemplateKey } from '../../../../typings/contract';
import type { ActionTable, TimerJob } from '../app/actions';
import type { RequestContext } from '../app/context';
import { id } from '../app/validation';
import { now } from '../platform/clock';
import type { Transaction } from '../platform/db';
import { sendSubscribeMessage } from '../platform/openapi';
import { afterFailure, renderTemplateData, SENDING_LEASE_MS, todoSummary, type NotificationContent, type OutboxRecord } from './rules';
import * as store from './store';

// The notification service other capabilities use (DESIGN section 5). Nothing is sent directly:
//
//   const records = await queueNotifications(ctx, [{ kind, recipient, templateKey, content, page, dedupeKey }], tx);
//   ...after the transaction commits:
//   await deliverQueued(ctx, records);
//
// - With `tx`, the outbox records commit or vanish with the action. Without `tx` (bulk, e.g. telling
//   thousands of voters that results are published) each record is inserted on its own; a dedupeKey
//   already queued is skipped, so re-running a bulk enqueue after a failure is safe.
// - `deliverQueued` tries each record once, right away. For bulk enqueues skip it: the timer job
//   `notify.flush` sends what is due, a few hundred per run, and retries transient failures with backoff.
// - `dedupeKey` names the event, e.g. `voteResult:<campaignId>:<openid>`: one notification per event, ever.
// - 43101 (no credit) or a missing template id never retries: it becomes a to-do in `notifications.todos`.

export const TEMPLATE_KEYS = ['newMessage', 'messageUpdate', 'reminder', 'voteResult'] as const satisfies readonly TemplateKey[];

export interface NotificationRequest {
  kind: string;
  recipient: string;
  templateKey: TemplateKey;
  content: NotificationContent;
  /** The page the notification opens, with its query, e.g. `packages/delegate/thread/thread?id=...`. */
  page: string;
  dedupeKey: string;
  /** The record's street when it is not the caller's (the timer works for every street). */
  streetId?: string;
}

export async function queueNotifications(ctx: RequestContext, requests: NotificationRequest[], tx?: Transaction): Promise<OutboxRecord[]> {
  if (tx) {
    // Written already leased to this call for its first attempt: the send right after commit needs no
    // claim, and the timer takes the record only if that send never reports back.
    const leased = requests.filter((r) => r.recipient).map((r) => ({ ...toRecord(ctx, r), status: 'sending' as const, attempts: 1, nextAttemptAt: new Date(ctx.now.getTime() + SENDING_LEASE_MS) }));
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
    result = await sendSubscribeMessage({ touser: record.recipient, templateId, page: record.page, data: renderTemplateData(record.templateKey, record.content) });
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

const templateKey = z.enum(TEMPLATE_KEYS);

export const notifyActions: ActionTable<keyof NotifyActions> = {
  'subscriptions.record': {
    allow: 'anyone',
    input: z.strictObject({ accepted: z.array(templateKey).max(TEMPLATE_KEYS.length) }),
    async handle({ accepted }, ctx) {
      const keys = [...new Set(accepted)];
      if (keys.length === 0) return { credits: {} };
      return { credits: await store.addCredits(ctx.openid, ctx.streetId, keys, ctx.now) };
    },
  },
  'notifications.todos': {
    allow: 'anyone',
    input: z.strictObject({}),
    async handle(_input, ctx) {
      const records = await store.findTodos(ctx.openid, 20);
      const items = records.map((r) => ({ id: r._id, templateKey: r.templateKey, summary: todoSummary(r), page: r.page, createdAt: r.createdAt.toISOString() }));
      return { items, count: items.length };
    },
  },
  'notifications.dismiss': {
    allow: 'anyone',
    input: z.strictObject({ id: id() }),
    async handle(input, ctx) {
      return { dismissed: await store.dismiss(ctx.openid, input.id) };
    },
  },
};

async function eachWithConcurrency<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
