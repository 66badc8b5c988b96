import * as z from 'zod';
import type { DataOf, MessagesActions, PayloadOf, WallReviewItem, WallStatus } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { ensure } from '../app/errors';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { cursor, id, requestId, text } from '../app/validation';
import { wallItemOf, type MessageRecord } from './rules';
import * as store from './store';

// Staff keep the public wall (issue 17, item 10): review before an item appears (when the street turns
// it on), take an item down with a reason, put it back. Every step is audited by the command.

const wallStatus = z.enum(['pending', 'shown', 'hidden'] satisfies WallStatus[]);
const wallCursor = z.strictObject({ at: cursorPart.time(), id: cursorPart.text() });

async function listForReview(input: PayloadOf<'admin.wall.list'>, ctx: RequestContext): Promise<DataOf<'admin.wall.list'>> {
  const records = await store.listByWall(ctx.streetId, input.status ?? 'pending', decodeCursor(input.cursor, wallCursor), rowsFor());
  return pageOf(records, (m) => ({ at: m.createdAt, id: m._id }), toReviewItem);
}

async function hide(input: PayloadOf<'admin.wall.hide'>, ctx: RequestContext): Promise<DataOf<'admin.wall.hide'>> {
  return placeOnWall(ctx, input.id, 'hidden', input.reason);
}

async function show(input: PayloadOf<'admin.wall.show'>, ctx: RequestContext): Promise<DataOf<'admin.wall.show'>> {
  return placeOnWall(ctx, input.id, 'shown');
}

/** Moves a public message on the wall; a message its resident did not make public is not staff's to show. */
async function placeOnWall(ctx: RequestContext, messageId: string, wall: WallStatus, reason?: string): Promise<{ wall: WallStatus }> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const message = await store.getInTx(tx, messageId);
      ensure(message && message.streetId === ctx.streetId, 'NOT_FOUND', '留言不存在', 'id');
      ensure(message.isPublic && message.wall, 'FAILED_PRECONDITION', '留言人没有同意公开这条留言', 'id');
      await store.updateInTx(tx, message._id, { wall, wallReason: reason ?? '', updatedAt: ctx.now });
      return { wall };
    },
    { subject: messageId },
  );
}

function toReviewItem(m: MessageRecord): WallReviewItem {
  return { ...wallItemOf(m), wall: m.wall!, ...(m.wallReason ? { reason: m.wallReason } : {}) };
}

export const messagesAdminActions: ActionTable<Extract<keyof MessagesActions, `admin.${string}`>> = {
  'admin.wall.list': {
    allow: ['staff'],
    input: z.strictObject({ status: wallStatus.optional(), cursor: cursor() }),
    handle: listForReview,
  },
  'admin.wall.hide': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), reason: text(2, 200), requestId: requestId().optional() }),
    handle: hide,
  },
  'admin.wall.show': { allow: ['staff'], input: z.strictObject({ id: id(), requestId: requestId().optional() }), handle: show },
};
