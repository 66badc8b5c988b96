import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { DataOf, MessagesActions, MessageStatus, PayloadOf, Satisfaction } from '../../../../typings/contract';
import { MESSAGE_CATEGORIES, PHOTOS_MAX, TEXT_LIMITS } from '../../../../typings/contract/constants';
import type { ActionTable, TimerJob } from '../app/actions';
import { deliverAfterCommit, runCommand, type CommandScope } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { cursor, id, phone, photoIds, requestId, text } from '../app/validation';
import { currentOpenidInTx, currentOpenids, findDelegateForMessaging } from '../directory/store';
import { oversightOf } from '../identity/oversight';
import type { ModerationRecord } from '../moderation/rules';
import {
  ensureOwnPhotos,
  holdForReviewInTx,
  photoUrls,
  registerModerationSubject,
  screenPhotos,
  screenTexts,
} from '../moderation/screening';
import { carriedNotices, deliverCarried, queueNotifications, requeueCarried } from '../notify/outbox';
import type { NotificationRequest } from '../notify/rules';
import type { Transaction } from '../platform/db';
import { daysBefore, shanghaiDay } from '../platform/time';
import { countsDelta } from '../stats/rules';
import { addCounts, addCountsInTx } from '../stats/store';
import {
  allowedSteps,
  effectOf,
  figuresOf,
  stepStillAllowed,
  entryId,
  isDueForAutoClose,
  messageId,
  newMessageNotification,
  notificationFor,
  photoReviewOf,
  reminderNotification,
  serviceLevels,
  summaryOf,
  THREAD_MAX,
  viewerOf,
  visibleEntries,
  visiblePhotos,
  visiblePhone,
  wallAtSend,
  wallItemOf,
  type MessageRecord,
  type StepEffect,
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
  photos: photoIds(PHOTOS_MAX).optional(),
  phone: phone().optional(),
  isPublic: z.boolean().optional(),
  requestId: requestId(),
});

// ---- a resident writes to a delegate

// The order every write of a text follows (docs/architecture.md#budgets): authorize, then take one of the day's
// allowance, and only then spend a content check (msgSecCheck costs WeChat quota): a random id or a caller over
// the limit costs nothing but the refusal.

async function send(input: PayloadOf<'messages.send'>, ctx: RequestContext): Promise<DataOf<'messages.send'>> {
  const levels = serviceLevels();
  const delegate = await findDelegateForMessaging(ctx.streetId, input.delegateId);
  ensure(delegate, 'NOT_FOUND', '该代表不存在', 'delegateId');
  // The message's id derives from the requestId, so the message itself is the idempotency record, and the
  // day's allowance remembers which ids took it: a repeat takes no second one.
  const idValue = messageId(ctx.openid, ctx.requestId!);
  const photos = input.photos ?? [];
  ensureOwnPhotos(ctx, photos, 'photos');
  const claim = await store.claimDaily('send', ctx, shanghaiDay(ctx.now), levels.dailyLimit, idValue);
  if (claim === 'repeat') {
    const existing = await store.findMessage(idValue);
    // Taken by an attempt that never wrote its message (it failed after the claim): this one writes it.
    if (existing) return { id: idValue, status: existing.status };
  }
  ensure(claim !== 'exhausted', 'RESOURCE_EXHAUSTED', `每人每天最多发送 ${levels.dailyLimit} 条留言，今天的次数已用完，请明天再来`);
  const verdict = await screenTexts(ctx, [input.title, input.body]);
  const urls = await photoUrls(photos, 'photos');
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
    photos,
    // Each photo is held until WeChat's image check passes it (screenPhotos, after the write).
    ...(photos.length ? { photosHeld: photos } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
    isPublic: input.isPublic ?? false,
    ...(input.isPublic ? { wall: wallAtSend(true) } : {}),
    status: verdict === 'review' ? 'held' : 'pending',
    thread: [],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    // Held text reaches the delegate, and starts the service level's clock, only when approved.
    ...(verdict === 'review' ? {} : { deliveredAt: ctx.now, waitingSince: ctx.now }),
  };
  if (verdict === 'review') {
    // Held: the message and its review record, together (rare; a transaction).
    const held = await runCommand(
      ctx,
      async ({ tx }) => {
        const existing = await store.getInTx(tx, idValue);
        if (existing) return { id: idValue, status: existing.status, repeat: true };
        await store.insertInTx(tx, message);
        await holdForReviewInTx(tx, ctx, { kind: 'message', subjectId: idValue, text: `${input.title}\n${input.body}` });
        return { id: idValue, status: message.status, repeat: false };
      },
      { keyedRecord: true },
    );
    if (!held.repeat) await screenPhotos(ctx, { kind: 'message', subjectId: idValue }, photos, urls);
    return { id: held.id, status: held.status };
  }
  // One write: the message with its notice to the delegate.
  const notices = carriedNotices(ctx, [newMessageNotification(message, ctx.now)]);
  if (!(await store.insertNew({ ...message, ...store.noticeFields(notices) }))) {
    const existing = await store.findMessage(idValue);
    return { id: idValue, status: existing?.status ?? message.status };
  }
  await countFigures(ctx, null, message);
  await deliverCarried(ctx, notices, () => store.dropNotices(idValue, notices));
  await screenPhotos(ctx, { kind: 'message', subjectId: idValue }, photos, urls);
  return { id: idValue, status: message.status };
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
    photos: visiblePhotos(message, viewer),
    ...photoReviewOf(message, viewer),
    ...(phoneShown ? { phone: phoneShown } : {}),
    isPublic: message.isPublic,
    ...(message.wall && (viewer === 'resident' || viewer === 'staff') ? { wall: message.wall } : {}),
    thread: visibleEntries(message.thread, ctx.openid, viewer),
    ...(message.satisfaction ? { satisfaction: message.satisfaction } : {}),
    viewer,
    can: allowedSteps(message, viewer),
  };
}

