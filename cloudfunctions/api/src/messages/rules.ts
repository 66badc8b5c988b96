import { createHash } from 'node:crypto';
import type {
  MessageCategory,
  MessageStatus,
  MessageSummary,
  ResponseStats,
  Satisfaction,
  ThreadEntry,
  ThreadEntryKind,
  WallItem,
  WallStatus,
} from '../../../../typings/contract';
import type { NotificationRequest, OutboxRecord } from '../notify/rules';
import { envNumber } from '../app/config';
import { DAY_MS, HOUR_MS, shanghai } from '../platform/time';

// Pure decisions of the 代表连线 loop: who may do what to a message, what a step changes, what is
// overdue, what the statistics say. No I/O here.

/** Embedded thread stays one document read; a conversation this long belongs in a meeting. */
export const THREAD_MAX = 100;
export const STATS_MIN_SAMPLE = 10;

export interface StoredEntry {
  id: string;
  kind: ThreadEntryKind;
  by: 'resident' | 'delegate' | 'staff' | 'system';
  authorOpenid?: string;
  body?: string;
  department?: string;
  satisfaction?: Satisfaction;
  held?: boolean;
  /** Refused in review: never takes effect. */
  rejected?: boolean;
  /** A rating whose comment waits for review: the rating took effect, the comment is hidden from others. */
  commentHeld?: boolean;
  commentRejected?: boolean;
  /** Approved after the message had moved on, so its step was not applied. */
  superseded?: boolean;
  at: Date;
  /** The write's key (caller, action, requestId) and its first answer: a repeat is answered from here. */
  requestKey?: string;
  answer?: { status: MessageStatus; held: boolean };
}

export interface MessageRecord {
  _id: string;
  streetId: string;
  residentOpenid: string;
  delegateId: string;
  delegateName: string;
  /** Whom to notify; empty while the delegate record is not bound to anyone. */
  delegateOpenid: string;
  groupId: string;
  /** The delegate's station: the directory counts a station's messages by it. */
  stationId?: string;
  category: MessageCategory;
  title: string;
  body: string;
  photos: string[];
  /** Photos waiting for WeChat's image check (moderation/screening.ts screenPhotos): shown to others once passed. */
  photosHeld?: string[];
  /** Photos the check refused: shown to staff only. */
  photosRefused?: string[];
  phone?: string;
  isPublic: boolean;
  /** Only on public messages: where it stands on the wall (staff's side; `isPublic` is the resident's). */
  wall?: WallStatus;
  wallReason?: string;
  status: MessageStatus;
  thread: StoredEntry[];
  createdAt: Date;
  updatedAt: Date;
  /** When it reached the delegate: sent, or approved after review (the service level counts from here). */
  deliveredAt?: Date;
  /** Since when the delegate owes a response: delivery, or a 不满意 that sent it back. Reminders count from here. */
  waitingSince?: Date;
  firstResponseAt?: Date;
  /** Removed when a 不满意 reopens it: it no longer counts as resolved. */
  resolvedAt?: Date;
  closedAt?: Date;
  satisfaction?: Satisfaction;
  /** The reminder of the current wait (removed on a reopen, so the new wait is reminded too). */
  reminderSentAt?: Date;
  /** Notices written with the message, until sent (notify/outbox.ts carriedNotices). */
  notices?: Record<string, OutboxRecord>;
  /** When the timer takes back notices whose send never reported. */
  noticeDueAt?: Date;
}

export interface ServiceLevels {
  dailyLimit: number;
  /** Replies and follow-ups a person may write a day, over all messages. */
  replyDailyLimit: number;
  /** Ratings a person may give a day. */
  rateDailyLimit: number;
  reminderDays: number;
  escalationDays: number;
  autoCloseDays: number;
}

/** Service levels from the function's configuration (docs/architecture.md#data-rules). */
export function serviceLevels(): ServiceLevels {
  return {
    dailyLimit: envNumber('MESSAGE_DAILY_LIMIT', 5),
    replyDailyLimit: envNumber('REPLY_DAILY_LIMIT', 60),
    rateDailyLimit: envNumber('RATE_DAILY_LIMIT', 10),
    reminderDays: envNumber('MESSAGE_REMINDER_DAYS', 3),
    escalationDays: envNumber('MESSAGE_ESCALATION_DAYS', 7),
    autoCloseDays: envNumber('MESSAGE_AUTO_CLOSE_DAYS', 7),
  };
}

