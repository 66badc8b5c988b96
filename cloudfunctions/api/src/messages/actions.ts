import { z } from 'zod';
import type { MessagesActions, MessageStatus, MessageSummary, Satisfaction } from '../../../../typings/contract';
import type { ActionDefinition, ActionTable, TimerJob } from '../app/actions';
import { envNumber } from '../app/config';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { cursor, id, phone, requestId, text } from '../app/validation';
import { holdForReview, registerModerationSubject, screenTexts } from '../moderation/actions';
import type { ModerationRecord } from '../moderation/rules';
import { deliverQueued, queueNotifications, type NotificationRequest } from '../notify/actions';
import type { OutboxRecord } from '../notify/rules';
import { inTransaction, type Transaction } from '../platform/db';
import { findDelegateForMessaging } from '../directory/actions';
import {
  allowedSteps, BODY_MAX, decodeCursor, DAY_MS, effectOf, encodeCursor, entryId, isDueForAutoClose, MESSAGE_CATEGORIES, messageId,
  newMessageNotification, notificationFor, PHOTOS_MAX, reminderNotification, REPLY_MAX, responseStats, shanghaiDay, shanghaiYearStart,
  summaryOf, THREAD_MAX, TITLE_MAX, viewerOf, visibleEntries, visiblePhone, wallItemOf,
  type MessageRecord, type ServiceLevels, type StoredEntry, type Viewer,
} from './rules';
import * as store from './store';

const PAGE_SIZE = 20;

export function serviceLevels(): ServiceLevels {
  return {
    dailyLimit: envNumber('MESSAGE_DAILY_LIMIT', 5),
    reminderDays: envNumber('MESSAGE_REMINDER_DAYS', 3),
    escalationDays: envNumber('MESSAGE_ESCALATION_DAYS', 7),
    autoCloseDays: envNumber('MESSAGE_AUTO_CLOSE_DAYS', 7),
  };
}

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
 * Appends one entry to a message in one transaction: the entry, its effect on the status, the
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
  const { result, queued } = await inTransaction(async (tx) => {
    const found = await store.getInTx(tx, input.id);
    const viewer = found && found.streetId === ctx.streetId ? viewerOf(found, { openid: ctx.openid, delegateId: caller.delegateId, isStaff }) : null;
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
      await store.updateInTx(tx, message._id, { thread, updatedAt: ctx.now });
      await holdForReview(tx, ctx, { kind: 'entry', subjectId: message._id, entryId: entry.id, text: [input.department, input.body].filter(Boolean).join('\n') });
      return { result: { status: message.status, held: true }, queued: [] as OutboxRecord[] };
    }
    const queued = await applyEffect(tx, ctx, message, entry, thread);
    return { result: { status: effectOf(message, entry).change.status ?? message.status, held: false }, queued };
  });
  await deliverQueued(ctx, queued);
  return result;
}

/** Writes the entry's effect and queues its notification, in the caller's transaction. */
async function applyEffect(tx: Transaction, ctx: RequestContext, message: MessageRecord, entry: StoredEntry, thread: StoredEntry[]): Promise<OutboxRecord[]> {
  const effect = effectOf(message, entry);
  await store.updateInTx(tx, message._id, { ...effect.change, thread, updatedAt: ctx.now });
  return effect.notify ? queueNotifications(ctx, [notificationFor(message, entry, effect.notify, ctx.now)], tx) : [];
}

// Approval makes held text count as if it had passed at once; rejection leaves a trace for its author.
registerModerationSubject('message', {
  async approve(tx, record, ctx) {
    const message = await store.getInTx(tx, record.subjectId);
    if (!message || message.status !== 'held') return [];
    await store.updateInTx(tx, message._id, { status: 'pending', updatedAt: ctx.now });
    return queueNotifications(ctx, [newMessageNotification(message, ctx.now)], tx);
  },
  async reject(tx, record, ctx) {
    await store.updateInTx(tx, record.subjectId, { status: 'rejected', updatedAt: ctx.now });
  },
});

