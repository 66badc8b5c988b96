import { z } from 'zod';
import type { ModerationActions, ModerationItem } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { cursor, id, text } from '../app/validation';
import { decodeCursor, encodeCursor } from '../messages/rules';
import { deliverQueued } from '../notify/actions';
import type { OutboxRecord } from '../notify/rules';
import { inTransaction, type Transaction } from '../platform/db';
import { checkText } from '../platform/openapi';
import { canDecide, CONTENT_REJECTED_MESSAGE, EXCERPT_MAX, moderationId, worstVerdict, type ContentVerdict, type ModerationRecord } from './rules';
import * as store from './store';

// Content security for every resident- or delegate-written text (DESIGN section 6). A capability
// screens its texts before its transaction, holds a `review` verdict in the same transaction, and
// registers what approval and rejection mean for its records:
//
//   const verdict = await screenTexts(ctx, [title, body]);        // throws CONTENT_REJECTED on risky
//   ... in the transaction: if (verdict === 'review') await holdForReview(tx, ctx, { kind, subjectId, text });
//   registerModerationSubject('message', { approve, reject });

export interface ModerationSubject {
  /** Makes the held text visible; returns notifications queued in `tx`, sent after commit. */
  approve(tx: Transaction, record: ModerationRecord, ctx: RequestContext): Promise<OutboxRecord[]>;
  reject(tx: Transaction, record: ModerationRecord, ctx: RequestContext): Promise<void>;
}

const subjects = new Map<ModerationRecord['kind'], ModerationSubject>();

export function registerModerationSubject(kind: ModerationRecord['kind'], subject: ModerationSubject): void {
  subjects.set(kind, subject);
}

/** 'pass' or 'review'; a risky text is refused here, before anything is written. */
export async function screenTexts(ctx: RequestContext, texts: (string | undefined)[]): Promise<Exclude<ContentVerdict, 'risky'>> {
  const present = texts.filter((t): t is string => Boolean(t && t.trim()));
  const verdicts = await Promise.all(present.map((content) => checkWithRetry(ctx.openid, content)));
  const worst = worstVerdict(verdicts);
  if (worst === 'risky') throw new AppError('CONTENT_REJECTED', CONTENT_REJECTED_MESSAGE);
  return worst;
}

const CHECK_ATTEMPTS = 3;

async function checkWithRetry(openid: string, content: string): Promise<ContentVerdict> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await checkText({ openid, content, scene: 2 });
    } catch (error) {
      // Still unanswered: the text is held for people to judge rather than let through unseen.
      if (attempt >= CHECK_ATTEMPTS) return 'review';
    }
  }
}

export async function holdForReview(
  tx: Transaction,
  ctx: RequestContext,
  subject: { kind: ModerationRecord['kind']; subjectId: string; entryId?: string; text: string },
): Promise<void> {
  await store.holdInTx(tx, {
    _id: moderationId(subject.kind, subject.subjectId, subject.entryId),
    streetId: ctx.streetId,
    kind: subject.kind,
    subjectId: subject.subjectId,
    ...(subject.entryId ? { entryId: subject.entryId } : {}),
    text: Array.from(subject.text).slice(0, EXCERPT_MAX).join(''),
    authorOpenid: ctx.openid,
    status: 'pending',
    createdAt: ctx.now,
  });
}

const statusSchema = z.enum(['pending', 'approved', 'rejected']);

export const moderationActions: ActionTable<keyof ModerationActions> = {
  'admin.moderation.list': {
    allow: ['staff'],
    input: z.strictObject({ status: statusSchema.optional(), cursor: cursor() }),
    async handle(input, ctx) {
      const after = input.cursor ? decodeCursor(input.cursor) : null;
      const records = await store.listByStatus(ctx.streetId, input.status ?? 'pending', after && { createdAt: after.at, id: after.id }, PAGE_SIZE);
      const last = records[records.length - 1];
      return {
        items: records.map(toItem),
        nextCursor: records.length === PAGE_SIZE && last ? encodeCursor(last.createdAt, last._id) : null,
      };
    },
  },
  'admin.moderation.approve': {
    allow: ['staff'],
    input: z.strictObject({ id: id() }),
    async handle(input, ctx) {
      const queued = await decide(ctx, input.id, 'approved');
      await deliverQueued(ctx, queued);
      return { status: 'approved' };
    },
  },
  'admin.moderation.reject': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), reason: text(1, 200).optional() }),
    async handle(input, ctx) {
      await decide(ctx, input.id, 'rejected', input.reason);
      return { status: 'rejected' };
    },
  },
};

const PAGE_SIZE = 20;

async function decide(ctx: RequestContext, idValue: string, status: 'approved' | 'rejected', reason?: string): Promise<OutboxRecord[]> {
  return inTransaction(async (tx) => {
    const record = await store.getInTx(tx, idValue);
    ensure(record && record.streetId === ctx.streetId, 'NOT_FOUND', '待审核内容不存在', 'id');
    ensure(canDecide(record), 'FAILED_PRECONDITION', '该内容已经审核过了');
    const subject = subjects.get(record.kind);
    ensure(subject, 'INTERNAL', '暂时无法处理该内容');
    await store.decideInTx(tx, idValue, { status, decidedAt: ctx.now, decidedBy: ctx.openid, ...(reason ? { reason } : {}) });
    if (status === 'rejected') {
      await subject.reject(tx, record, ctx);
      return [];
    }
    return subject.approve(tx, record, ctx);
  });
}

function toItem(record: ModerationRecord): ModerationItem {
  return {
    id: record._id,
    kind: record.kind,
    subjectId: record.subjectId,
    text: record.text,
    status: record.status,
    createdAt: record.createdAt.toISOString(),
    ...(record.decidedAt ? { decidedAt: record.decidedAt.toISOString() } : {}),
  };
}
