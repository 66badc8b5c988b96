import { z } from 'zod';
import type { DataOf, MessagesActions, MessageStatus, PayloadOf, Satisfaction } from '../../../../typings/contract';
import { MESSAGE_CATEGORIES, PHOTOS_MAX, TEXT_LIMITS } from '../../../../typings/contract/constants';
import type { ActionTable, TimerJob } from '../app/actions';
import { deliverAfterCommit, runCommand, type CommandScope } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { cursor, id, phone, requestId, text } from '../app/validation';
import { currentOpenidInTx, currentOpenids, findDelegateForMessaging } from '../directory/store';
import type { ModerationRecord } from '../moderation/rules';
import { holdForReviewInTx, registerModerationSubject, screenTexts } from '../moderation/screening';
import { queueNotifications } from '../notify/outbox';
import type { Transaction } from '../platform/db';
import { daysBefore, shanghaiDay } from '../platform/time';
import {
  allowedSteps,
  effectOf,
  entryId,
  isDueForAutoClose,
  messageId,
  newMessageNotification,
  notificationFor,
  reminderNotification,
  serviceLevels,
  summaryOf,
  THREAD_MAX,
  viewerOf,
  visibleEntries,
  visiblePhone,
  wallItemOf,
  type MessageRecord,
  type StoredEntry,
  type Viewer,
} from './rules';
import * as store from './store';

// ---- schemas

const statusFilter = z.enum(['held', 'rejected', 'pending', 'replied', 'forwarded', 'resolved', 'closed']).optional();
/** A delegate never sees what is held in review or was refused. */
const inboxStatusFilter = z.enum(['pending', 'replied', 'forwarded', 'resolved', 'closed']).optional();
const body = (max: number) => text(1, max);
const retryKey = requestId().optional();
/** Newest first by a time, then by id. */
const messageCursor = z.strictObject({ at: cursorPart.time(), id: cursorPart.text() });
const byCreated = (m: MessageRecord) => ({ at: m.createdAt, id: m._id });

const sendInput = z.strictObject({
  delegateId: id(),
  category: z.enum(MESSAGE_CATEGORIES),
  title: text(2, TEXT_LIMITS.messageTitle),
  body: body(TEXT_LIMITS.messageBody),
  photos: z
    .array(
      z
        .string()
        .max(512)
        .regex(/^cloud:\/\/\S+$/),
    )
    .max(PHOTOS_MAX)
    .optional(),
  phone: phone().optional(),
  isPublic: z.boolean().optional(),
  requestId: requestId(),
});

// ---- a resident writes to a delegate