registerModerationSubject('entry', {
  async approve(tx, record, ctx) {
    const found = await findHeldEntry(tx, record);
    if (!found) return [];
    const { message, index } = found;
    const entry = { ...message.thread[index], held: false };
    const thread = message.thread.map((e, i) => (i === index ? entry : e));
    return applyEffect(tx, ctx, message, entry, thread);
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

function pageOf<T>(records: MessageRecord[], map: (m: MessageRecord) => T, sortKey: (m: MessageRecord) => Date = (m) => m.createdAt) {
  const last = records[records.length - 1];
  return { items: records.map(map), nextCursor: records.length === PAGE_SIZE && last ? encodeCursor(sortKey(last), last._id) : null };
}

function afterOf(value: string | undefined) {
  if (!value) return null;
  const after = decodeCursor(value);
  ensure(after, 'INVALID_ARGUMENT', '分页参数无效，请刷新后重试', 'cursor');
  return after;
}

const statusFilter = z.enum(['held', 'rejected', 'pending', 'replied', 'forwarded', 'resolved', 'closed']).optional();
/** A delegate never sees what is held in review or was refused. */
const inboxStatusFilter = z.enum(['pending', 'replied', 'forwarded', 'resolved', 'closed']).optional();
const body = (max: number) => text(1, max);

const send: ActionDefinition<'messages.send'> = {
  allow: 'anyone',
  input: z.strictObject({
    delegateId: id(),
    category: z.enum(MESSAGE_CATEGORIES),
    title: text(2, TITLE_MAX),
    body: body(BODY_MAX),
    photos: z.array(z.string().max(512).regex(/^cloud:\/\/\S+$/)).max(PHOTOS_MAX).optional(),
    phone: phone().optional(),
    isPublic: z.boolean().optional(),
    requestId: requestId(),
  }),
  async handle(input, ctx) {
    const levels = serviceLevels();
    const verdict = await screenTexts(ctx, [input.title, input.body]);
    const delegate = await findDelegateForMessaging(ctx, input.delegateId);
    ensure(delegate, 'NOT_FOUND', '该代表不存在', 'delegateId');
    const idValue = messageId(ctx.openid, input.requestId);
    const day = shanghaiDay(ctx.now);
    const { answer, queued } = await inTransaction(async (tx) => {
      const existing = await store.getInTx(tx, idValue);
      if (existing) return { answer: { id: idValue, status: existing.status }, queued: [] as OutboxRecord[] };
      const sentToday = await store.sendsTodayInTx(tx, ctx.openid, day);
      ensure(sentToday < levels.dailyLimit, 'RESOURCE_EXHAUSTED', `每人每天最多发送 ${levels.dailyLimit} 条留言，今天的次数已用完，请明天再来`);
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
      if (verdict === 'review') {
        await holdForReview(tx, ctx, { kind: 'message', subjectId: idValue, text: `${input.title}\n${input.body}` });
        return { answer: { id: idValue, status: message.status }, queued: [] as OutboxRecord[] };
      }
      const queued = await queueNotifications(ctx, [newMessageNotification(message, ctx.now)], tx);
      return { answer: { id: idValue, status: message.status }, queued };
    });
    await deliverQueued(ctx, queued);
    return answer;
  },
};

export const messagesActions: ActionTable<keyof MessagesActions> = {
  'messages.send': send,
  'messages.mine': {
    allow: 'anyone',
    input: z.strictObject({ status: statusFilter, cursor: cursor() }),
    async handle(input, ctx) {
      const records = await store.listByResident(ctx.streetId, ctx.openid, input.status, afterOf(input.cursor), PAGE_SIZE);
      return pageOf(records, (m) => summaryOf(m, ctx.now));
    },
  },
  'messages.inbox': {
    allow: ['delegate'],
    input: z.strictObject({ status: inboxStatusFilter, cursor: cursor() }),
    async handle(input, ctx) {
      const { delegateId } = await ctx.caller();
      const levels = serviceLevels();
      const records = await store.listByDelegate(ctx.streetId, delegateId!, input.status, afterOf(input.cursor), PAGE_SIZE);
      return pageOf(records, (m) => summaryOf(m, ctx.now, levels));
    },
  },
  'messages.inboxCounts': {
    allow: ['delegate'],
    input: z.strictObject({}),
    async handle(_input, ctx) {
      const { delegateId } = await ctx.caller();
      return store.countInbox(ctx.streetId, delegateId!);
    },
  },
  'messages.get': {
    allow: 'anyone',
    input: z.strictObject({ id: id() }),
    async handle(input, ctx) {
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
    },
  },
  'messages.reply': {
    allow: 'anyone',
    input: z.strictObject({ id: id(), body: body(REPLY_MAX) }),
    handle: (input, ctx) => appendEntry(ctx, { id: input.id, kind: 'reply', body: input.body }, (can) => can.reply, '这条留言当前不能回复'),
  },
  'messages.transition': {
    allow: ['delegate', 'staff'],
    input: z.strictObject({
      id: id(),
      to: z.enum(['forwarded', 'resolved']),
      note: text(1, REPLY_MAX).optional(),
      department: text(2, 40).optional(),
    }),
    async handle(input, ctx) {
      if (input.to === 'forwarded') {
        ensure(input.department, 'INVALID_ARGUMENT', '请填写承办部门', 'department');
        return appendEntry(ctx, { id: input.id, kind: 'forward', body: input.note, department: input.department }, (can) => can.forward, '这条留言当前不能转办');
      }
      return appendEntry(ctx, { id: input.id, kind: 'resolve', body: input.note }, (can) => can.resolve, '请先回复或转办后再办结');
    },
  },
  'messages.recordAnswer': {
    allow: ['delegate', 'staff'],
    input: z.strictObject({ id: id(), body: body(REPLY_MAX) }),
    handle: (input, ctx) => appendEntry(ctx, { id: input.id, kind: 'department_answer', body: input.body }, (can) => can.answer, '只有已转办的留言可以登记部门答复'),
  },
  'messages.rate': {
    allow: 'anyone',
    input: z.strictObject({ id: id(), satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']), comment: text(1, 200).optional() }),
    async handle(input, ctx) {
      const { status } = await appendEntry(
        ctx,
        { id: input.id, kind: 'rating', body: input.comment, satisfaction: input.satisfaction },
        (can) => can.rate,
        '留言办结后才能评价',
      );
      return { status };
    },
  },
  'messages.overdue': {
    // Staff see every group; a group's liaison committee member sees the groups they follow.
    allow: 'anyone',
    input: z.strictObject({ groupId: id().optional(), cursor: cursor() }),
    async handle(input, ctx) {
      const staff = await ctx.hasRole('staff');
      const followed = staff ? [] : (await ctx.caller()).liaisonGroupIds;
      ensure(staff || followed.length > 0, 'PERMISSION_DENIED', '只有工作人员和小组联系委员可以查看超期留言');
      ensure(staff || !input.groupId || followed.includes(input.groupId), 'PERMISSION_DENIED', '您不是该小组的联系委员', 'groupId');
      const groupIds = input.groupId ? [input.groupId] : staff ? null : followed;
      const levels = serviceLevels();
      const sentBefore = new Date(ctx.now.getTime() - levels.escalationDays * DAY_MS);
      const records = await store.listOverdue(ctx.streetId, sentBefore, groupIds, afterOf(input.cursor), PAGE_SIZE);
      return pageOf(records, (m) => summaryOf(m, ctx.now, levels));
    },
  },
  'messages.wall': {
    allow: 'anyone',
    input: z.strictObject({ cursor: cursor() }),
    async handle(input, ctx) {
      const records = await store.listWall(ctx.streetId, afterOf(input.cursor), PAGE_SIZE);
      return pageOf(
        records,
        wallItemOf,
        (m) => m.resolvedAt ?? m.updatedAt,
      );
    },
  },
  'delegates.stats': {
    allow: 'anyone',
    input: z.strictObject({ id: id() }),
    async handle(input, ctx) {
      return responseStatsOf(ctx, input.id);
    },
  },
  'stats.summary': {
    allow: 'anyone',
    input: z.strictObject({}),
    async handle(_input, ctx) {
      const { year, start } = shanghaiYearStart(ctx.now);
      const totals = await store.yearTotals(ctx.streetId, start);
      return {
        year,
        collected: totals.collected,
        replied: totals.replied,
        resolved: totals.resolved,
        ...(totals.rated ? { satisfactionRate: Math.round((totals.content / totals.rated) * 1000) / 1000 } : {}),
      };
    },
  },
};

/** A delegate's public response statistics, for the profile page (directory's `delegates.get` may embed them). */
export async function responseStatsOf(ctx: RequestContext, delegateId: string) {
  return responseStats(delegateId, await store.statsSamples(ctx.streetId, delegateId), serviceLevels().reminderDays);
}

const SWEEP_LIMIT = 200;

/** Service levels: remind the delegate once after the reminder time; close resolved messages left unrated. */
export const messageSweep: TimerJob = {
  name: 'messages.serviceLevels',
  async run(ctx) {
    const levels = serviceLevels();
    const waiting = await store.findAwaitingReminder(new Date(ctx.now.getTime() - levels.reminderDays * DAY_MS), SWEEP_LIMIT);
    const reminders: NotificationRequest[] = waiting
      .filter((m) => m.delegateOpenid)
      .map((m) => reminderNotification(m, ctx.now));
    // The dedupe key makes the reminder unique even if marking below fails and the next run sees it again.
    const queued = await queueNotifications(ctx, reminders);
    let reminded = 0;
    for (const m of waiting) if (await store.markReminded(m._id, ctx.now)) reminded++;
    await deliverQueued(ctx, queued);
    const resolved = await store.findResolvedBefore(new Date(ctx.now.getTime() - levels.autoCloseDays * DAY_MS), SWEEP_LIMIT);
    let closed = 0;
    for (const m of resolved) if (isDueForAutoClose(m, ctx.now, levels) && (await store.closeIfStillResolved(m._id, ctx.now))) closed++;
    return { reminded, closed };
  },
};

export const messagesTimerJobs: TimerJob[] = [messageSweep];