/** Staff see every group; a group's liaison committee member sees the groups they follow. */
async function listOverdue(input: PayloadOf<'messages.overdue'>, ctx: RequestContext): Promise<DataOf<'messages.overdue'>> {
  const { groupIds } = await oversightOf(ctx, input.groupId, '只有工作人员和小组联系委员可以查看超期留言');
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
  const limit = { kind: 'reply' as const, max: serviceLevels().replyDailyLimit, refusal: '今天的回复次数已用完，请明天再来' };
  return appendEntry(ctx, { id: input.id, kind: 'reply', body: input.body }, (can) => can.reply, '这条留言当前不能回复', limit);
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
  const limit = { kind: 'rate' as const, max: serviceLevels().rateDailyLimit, refusal: '今天的评价次数已用完，请明天再来' };
  const { status } = await appendEntry(ctx, entry, (can) => can.rate, '留言办结后才能评价', limit);
  return { status };
}

/** Consent withdrawn: only the author may, and the message leaves the wall in the same write. */
async function withdrawPublic(
  input: PayloadOf<'messages.withdrawPublic'>,
  ctx: RequestContext,
): Promise<DataOf<'messages.withdrawPublic'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const message = await store.getInTx(tx, input.id);
      // Anyone but the author learns nothing, not even that the message exists.
      ensure(
        message && message.streetId === ctx.streetId && message.residentOpenid === ctx.openid,
        'NOT_FOUND',
        '留言不存在或您无权查看',
        'id',
      );
      if (message.isPublic) await store.makePrivateInTx(tx, message._id, ctx.now);
      return { isPublic: false as const };
    },
    { subject: input.id },
  );
}

export const messagesActions: ActionTable<Exclude<keyof MessagesActions, `admin.${string}`>> = {
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
  'messages.withdrawPublic': { allow: 'anyone', input: z.strictObject({ id: id(), requestId: retryKey }), handle: withdrawPublic },
};

// ---- steps shared by the handlers above