/** The same resident and requestId always name the same message, so a retry finds the first one. */
export function messageId(openid: string, requestId: string): string {
  return createHash('sha256').update(`${openid}:${requestId}`).digest('hex').slice(0, 24);
}

export function entryId(messageIdValue: string, index: number): string {
  return `${messageIdValue.slice(0, 8)}${String(index).padStart(3, '0')}`;
}

/** `liaison`: the liaison committee member of the message's group, who follows its backlog and only reads. */
export type Viewer = 'resident' | 'delegate' | 'staff' | 'liaison';

/**
 * The resident who wrote it, the delegate it is addressed to, staff of its street, the liaison of its
 * delegate's group (read-only, phone masked; not what waits in review): nobody else.
 */
export function viewerOf(
  message: MessageRecord,
  caller: { openid: string; delegateId?: string; isStaff: boolean; liaisonGroupIds?: string[] },
): Viewer | null {
  if (message.residentOpenid === caller.openid) return 'resident';
  const reviewed = message.status !== 'held' && message.status !== 'rejected';
  if (caller.delegateId && message.delegateId === caller.delegateId && reviewed) return 'delegate';
  if (caller.isStaff) return 'staff';
  if (reviewed && message.groupId && caller.liaisonGroupIds?.includes(message.groupId)) return 'liaison';
  return null;
}

