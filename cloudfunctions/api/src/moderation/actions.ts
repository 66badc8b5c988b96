import * as z from 'zod';
import type { DataOf, ModerationActions, ModerationItem, PayloadOf } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { ensure } from '../app/errors';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { cursor, id, requestId, text } from '../app/validation';
import { canDecide, type ModerationRecord } from './rules';
import { moderationSubject } from './screening';
import * as store from './store';

// The staff's review queue. How texts get here: moderation/screening.ts.

const queueCursor = z.strictObject({ createdAt: cursorPart.time(), id: cursorPart.text() });

async function listQueue(input: PayloadOf<'admin.moderation.list'>, ctx: RequestContext): Promise<DataOf<'admin.moderation.list'>> {
  const records = await store.listByStatus(ctx.streetId, input.status ?? 'pending', decodeCursor(input.cursor, queueCursor), rowsFor());
  return pageOf(records, (r) => ({ createdAt: r.createdAt, id: r._id }), toItem);
}

async function approve(input: PayloadOf<'admin.moderation.approve'>, ctx: RequestContext): Promise<DataOf<'admin.moderation.approve'>> {
  await decide(ctx, input.id, 'approved');
  return { status: 'approved' };
}

async function reject(input: PayloadOf<'admin.moderation.reject'>, ctx: RequestContext): Promise<DataOf<'admin.moderation.reject'>> {
  await decide(ctx, input.id, 'rejected', input.reason);
  return { status: 'rejected' };
}

export const moderationActions: ActionTable<keyof ModerationActions> = {
  'admin.moderation.list': {
    allow: ['staff'],
    input: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).optional(), cursor: cursor() }),
    handle: listQueue,
  },
  'admin.moderation.approve': { allow: ['staff'], input: z.strictObject({ id: id(), requestId: requestId().optional() }), handle: approve },
  'admin.moderation.reject': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), reason: text(1, 200).optional(), requestId: requestId().optional() }),
    handle: reject,
  },
};

/** Records the decision and applies it to the held record, in one command. */
async function decide(ctx: RequestContext, idValue: string, status: 'approved' | 'rejected', reason?: string): Promise<void> {
  await runCommand(
    ctx,
    async (scope) => {
      const record = await store.getInTx(scope.tx, idValue);
      ensure(record && record.streetId === ctx.streetId, 'NOT_FOUND', '待审核内容不存在', 'id');
      ensure(canDecide(record), 'FAILED_PRECONDITION', '该内容已经审核过了');
      const subject = moderationSubject(record.kind);
      ensure(subject, 'INTERNAL', '暂时无法处理该内容');
      await store.decideInTx(scope.tx, idValue, { status, decidedAt: ctx.now, decidedBy: ctx.openid, ...(reason ? { reason } : {}) });
      if (status === 'rejected') await subject.reject(scope.tx, record, ctx);
      else await subject.approve(scope, record, ctx);
    },
    { subject: idValue },
  );
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