/** Who the caller is to this message, or NOT_FOUND: a guessed id learns nothing, not even that it exists. */
async function viewerFor(ctx: RequestContext, message: MessageRecord | null): Promise<{ message: MessageRecord; viewer: Viewer }> {
  const notFound = () => new AppError('NOT_FOUND', '留言不存在或您无权查看', 'id');
  if (!message || message.streetId !== ctx.streetId) throw notFound();
  // The author needs no lookup of roles; anyone else is read once.
  if (message.residentOpenid === ctx.openid) return { message, viewer: 'resident' };
  const caller = await ctx.caller();
  const viewer = viewerOf(message, {
    openid: ctx.openid,
    delegateId: caller.delegateId,
    isStaff: await ctx.hasRole('staff'),
    liaisonGroupIds: caller.liaisonGroupIds,
  });
  if (!viewer) throw notFound();
  return { message, viewer };
}

type EntryInput = { id: string; kind: StoredEntry['kind']; body?: string; department?: string; satisfaction?: Satisfaction };
type EntryAnswer = { status: MessageStatus; held: boolean };
/** Tries of the read-check-write when another write got in between (each try is two requests). */
const WRITE_TRIES = 4;
/** Entries one delegate or staff member may add to one message in a day. */
const ENTRIES_PER_MESSAGE_DAY = 20;

/**
 * Appends one entry to a message: authorize on the message read, take the day's allowance, screen the
 * text, then one conditional write of the entry, its effect and its notice (checked against the version
 * read, so nothing written in between is lost); then the send and one write that settles it. Text held for
 * review goes with its review record in a transaction. A repeat of the same requestId finds its entry in
 * the thread and gets the first answer. Answers the new status.
 */
async function appendEntry(
  ctx: RequestContext,
  input: EntryInput,
  permitted: (steps: ReturnType<typeof allowedSteps>, viewer: Viewer) => boolean,
  refusal: string,
  limit?: { kind: 'reply' | 'rate'; max: number; refusal: string },
): Promise<EntryAnswer> {
  const requestKey = ctx.requestId ? requestKeyOf(ctx, ctx.requestId) : undefined;
  let verdict: 'pass' | 'review' | undefined;
  for (let attempt = 1; ; attempt++) {
    const { message, viewer } = await viewerFor(ctx, await store.findMessage(input.id));
    const earlier = requestKey ? message.thread.find((e) => e.requestKey === requestKey) : undefined;
    if (earlier?.answer) return earlier.answer;
    // A liaison follows the group's backlog and reads; the delegate answers.
    if (viewer === 'liaison') throw new AppError('PERMISSION_DENIED', '联系委员可以查看留言，答复和办理由代表进行', 'id');
    ensure(permitted(allowedSteps(message, viewer), viewer), 'FAILED_PRECONDITION', refusal);
    ensure(message.thread.length < THREAD_MAX, 'RESOURCE_EXHAUSTED', '这条留言的往来已经很多了，请通过接待日当面沟通');
    if (!verdict) {
      if (limit && viewer === 'resident') {
        const claim = await store.claimDaily(limit.kind, ctx, shanghaiDay(ctx.now), limit.max);
        ensure(claim === 'claimed', 'RESOURCE_EXHAUSTED', limit.refusal);
      }
      // Delegates and staff write only on messages given to them: a cap per message and day, from the thread itself.
      if (viewer !== 'resident')
        ensure(entriesToday(ctx, message) < ENTRIES_PER_MESSAGE_DAY, 'RESOURCE_EXHAUSTED', '今天在这条留言上的操作次数已用完，请明天再来');
      verdict = await screenTexts(ctx, [input.body, input.department]);
    }
    const entry = newEntry(ctx, message, viewer, input, verdict, requestKey);
    if (verdict === 'review') return holdEntry(ctx, input, viewer, entry, permitted);
    const effect = effectOf(message, entry);
    const answer = { status: effect.change.status ?? message.status, held: false };
    const notices = carriedNotices(ctx, effect.notify ? [await notificationOf(message, entry, effect.notify, ctx)] : []);
    const change = {
      ...effect.change,
      thread: [...message.thread, { ...entry, answer }],
      updatedAt: ctx.now,
      ...store.noticeFields(notices),
    };
    if (await store.updateIfUnchanged(message, change)) {
      await countFigures(ctx, message, { ...message, ...effect.change });
      await deliverCarried(ctx, notices, () => store.dropNotices(message._id, notices));
      return answer;
    }
    if (attempt >= WRITE_TRIES) throw new AppError('INTERNAL', '操作的人较多，请稍后再试');
  }
}