/** 138****5678: enough to recognise, not enough to call. */
/** 138****5678 for a mobile; a landline keeps its area code: 0519****2301. */
export function maskPhone(phone: string): string {
  if (phone.startsWith('0') && phone.length >= 10) return `${phone.slice(0, phone.length - 8)}****${phone.slice(-4)}`;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function visiblePhone(message: MessageRecord, viewer: Viewer): string | undefined {
  if (!message.phone) return undefined;
  return viewer === 'staff' || viewer === 'liaison' ? maskPhone(message.phone) : message.phone;
}

const OPEN: MessageStatus[] = ['pending', 'replied', 'forwarded'];

const reopened = (message: MessageRecord) => message.status === 'pending' && message.satisfaction === 'dissatisfied';

export function allowedSteps(message: MessageRecord, viewer: Viewer) {
  const handler = viewer === 'delegate' || viewer === 'staff';
  const open = OPEN.includes(message.status);
  return {
    reply: open && (viewer === 'delegate' || viewer === 'resident'),
    forward: handler && open,
    answer: handler && message.status === 'forwarded',
    // A message sent back by 不满意 waits for the delegate, who may resolve it again once handled.
    resolve: handler && (message.status === 'replied' || message.status === 'forwarded' || reopened(message)),
    rate: viewer === 'resident' && message.status === 'resolved',
  };
}

/** The step each kind of entry is; a held entry is applied on approval only if that step is still allowed. */
const STEP_OF: Partial<Record<ThreadEntryKind, keyof ReturnType<typeof allowedSteps>>> = {
  reply: 'reply',
  forward: 'forward',
  department_answer: 'answer',
  resolve: 'resolve',
  rating: 'rate',
};

/**
 * Whether a held entry, approved now, may still take its step: a 转办 held while the message was
 * closed meanwhile would reopen it. Review never rewinds a message; the text shows, the step does not apply.
 */
export function stepStillAllowed(message: MessageRecord, entry: StoredEntry): boolean {
  const step = STEP_OF[entry.kind];
  if (!step || entry.by === 'system') return false;
  return allowedSteps(message, entry.by)[step];
}

/** What a delegate's reply does: the first response moves it out of 待回复. */
export function statusAfterDelegateReply(status: MessageStatus): MessageStatus {
  return status === 'pending' ? 'replied' : status;
}

/** 不满意 sends it back to the delegate, waiting for a response again; otherwise the rating closes it. */
export function statusAfterRating(satisfaction: Satisfaction): MessageStatus {
  return satisfaction === 'dissatisfied' ? 'pending' : 'closed';
}

/** Since when the delegate owes a response (messages written before `waitingSince` existed: since sent). */
export const waitingSinceOf = (message: Pick<MessageRecord, 'createdAt' | 'waitingSince'>): Date =>
  message.waitingSince ?? message.createdAt;

export function waitingDays(message: Pick<MessageRecord, 'createdAt' | 'waitingSince'>, at: Date): number {
  return Math.floor((at.getTime() - waitingSinceOf(message).getTime()) / DAY_MS);
}

export function isDueForReminder(message: MessageRecord, at: Date, levels: ServiceLevels): boolean {
  return message.status === 'pending' && !message.reminderSentAt && waitingDays(message, at) >= levels.reminderDays;
}

export function isDueForAutoClose(message: MessageRecord, at: Date, levels: ServiceLevels): boolean {
  // A rating always moves a message out of 'resolved', so still resolved means not rated since.
  return (
    message.status === 'resolved' && !!message.resolvedAt && at.getTime() - message.resolvedAt.getTime() >= levels.autoCloseDays * DAY_MS
  );
}

/** Entries a viewer may see: held and refused ones only by their author and staff. */
export function visibleEntries(entries: StoredEntry[], viewerOpenid: string, viewer: Viewer): ThreadEntry[] {
  const privileged = (e: StoredEntry) => viewer === 'staff' || e.authorOpenid === viewerOpenid;
  return entries
    .filter((e) => !(e.held || e.rejected) || privileged(e))
    .map((e) => {
      // A rating's held or refused comment: the rating shows to everyone, the text only to its author and staff.
      const commentHidden = (e.commentHeld || e.commentRejected) && !privileged(e);
      return {
        id: e.id,
        kind: e.kind,
        by: e.by,
        ...(e.body !== undefined && !commentHidden ? { body: e.body } : {}),
        ...(e.department ? { department: e.department } : {}),
        ...(e.satisfaction ? { satisfaction: e.satisfaction } : {}),
        ...(e.held ? { held: true } : {}),
        ...(e.rejected ? { rejected: true } : {}),
        ...(e.commentHeld && !commentHidden ? { commentHeld: true } : {}),
        ...(e.commentRejected && !commentHidden ? { commentRejected: true } : {}),
        ...(e.superseded ? { superseded: true } : {}),
        at: e.at.toISOString(),
      };
    });
}

export interface StepEffect {
  change: Partial<
    Pick<MessageRecord, 'status' | 'firstResponseAt' | 'resolvedAt' | 'closedAt' | 'satisfaction' | 'waitingSince' | 'reminderSentAt'>
  >;
  /** Who hears about it, and in which words; null when nobody needs to. */
  notify: { to: 'resident' | 'delegate'; state: string; hint: string } | null;
}

/** What a (visible) thread entry does to its message: the one place the loop's transitions live. */
export function effectOf(message: MessageRecord, entry: StoredEntry): StepEffect {
  // The delegate's first response: a 转办 by staff answers for the office, not for the delegate.
  const firstResponse = message.firstResponseAt || entry.by !== 'delegate' ? {} : { firstResponseAt: entry.at };
  switch (entry.kind) {
    case 'reply':
      return entry.by === 'resident'
        ? { change: {}, notify: followUpNotifies(message) ? { to: 'delegate', state: '新追问', hint: '留言人补充了内容，请查看' } : null }
        : {
            change: { status: statusAfterDelegateReply(message.status), ...firstResponse },
            notify: { to: 'resident', state: '已回复', hint: '代表回复了您的留言' },
          };
    case 'forward':
      return {
        change: { status: 'forwarded', ...firstResponse },
        notify: { to: 'resident', state: '已转办', hint: `已转交${entry.department ?? '相关部门'}办理` },
      };
    case 'department_answer':
      return { change: {}, notify: { to: 'resident', state: '部门答复', hint: '承办部门已答复，请查看' } };
    case 'resolve':
      return {
        change: { status: 'resolved', resolvedAt: entry.at },
        notify: { to: 'resident', state: '已办结', hint: '请对办理结果进行评价' },
      };
    case 'rating': {
      const status = statusAfterRating(entry.satisfaction!);
      return status === 'closed'
        ? { change: { status, satisfaction: entry.satisfaction, closedAt: entry.at }, notify: null }
        : {
            // Reopened: waiting for the delegate again (reminded as a new message is), and no longer resolved.
            change: { status, satisfaction: entry.satisfaction, waitingSince: entry.at, reminderSentAt: undefined, resolvedAt: undefined },
            notify: { to: 'delegate', state: '不满意', hint: '留言人对结果不满意，请继续办理' },
          };
    }
    default:
      return { change: {}, notify: null };
  }
}

/**
 * A resident's follow-up tells the delegate only when the delegate has answered since the resident last
 * wrote: a run of follow-ups costs the delegate one subscription credit, not one each (the delegate's
 * unanswered notice already brings them to the thread).
 */
export function followUpNotifies(message: MessageRecord): boolean {
  const last = [...message.thread].reverse().find((e) => !e.held && !e.rejected);
  return Boolean(last && last.by !== 'resident');
}

// ---- what people are told and shown

export const threadPage = (viewer: 'resident' | 'delegate', idValue: string) => `packages/${viewer}/thread/thread?id=${idValue}`;

export function notificationFor(
  message: MessageRecord,
  entry: StoredEntry,
  notify: NonNullable<ReturnType<typeof effectOf>['notify']>,
  at: Date,
): NotificationRequest {
  const toDelegate = notify.to === 'delegate';
  return {
    kind: `message.${entry.kind}`,
    recipient: toDelegate ? message.delegateOpenid : message.residentOpenid,
    templateKey: toDelegate ? 'newMessage' : 'messageUpdate',
    content: { subject: message.title, state: notify.state, at, hint: notify.hint },
    page: threadPage(notify.to, message._id),
    dedupeKey: `message:${message._id}:${entry.id}`,
  };
}

export function newMessageNotification(message: MessageRecord, at: Date): NotificationRequest {
  return {
    kind: 'message.new',
    recipient: message.delegateOpenid,
    templateKey: 'newMessage',
    content: { subject: message.title, state: '待回复', at, hint: `${message.category}·请及时回复` },
    page: threadPage('delegate', message._id),
    dedupeKey: `message:${message._id}:new`,
  };
}

/** The one reminder a delegate gets for a message still waiting for its first reply. */
export function reminderNotification(m: MessageRecord, at: Date): NotificationRequest {
  return {
    kind: 'message.reminder',
    recipient: m.delegateOpenid,
    templateKey: 'reminder',
    content: { subject: m.title, state: '待回复', at: waitingSinceOf(m), hint: `已等待${waitingDays(m, at)}天，请尽快回复` },
    page: threadPage('delegate', m._id),
    // One reminder per wait: a message sent back by 不满意 waits, and is reminded, again.
    dedupeKey: m.waitingSince ? `message:${m._id}:reminder:${m.waitingSince.getTime()}` : `message:${m._id}:reminder`,
    streetId: m.streetId,
  };
}

export function summaryOf(message: MessageRecord, at: Date, levels?: ServiceLevels): MessageSummary {
  const days = waitingDays(message, at);
  return {
    id: message._id,
    category: message.category,
    title: message.title,
    status: message.status,
    delegateId: message.delegateId,
    delegateName: message.delegateName,
    createdAt: message.createdAt.toISOString(),
    updatedAt: message.updatedAt.toISOString(),
    ...(levels && message.status === 'pending' && days >= levels.reminderDays ? { waitingDays: days } : {}),
  };
}

/** Where a message starts on the wall: nowhere unless public; waiting for staff when the street reviews first. */
export function wallAtSend(isPublic: boolean, env: NodeJS.ProcessEnv = process.env): WallStatus | undefined {
  if (!isPublic) return undefined;
  return env.WALL_REVIEW === 'on' ? 'pending' : 'shown';
}

/** A public wall row: what was asked and answered, never who asked. */
export function wallItemOf(m: MessageRecord): WallItem {
  const answer = [...m.thread]
    .reverse()
    .find(
      (e) =>
        !e.held &&
        !e.rejected &&
        e.by !== 'resident' &&
        e.body &&
        (e.kind === 'reply' || e.kind === 'department_answer' || e.kind === 'resolve'),
    );
  return {
    id: m._id,
    category: m.category,
    title: m.title,
    body: m.body,
    delegateName: m.delegateName,
    ...(answer?.body ? { answer: answer.body } : {}),
    resolvedAt: (m.resolvedAt ?? m.updatedAt).toISOString(),
  };
}

// ---- what a message counts for in the street's public figures (stats/rules.ts)

const RESOLVED_STATUSES: MessageStatus[] = ['resolved', 'closed'];
const FIGURE_VISIBLE: MessageStatus[] = ['pending', 'replied', 'forwarded', 'resolved', 'closed'];

/**
 * The counters one message adds to `figures/<street>`: its year's totals (by the Shanghai year it was
 * sent), its month's collected and resolved, its station's, and its delegate's response figures.
 * A held or refused message counts for nothing. A write adds `countsDelta(before, after)`.
 */
export function figuresOf(m: MessageRecord, slaDays: number): Record<string, number> {
  if (!FIGURE_VISIBLE.includes(m.status)) return {};
  const sent = shanghai(m.createdAt);
  const year = `years.${sent.format('YYYY')}`;
  const month = `months.${sent.format('YYYY-MM')}`;
  const delegate = `delegates.${m.delegateId}`;
  const out: Record<string, number> = {};
  const add = (path: string) => (out[path] = 1);
  const content = m.satisfaction && m.satisfaction !== 'dissatisfied';
  add(`${year}.collected`);
  if (m.firstResponseAt) add(`${year}.replied`);
  if (m.resolvedAt) add(`${year}.resolved`);
  if (m.satisfaction) add(`${year}.rated`);
  if (content) add(`${year}.content`);
  for (const place of m.stationId ? [month, `${month}.stations.${m.stationId}`] : [month]) {
    add(`${place}.collected`);
    if (RESOLVED_STATUSES.includes(m.status)) add(`${place}.resolved`);
  }
  add(`${delegate}.received`);
  if (m.firstResponseAt) {
    // Counted from when it reached the delegate: time held for review is not the delegate's.
    const hours = (m.firstResponseAt.getTime() - (m.deliveredAt ?? m.createdAt).getTime()) / HOUR_MS;
    add(`${delegate}.replied`);
    if (hours <= slaDays * 24) add(`${delegate}.withinSla`);
    add(`${delegate}.h${Math.min(Math.max(0, Math.floor(hours)), FIGURE_HOUR_BUCKETS - 1)}`);
  }
  if (m.satisfaction) add(`${delegate}.rated`);
  if (content) add(`${delegate}.content`);
  return out;
}

/** Hours to a first reply are counted per hour up to 60 days; later ones share the last bucket. */
export const FIGURE_HOUR_BUCKETS = 24 * 60;

/** The photos a viewer sees: others see only passed ones; the author also those still checked; staff all. */
export function visiblePhotos(m: Pick<MessageRecord, 'photos' | 'photosHeld' | 'photosRefused'>, viewer: Viewer): string[] {
  const held = new Set(m.photosHeld ?? []);
  const refused = new Set(m.photosRefused ?? []);
  if (viewer === 'staff') return m.photos;
  if (viewer === 'resident') return m.photos.filter((p) => !refused.has(p));
  return m.photos.filter((p) => !held.has(p) && !refused.has(p));
}

/** For the author and staff: what the image check still holds, and what it refused. */
export function photoReviewOf(m: Pick<MessageRecord, 'photosHeld' | 'photosRefused'>, viewer: Viewer) {
  const waiting = m.photosHeld?.length ?? 0;
  const refused = m.photosRefused?.length ?? 0;
  return (viewer === 'resident' || viewer === 'staff') && (waiting || refused) ? { photoReview: { waiting, refused } } : {};
}