async function send(input: PayloadOf<'messages.send'>, ctx: RequestContext): Promise<DataOf<'messages.send'>> {
  const levels = serviceLevels();
  const verdict = await screenTexts(ctx, [input.title, input.body]);
  const delegate = await findDelegateForMessaging(ctx.streetId, input.delegateId);
  ensure(delegate, 'NOT_FOUND', '该代表不存在', 'delegateId');
  // The message's id derives from the requestId, so the message itself is the idempotency record.
  const idValue = messageId(ctx.openid, ctx.requestId!);
  const day = shanghaiDay(ctx.now);
  return runCommand(
    ctx,
    async ({ tx, notify }) => {
      const existing = await store.getInTx(tx, idValue);
      if (existing) return { id: idValue, status: existing.status };
      const sentToday = await store.sendsTodayInTx(tx, ctx.openid, day);
      ensure(
        sentToday < levels.dailyLimit,
        'RESOURCE_EXHAUSTED',
        `每人每天最多发送 ${levels.dailyLimit} 条留言，今天的次数已用完，请明天再来`,
      );
      const message: MessageRecord = {
        _id: idValue,
        streetId: ctx.streetId,
        residentOpenid: ctx.openid,
        delegateId: delegate.id,
        delegateName: delegate.name,
        delegateOpenid: delegate.openid,
        groupId: delegate.groupId ?? '',
        ...(delegate.stationId ? { stationId: delegate.stationId } : {}),
        category: input.category,
        title: input.title,
        body: input.body,
        photos: input.photos ?? [],
        ...(input.phone ? { phone: input.phone } : {}),
        isPublic: input.isPublic ?? false,
        status: verdict === 'review' ? 'held' : 'pending',
        thread: [],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      await store.insertInTx(tx, message);
      await store.setSendsTodayInTx(tx, ctx.openid, day, ctx.streetId, sentToday + 1);
      if (verdict === 'review')
        await holdForReviewInTx(tx, ctx, { kind: 'message', subjectId: idValue, text: `${input.title}\n${input.body}` });
      else await notify([newMessageNotification(message, ctx.now)]);
      return { id: idValue, status: message.status };
    },
    { keyedRecord: true },
  );
}

// ---- reading messages

async function listMine(input: PayloadOf<'messages.mine'>, ctx: RequestContext): Promise<DataOf<'messages.mine'>> {
  const records = await store.listByResident(ctx.streetId, ctx.openid, input.status, decodeCursor(input.cursor, messageCursor), rowsFor());
  return pageOf(records, byCreated, (m) => summaryOf(m, ctx.now));
}

async function listInbox(input: PayloadOf<'messages.inbox'>, ctx: RequestContext): Promise<DataOf<'messages.inbox'>> {
  const { delegateId } = await ctx.caller();
  const levels = serviceLevels();
  const records = await store.listByDelegate(ctx.streetId, delegateId!, input.status, decodeCursor(input.cursor, messageCursor), rowsFor());
  return pageOf(records, byCreated, (m) => summaryOf(m, ctx.now, levels));
}

async function countInbox(_input: PayloadOf<'messages.inboxCounts'>, ctx: RequestContext): Promise<DataOf<'messages.inboxCounts'>> {
  const { delegateId } = await ctx.caller();
  return store.countInbox(ctx.streetId, delegateId!);
}

async function getMessage(input: PayloadOf<'messages.get'>, ctx: RequestContext): Promise<DataOf<'messages.get'>> {
  const { message, viewer } = await viewerFor(ctx, await store.findMessage(input.id));
  const phoneShown = visiblePhone(message, viewer);
  return {
    ...summaryOf(message, ctx.now, viewer === 'resident' ? undefined : serviceLevels()),
    body: message.body,
    photos: message.photos,
    ...(phoneShown ? { phone: phoneShown } : {}),
    isPublic: message.isPublic,
    thread: visibleEntries(message.thread, ctx.openid, viewer),
    ...(message.satisfaction ? { satisfaction: message.satisfaction } : {}),
    viewer,
    can: allowedSteps(message, viewer),
  };
}

/** Staff see every group; a group's liaison committee member sees the groups they follow. */
async function listOverdue(input: PayloadOf<'messages.overdue'>, ctx: RequestContext): Promise<DataOf<'messages.overdue'>> {
  const staff = await ctx.hasRole('staff');
  const followed = staff ? [] : (await ctx.caller()).liaisonGroupIds;
  ensure(staff || followed.length > 0, 'PERMISSION_DENIED', '只有工作人员和小组联系委员可以查看超期留言');
  ensure(staff || !input.groupId || followed.includes(input.groupId), 'PERMISSION_DENIED', '您不是该小组的联系委员', 'groupId');
  const groupIds = input.groupId ? [input.groupId] : staff ? null : followed;
  const levels = serviceLevels();
  const sentBefore = daysBefore(ctx.now, levels.escalationDays);
  const records = await store.listOverdue(ctx.streetId, sentBefore, groupIds, decodeCursor(input.cursor, messageCursor), rowsFor());
  return pageOf(records, byCreated, (m) => summaryOf(m, ctx.now, levels));
}

async function listWall(input: PayloadOf<'messages.wall'>, ctx: RequestContext): Promise<DataOf<'messages.wall'>> {
  const records = await store.listWall(ctx.streetId, decodeCursor(input.cursor, messageCursor), rowsFor());
  return pageOf(records, (m) => ({ at: m.resolvedAt ?? m.updatedAt, id: m._id }), wallItemOf);
}

// ---- the steps of a conversation

async function reply(input: PayloadOf<'messages.reply'>, ctx: RequestContext): Promise<DataOf<'messages.reply'>> {
  return appendEntry(ctx, { id: input.id, kind: 'reply', body: input.body }, (can) => can.reply, '这条留言当前不能回复');
}

async function transition(input: PayloadOf<'messages.transition'>, ctx: RequestContext): Promise<DataOf<'messages.transition'>> {
  if (input.to === 'forwarded') {
    ensure(input.department, 'INVALID_ARGUMENT', '请填写承办部门', 'department');
    const entry = { id: input.id, kind: 'forward' as const, body: input.note, department: input.department };
    return appendEntry(ctx, entry, (can) => can.forward, '这条留言当前不能转办');
  }
  return appendEntry(ctx, { id: input.id, kind: 'resolve', body: input.note }, (can) => can.resolve, '请先回复或转办后再办结');
}

async function recordAnswer(input: PayloadOf<'messages.recordAnswer'>, ctx: RequestContext): Promise<DataOf<'messages.recordAnswer'>> {
  const entry = { id: input.id, kind: 'department_answer' as const, body: input.body };
  return appendEntry(ctx, entry, (can) => can.answer, '只有已转办的留言可以登记部门答复');
}

async function rate(input: PayloadOf<'messages.rate'>, ctx: RequestContext): Promise<DataOf<'messages.rate'>> {
  const entry = {
    id: input.id,
    kind: 'rating' as const,
    body: input.comment,
    satisfaction: input.satisfaction,
  };
  const { status } = await appendEntry(ctx, entry, (can) => can.rate, '留言办结后才能评价');
  return { status };
}

export const messagesActions: ActionTable<keyof MessagesActions> = {
  'messages.send': { allow: 'anyone', input: sendInput, handle: send },
  'messages.mine': { allow: 'anyone', input: z.strictObject({ status: statusFilter, cursor: cursor() }), handle: listMine },
  'messages.inbox': { allow: ['delegate'], input: z.strictObject({ status: inboxStatusFilter, cursor: cursor() }), handle: listInbox },
  'messages.inboxCounts': { allow: ['delegate'], input: z.strictObject({}), handle: countInbox },
  'messages.get': { allow: 'anyone', input: z.strictObject({ id: id() }), handle: getMessage },
  'messages.reply': {
    allow: 'anyone',
    input: z.strictObject({ id: id(), body: body(TEXT_LIMITS.reply), requestId: retryKey }),
    handle: reply,
  },
  'messages.transition': {
    allow: ['delegate', 'staff'],
    input: z.strictObject({
      id: id(),
      to: z.enum(['forwarded', 'resolved']),
      note: text(1, TEXT_LIMITS.reply).optional(),
      department: text(2, 40).optional(),
      requestId: retryKey,
    }),
    handle: transition,
  },
  'messages.recordAnswer': {
    allow: ['delegate', 'staff'],
    input: z.strictObject({ id: id(), body: body(TEXT_LIMITS.reply), requestId: retryKey }),
    handle: recordAnswer,
  },
  'messages.rate': {
    allow: 'anyone',
    input: z.strictObject({
      id: id(),
      satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']),
      comment: text(1, TEXT_LIMITS.ratingComment).optional(),
      requestId: retryKey,
    }),
    handle: rate,
  },
  'messages.overdue': { allow: 'anyone', input: z.strictObject({ groupId: id().optional(), cursor: cursor() }), handle: listOverdue },
  'messages.wall': { allow: 'anyone', input: z.strictObject({ cursor: cursor() }), handle: listWall },
};

// ---- steps shared by the handlers above

/** Who the caller is to this message, or NOT_FOUND: a guessed id learns nothing, not even that it exists. */
async function viewerFor(ctx: RequestContext, message: MessageRecord | null): Promise<{ message: MessageRecord; viewer: Viewer }> {
  const notFound = () => new AppError('NOT_FOUND', '留言不存在或您无权查看', 'id');
  if (!message || message.streetId !== ctx.streetId) throw notFound();
  // The author needs no lookup of roles; anyone else is read once.
  if (message.residentOpenid === ctx.openid) return { message, viewer: 'resident' };
  const caller = await ctx.caller();
  const viewer = viewerOf(message, { openid: ctx.openid, delegateId: caller.delegateId, isStaff: await ctx.hasRole('staff') });
  if (!viewer) throw notFound();
  return { message, viewer };
}

/**
 * Appends one entry to a message in one command: the entry, its effect on the status, the
 * moderation hold when the text needs review, the notification otherwise. Answers the new status.
 */
async function appendEntry(
  ctx: RequestContext,
  input: { id: string; kind: StoredEntry['kind']; body?: string; department?: string; satisfaction?: Satisfaction },
  permitted: (steps: ReturnType<typeof allowedSteps>, viewer: Viewer) => boolean,
  refusal: string,
): Promise<{ status: MessageStatus; held: boolean }> {
  const verdict = await screenTexts(ctx, [input.body, input.department]);
  const isStaff = await ctx.hasRole('staff');
  const caller = await ctx.caller();
  return runCommand(ctx, async (scope) => {
    const found = await store.getInTx(scope.tx, input.id);
    const viewer =
      found && found.streetId === ctx.streetId ? viewerOf(found, { openid: ctx.openid, delegateId: caller.delegateId, isStaff }) : null;
    ensure(found && viewer, 'NOT_FOUND', '留言不存在或您无权查看', 'id');
    const message = found;
    ensure(permitted(allowedSteps(message, viewer), viewer), 'FAILED_PRECONDITION', refusal);
    ensure(message.thread.length < THREAD_MAX, 'RESOURCE_EXHAUSTED', '这条留言的往来已经很多了，请通过接待日当面沟通');
    const entry: StoredEntry = {
      id: entryId(message._id, message.thread.length),
      kind: input.kind,
      by: viewer === 'resident' ? 'resident' : viewer,
      authorOpenid: ctx.openid,
      ...(input.body ? { body: input.body } : {}),
      ...(input.department ? { department: input.department } : {}),
      ...(input.satisfaction ? { satisfaction: input.satisfaction } : {}),
      ...(verdict === 'review' ? { held: true } : {}),
      at: ctx.now,
    };
    const thread = [...message.thread, entry];
    if (verdict === 'review') {
      await store.updateInTx(scope.tx, message._id, { thread, updatedAt: ctx.now });
      const heldText = [input.department, input.body].filter(Boolean).join('\n');
      await holdForReviewInTx(scope.tx, ctx, { kind: 'entry', subjectId: message._id, entryId: entry.id, text: heldText });
      return { status: message.status, held: true };
    }
    await applyEffect(scope, ctx, message, entry, thread);
    return { status: effectOf(message, entry).change.status ?? message.status, held: false };
  });
}

/** Writes the entry's effect and queues its notification, in the command's transaction. */
async function applyEffect(
  scope: CommandScope,
  ctx: RequestContext,
  message: MessageRecord,
  entry: StoredEntry,
  thread: StoredEntry[],
): Promise<void> {
  const effect = effectOf(message, entry);
  await store.updateInTx(scope.tx, message._id, { ...effect.change, thread, updatedAt: ctx.now });
  if (!effect.notify) return;
  // A notice to the delegate goes to whoever holds the delegate's WeChat now, not to the holder
  // copied at send time (a rebound delegate's messages follow them).
  const addressed =
    effect.notify.to === 'delegate' ? { ...message, delegateOpenid: await currentOpenidInTx(scope.tx, message.delegateId) } : message;
  await scope.notify([notificationFor(addressed, entry, effect.notify, ctx.now)]);
}

// ---- moderation: approval makes held text count as if it had passed at once; rejection leaves a trace for its author

registerModerationSubject('message', {
  async approve(scope, record, ctx) {
    const message = await store.getInTx(scope.tx, record.subjectId);
    if (!message || message.status !== 'held') return;
    await store.updateInTx(scope.tx, message._id, { status: 'pending', updatedAt: ctx.now });
    const delegateOpenid = await currentOpenidInTx(scope.tx, message.delegateId);
    await scope.notify([newMessageNotification({ ...message, delegateOpenid }, ctx.now)]);
  },
  async reject(tx, record, ctx) {
    await store.updateInTx(tx, record.subjectId, { status: 'rejected', updatedAt: ctx.now });
  },
});

registerModerationSubject('entry', {
  async approve(scope, record, ctx) {
    const found = await findHeldEntry(scope.tx, record);
    if (!found) return;
    const { message, index } = found;
    const entry = { ...message.thread[index], held: false };
    const thread = message.thread.map((e, i) => (i === index ? entry : e));
    await applyEffect(scope, ctx, message, entry, thread);
  },
  async reject(tx, record, ctx) {
    const found = await findHeldEntry(tx, record);
    if (!found) return;
    // Kept (ids stay unique), shown only to its author and staff as refused.
    const thread = found.message.thread.map((e, i) => (i === found.index ? { ...e, held: false, rejected: true } : e));
    await store.updateInTx(tx, found.message._id, { thread, updatedAt: ctx.now });
  },
});

async function findHeldEntry(tx: Transaction, record: ModerationRecord) {
  const message = await store.getInTx(tx, record.subjectId);
  const index = message ? message.thread.findIndex((e) => e.id === record.entryId && e.held) : -1;
  return message && index >= 0 ? { message, index } : null;
}

// ---- the timer: service levels

const SWEEP_LIMIT = 200;

/** Remind the delegate once after the reminder time; close resolved messages left unrated. */
export const messageSweep: TimerJob = {
  name: 'messages.serviceLevels',
  async run(ctx) {
    const levels = serviceLevels();
    const found = await store.findAwaitingReminder(daysBefore(ctx.now, levels.reminderDays), SWEEP_LIMIT);
    // Reminders go to whoever holds the delegate's WeChat now. A message whose delegate nobody holds
    // is not marked: it is reminded once someone binds.
    const holders = await currentOpenids(found.map((m) => m.delegateId));
    const waiting = found.filter((m) => holders.has(m.delegateId)).map((m) => ({ ...m, delegateOpenid: holders.get(m.delegateId)! }));
    // Many records at once, each inserted on its own (no transaction); the dedupe key makes a
    // reminder unique even if marking below fails and the next run sees the message again.
    const queued = await queueNotifications(
      ctx,
      waiting.map((m) => reminderNotification(m, ctx.now)),
    );
    let reminded = 0;
    for (const m of waiting) if (await store.markReminded(m._id, ctx.now)) reminded++;
    await deliverAfterCommit(ctx, queued);
    const resolved = await store.findResolvedBefore(daysBefore(ctx.now, levels.autoCloseDays), SWEEP_LIMIT);
    let closed = 0;
    for (const m of resolved) if (isDueForAutoClose(m, ctx.now, levels) && (await store.closeIfStillResolved(m._id, ctx.now))) closed++;
    return { reminded, closed };
  },
};

export const messagesTimerJobs: TimerJob[] = [messageSweep];