/** Entries the caller wrote on this message today (Shanghai's day). */
function entriesToday(ctx: RequestContext, message: MessageRecord): number {
  const today = shanghaiDay(ctx.now);
  return message.thread.filter((e) => e.authorOpenid === ctx.openid && shanghaiDay(e.at) === today).length;
}

/**
 * Adds what a write changed in the street's public counters (stats/), right after the write. A failure
 * here is logged, not reported: the write stands, and `admin.stats.rebuild` recomputes the counters.
 */
async function countFigures(ctx: RequestContext, before: MessageRecord | null, after: MessageRecord): Promise<void> {
  const slaDays = serviceLevels().reminderDays;
  try {
    await addCounts(after.streetId, countsDelta(before ? figuresOf(before, slaDays) : {}, figuresOf(after, slaDays)));
  } catch (error) {
    console.error(`[api] ${ctx.action}: counting the public figures failed; admin.stats.rebuild recomputes them`, error);
  }
}

function countsInTx(tx: Transaction, before: MessageRecord, after: MessageRecord): Promise<void> {
  const slaDays = serviceLevels().reminderDays;
  return addCountsInTx(tx, after.streetId, countsDelta(figuresOf(before, slaDays), figuresOf(after, slaDays)));
}

function newEntry(
  ctx: RequestContext,
  message: MessageRecord,
  viewer: Exclude<Viewer, 'liaison'>,
  input: EntryInput,
  verdict: 'pass' | 'review',
  requestKey: string | undefined,
): StoredEntry {
  return {
    id: entryId(message._id, message.thread.length),
    kind: input.kind,
    by: viewer === 'resident' ? 'resident' : viewer,
    authorOpenid: ctx.openid,
    ...(input.body ? { body: input.body } : {}),
    ...(input.department ? { department: input.department } : {}),
    ...(input.satisfaction ? { satisfaction: input.satisfaction } : {}),
    ...(verdict === 'review' ? { held: true } : {}),
    at: ctx.now,
    ...(requestKey ? { requestKey } : {}),
  };
}

/**
 * Held text: the entry and its review record in one transaction, checked again on the locked message.
 * A rating counts at once and only its comment waits: held whole, a 不满意 would be lost to the
 * auto-close of resolved messages before anyone reviewed it.
 */
async function holdEntry(
  ctx: RequestContext,
  input: EntryInput,
  viewer: Viewer,
  planned: StoredEntry,
  permitted: (steps: ReturnType<typeof allowedSteps>, viewer: Viewer) => boolean,
): Promise<EntryAnswer> {
  return runCommand(ctx, async (scope) => {
    const message = await store.getInTx(scope.tx, input.id);
    ensure(message && permitted(allowedSteps(message, viewer), viewer), 'FAILED_PRECONDITION', '这条留言的状态已经变化，请刷新后再试');
    const earlier = planned.requestKey ? message.thread.find((e) => e.requestKey === planned.requestKey) : undefined;
    if (earlier?.answer) return earlier.answer;
    const id = entryId(message._id, message.thread.length);
    const { held: _held, ...rating } = planned;
    const comment: StoredEntry = { ...rating, id, commentHeld: true };
    const answer = {
      status: planned.kind === 'rating' ? (effectOf(message, comment).change.status ?? message.status) : message.status,
      held: true,
    };
    if (planned.kind === 'rating')
      await applyEffect(scope, ctx, message, { ...comment, answer }, [...message.thread, { ...comment, answer }]);
    else await store.updateInTx(scope.tx, message._id, { thread: [...message.thread, { ...planned, id, answer }], updatedAt: ctx.now });
    const heldText = [input.department, input.body].filter(Boolean).join('\n');
    await holdForReviewInTx(scope.tx, ctx, { kind: 'entry', subjectId: message._id, entryId: id, text: heldText });
    return answer;
  });
}

