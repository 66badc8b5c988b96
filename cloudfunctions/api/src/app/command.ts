import { createHash } from 'node:crypto';
import { auditRecord, isAudited, TIMER_ACTOR, type AuditTrail } from '../audit/rules';
import { insertAuditInTx } from '../audit/store';
import { deliverQueued, queueNotifications } from '../notify/outbox';
import type { NotificationRequest, OutboxRecord } from '../notify/rules';
import { attemptTransaction, inTransaction, readInTx, type Transaction } from '../platform/db';
import type { RequestContext } from './context';

// The one shape of a write (docs/architecture.md#writes-the-command-shape):
//
//   validate (the dispatcher) → one transaction → idempotency record → audit entry → outbox
//   → commit → deliver the outbox once, right away
//
// A handler states only its work:
//
//   return runCommand(ctx, async ({ tx, notify }) => {
//     ...reads and writes through the capability's `…InTx` store functions...
//     await notify([newMessageNotification(message, ctx.now)]);
//     return { id };
//   });
//
// What fails after the commit (a notification send) is logged and left to the timer's retries:
// the action happened, so the caller is never told it failed.

export interface CommandScope {
  tx: Transaction;
  /** Queues notifications in this transaction's outbox; they exist exactly when the action commits. */
  notify(requests: NotificationRequest[]): Promise<void>;
}

export interface CommandOptions<T> {
  /**
   * The write's own record carries the client's key (its id derives from it, as a message's does), so
   * no separate idempotency record is kept. Otherwise the key the client sent (ctx.requestId) stores
   * the first answer, and a repeat gets it back unchanged.
   */
  keyedRecord?: boolean;
  /** The record an audited (staff) action acted on, when the answer's `id` is not it. */
  subject?: string | ((answer: T) => string | undefined);
  /** One attempt, no retry on conflict: for callers with a retry loop of their own (a ballot). */
  once?: boolean;
  /**
   * The state change (and reason) the audit entry records. Given, the command is audited even when
   * the timer runs it (actor 'timer'), so every transition of a campaign is in the trail.
   */
  trail?: AuditTrail | ((answer: T) => AuditTrail | undefined);
}

const REQUESTS = 'requests';

interface RequestRecord {
  _id: string;
  action: string;
  answer: unknown;
  at: Date;
}

export async function runCommand<T>(
  ctx: RequestContext,
  work: (scope: CommandScope) => Promise<T>,
  options: CommandOptions<T> = {},
): Promise<T> {
  const requestKey = ctx.requestId && !options.keyedRecord ? requestRecordId(ctx, ctx.requestId) : undefined;
  let queued: OutboxRecord[] = [];
  const attempt = async (tx: Transaction): Promise<T> => {
    // A transaction retried after a conflict starts over, and so does its outbox.
    queued = [];
    if (requestKey) {
      const previous = await readInTx<RequestRecord>(tx, REQUESTS, requestKey);
      if (previous) return previous.answer as T;
    }
    const answer = await work({ tx, notify: async (requests) => void queued.push(...(await queueNotifications(ctx, requests, tx))) });
    if (requestKey)
      await tx
        .collection(REQUESTS)
        .doc(requestKey)
        .set({ data: { action: ctx.action, answer, at: ctx.now } });
    if (isAudited(ctx.action) || options.trail) {
      const subject = typeof options.subject === 'function' ? options.subject(answer) : (options.subject ?? idOf(answer));
      const trail = typeof options.trail === 'function' ? options.trail(answer) : options.trail;
      const actorOpenid = ctx.action === 'timer' ? TIMER_ACTOR : ctx.openid;
      await insertAuditInTx(tx, auditRecord({ streetId: ctx.streetId, action: ctx.action, actorOpenid, subject, ...trail, at: ctx.now }));
    }
    return answer;
  };
  const answer = options.once ? await attemptTransaction(attempt) : await inTransaction(attempt);
  await deliverAfterCommit(ctx, queued);
  return answer;
}

/** Sends what a committed command queued; a failure here is the timer's to retry, never the caller's. */
export async function deliverAfterCommit(ctx: RequestContext, queued: OutboxRecord[]): Promise<void> {
  if (queued.length === 0) return;
  try {
    await deliverQueued(ctx, queued);
  } catch (error) {
    console.error(`[api] ${ctx.action}: delivery after commit failed; notify.flush will retry`, error);
  }
}

/** The caller, the action and their key: another person's key, or the same key on another action, is another request. */
function requestRecordId(ctx: RequestContext, requestId: string): string {
  return createHash('sha256').update(`${ctx.openid}:${ctx.action}:${requestId}`).digest('hex').slice(0, 32);
}

function idOf(answer: unknown): string | undefined {
  const value = (answer as { id?: unknown } | null)?.id;
  return typeof value === 'string' ? value : undefined;
}
