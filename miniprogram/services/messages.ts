import type { MessageCategory, MessageStatus, MessageSummary, MessageThread, Satisfaction, ThreadEntry } from '../../typings/contract';
import { MESSAGE_CATEGORIES, PHOTOS_MAX, TEXT_LIMITS } from '../generated/contract';
import { formatDateTime } from './time';
import { photoSource } from './upload';

// How messages read on screen, shared by the resident's and the delegate's pages.

/** The contract's categories, in the order the compose page offers them. */
export const categories: MessageCategory[] = [...MESSAGE_CATEGORIES];

export const statusLabels: Record<MessageStatus, string> = {
  held: '审核中',
  rejected: '未通过审核',
  pending: '待回复',
  replied: '已回复',
  forwarded: '已转办',
  resolved: '已办结',
  closed: '已关闭',
};

export const satisfactionLabels: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** t-tag themes of the statuses: waiting stands out, done is calm. */
export type TagTheme = 'default' | 'primary' | 'success' | 'warning' | 'danger';
export const statusThemes: Record<MessageStatus, TagTheme> = {
  held: 'default',
  rejected: 'danger',
  pending: 'warning',
  replied: 'primary',
  forwarded: 'primary',
  resolved: 'success',
  closed: 'default',
};

const entryLabels: Record<ThreadEntry['kind'], string> = {
  reply: '回复',
  forward: '转办',
  department_answer: '部门答复',
  resolve: '办结',
  rating: '评价',
  reopen: '重新办理',
  close: '关闭',
};

const authorLabels: Record<ThreadEntry['by'], string> = { resident: '留言人', delegate: '代表', staff: '工委', system: '系统' };

/** What the server accepts (the contract's limits), so a field stops where the server would refuse. */
export const limits = {
  title: TEXT_LIMITS.messageTitle,
  body: TEXT_LIMITS.messageBody,
  reply: TEXT_LIMITS.reply,
  comment: TEXT_LIMITS.ratingComment,
  photos: PHOTOS_MAX,
};

export interface MessageRow {
  id: string;
  title: string;
  meta: string;
  status: MessageStatus;
  statusLabel: string;
  statusTheme: TagTheme;
  overdue: string;
}

export function toRow(message: MessageSummary, who: 'delegate' | 'resident'): MessageRow {
  return {
    id: message.id,
    title: message.title,
    meta: `${message.category} · ${who === 'resident' ? `致${message.delegateName}` : ''} ${formatDateTime(message.createdAt)}`,
    status: message.status,
    statusLabel: statusLabels[message.status],
    statusTheme: statusThemes[message.status],
    overdue: message.waitingDays ? `已等待 ${message.waitingDays} 天` : '',
  };
}

export interface EntryView {
  id: string;
  heading: string;
  body: string;
  time: string;
  held: boolean;
  rejected: boolean;
  /** What review did to this entry, in words, or '' (the note beside its heading). */
  reviewNote: string;
  mine: boolean;
}

/** Only the author and staff are sent these states; others see the entry without its held text. */
function reviewNoteOf(entry: ThreadEntry): string {
  if (entry.held) return '（审核中，对方暂不可见）';
  if (entry.rejected) return '（未通过审核，对方不可见）';
  if (entry.commentHeld) return '（评价已生效，评价内容审核中）';
  if (entry.commentRejected) return '（评价已生效，评价内容未通过审核）';
  if (entry.superseded) return '（审核通过时留言已有新进展，此操作未改变留言状态）';
  return '';
}

export function toEntryView(entry: ThreadEntry, viewer: MessageThread['viewer']): EntryView {
  const what =
    entry.kind === 'rating' && entry.satisfaction
      ? `${entryLabels.rating}：${satisfactionLabels[entry.satisfaction]}`
      : entryLabels[entry.kind];
  const to = entry.department ? ` → ${entry.department}` : '';
  return {
    id: entry.id,
    heading: `${authorLabels[entry.by]} · ${what}${to}`,
    body: entry.body ?? '',
    time: formatDateTime(entry.at),
    held: Boolean(entry.held),
    rejected: Boolean(entry.rejected),
    reviewNote: reviewNoteOf(entry),
    mine: entry.by === viewer,
  };
}

/** A message's way so far, for a readonly vertical t-steps: steps before `current` are done. */
export interface ProgressView {
  steps: { title: string; content: string }[];
  current: number;
}

/**
 * 待回复 → 已回复 → (转办) → 办结: 转办 only when the message was forwarded, since forwarding is
 * optional. A step reached shows when; a message in review has no way yet. After a 不满意 reopens it,
 * the message stands at 待回复 again and the later steps wait.
 */
export function progressOf(message: Pick<MessageThread, 'status' | 'createdAt' | 'thread'>): ProgressView {
  const { status } = message;
  if (status === 'held' || status === 'rejected') return { steps: [], current: 0 };
  const seen = message.thread.filter((entry) => !entry.held && !entry.rejected);
  const latest = (test: (entry: ThreadEntry) => boolean) => [...seen].reverse().find(test);
  const reply = latest((entry) => entry.kind === 'reply' && entry.by !== 'resident');
  const forward = latest((entry) => entry.kind === 'forward');
  const resolve = latest((entry) => entry.kind === 'resolve');
  const steps = [
    { title: '待回复', content: `留言提交于 ${formatDateTime(message.createdAt)}` },
    { title: '已回复', content: reply ? formatDateTime(reply.at) : '' },
    ...(forward
      ? [{ title: '转办', content: `${forward.department ? `${forward.department} · ` : ''}${formatDateTime(forward.at)}` }]
      : []),
    { title: '办结', content: resolve ? formatDateTime(resolve.at) : '' },
  ];
  const at: Record<Exclude<MessageStatus, 'held' | 'rejected'>, number> = {
    pending: 0,
    replied: 1,
    forwarded: forward ? 2 : 1,
    resolved: steps.length,
    closed: steps.length,
  };
  const current = at[status];
  return { steps: steps.map((step, index) => (index <= current ? step : { ...step, content: '' })), current };
}

/** What both thread pages (resident's and delegate's) show of a message; each adds its own line and actions. */
export interface ThreadView {
  title: string;
  statusLabel: string;
  statusTheme: TagTheme;
  progress: ProgressView;
  body: string;
  phone: string;
  photos: string[];
  entries: EntryView[];
}

export function toThreadView(message: MessageThread): ThreadView {
  return {
    title: message.title,
    statusLabel: statusLabels[message.status],
    statusTheme: statusThemes[message.status],
    progress: progressOf(message),
    body: message.body,
    phone: message.phone ?? '',
    photos: message.photos.map(photoSource),
    entries: message.thread.map((entry) => toEntryView(entry, message.viewer)),
  };
}

/** A thread page's data before its message arrives. */
export const EMPTY_THREAD_VIEW: ThreadView = {
  title: '',
  statusLabel: '',
  statusTheme: 'default',
  progress: { steps: [], current: 0 },
  body: '',
  phone: '',
  photos: [],
  entries: [],
};