/** A notice to the delegate goes to whoever holds the delegate's WeChat now, not the holder copied at send time. */
async function notificationOf(
  message: MessageRecord,
  entry: StoredEntry,
  notify: NonNullable<StepEffect['notify']>,
  ctx: RequestContext,
): Promise<NotificationRequest> {
  const addressed =
    notify.to === 'delegate'
      ? { ...message, delegateOpenid: (await currentOpenids([message.delegateId])).get(message.delegateId) ?? '' }
      : message;
  return notificationFor(addressed, entry, notify, ctx.now);
}

/** The caller, the action and their key: another person's key, or the same key on another action, is another request. */
function requestKeyOf(ctx: RequestContext, requestId: string): string {
  return createHash('sha256').update(`${ctx.openid}:${ctx.action}:${requestId}`).digest('hex').slice(0, 32);
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
  await countsInTx(scope.tx, message, { ...message, ...effect.change });
  if (!effect.notify) return;
  // A notice to the delegate goes to whoever holds the delegate's WeChat now, not to the holder
  // copied at send time (a rebound delegate's messages follow them).
  const addressed =
    effect.notify.to === 'delegate' ? { ...message, delegateOpenid: await currentOpenidInTx(scope.tx, message.delegateId) } : message;
  await scope.notify([notificationFor(addressed, entry, effect.notify, ctx.now)]);
}

// ---- moderation: approval makes held text count as if it had passed at once; rejection leaves a trace for its author

registerModerationSubject('message', {
  async photoChecked(subjectId, fileId, passed) {
    await store.photoChecked(subjectId, fileId, passed);
  },
  async approve(scope, record, ctx) {
    const message = await store.getInTx(scope.tx, record.subjectId);
    if (!message || message.status !== 'held') return;
    const delivered = { status: 'pending' as const, deliveredAt: ctx.now, waitingSince: ctx.now };
    await store.updateInTx(scope.tx, message._id, { ...delivered, updatedAt: ctx.now });
    await countsInTx(scope.tx, message, { ...message, ...delivered });
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
    const held = message.thread[index];
    const replace = (entry: StoredEntry) => message.thread.map((e, i) => (i === index ? entry : e));
    // A rating's comment: the rating took effect when it was given; now its text shows.
    if (held.commentHeld) {
      await store.updateInTx(scope.tx, message._id, { thread: replace({ ...held, commentHeld: false }), updatedAt: ctx.now });
      return;
    }
    // Re-checked on the message as it is now: approval never rewinds it (a 转办 approved after 办结 reopens nothing).
    if (!stepStillAllowed(message, held)) {
      await store.updateInTx(scope.tx, message._id, { thread: replace({ ...held, held: false, superseded: true }), updatedAt: ctx.now });
      return;
    }
    const entry = { ...held, held: false };
    await applyEffect(scope, ctx, message, entry, replace(entry));
  },
  async reject(tx, record, ctx) {
    const found = await findHeldEntry(tx, record);
    if (!found) return;
    // Kept (ids stay unique), shown only to its author and staff as refused; a refused comment leaves its rating standing.
    const refused = (e: StoredEntry) =>
      e.commentHeld ? { ...e, commentHeld: false, commentRejected: true } : { ...e, held: false, rejected: true };
    const thread = found.message.thread.map((e, i) => (i === found.index ? refused(e) : e));
    await store.updateInTx(tx, found.message._id, { thread, updatedAt: ctx.now });
  },
});

async function findHeldEntry(tx: Transaction, record: ModerationRecord) {
  const message = await store.getInTx(tx, record.subjectId);
  const index = message ? message.thread.findIndex((e) => e.id === record.entryId && (e.held || e.commentHeld)) : -1;
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

/** Notices written with a message whose send never reported back (the instance died): into the outbox. */
export const noticeSweep: TimerJob = {
  name: 'messages.notices',
  async run(ctx) {
    const stale = await store.findStaleNotices(ctx.now, SWEEP_LIMIT);
    let requeued = 0;
    for (const message of stale) {
      requeued += await requeueCarried(ctx, Object.values(message.notices ?? {}));
      await store.clearNotices(message);
    }
    return { messages: stale.length, requeued };
  },
};

export const messagesTimerJobs: TimerJob[] = [messageSweep, noticeSweep];
