import type { ActionSpec, IsoTime, Page, Retryable } from './common';
import type { MessageCategory } from './constants';

/** held: waiting for content review; rejected: refused in review. The rest is the message loop (docs/architecture.md#the-contract). */
export type MessageStatus = 'held' | 'rejected' | 'pending' | 'replied' | 'forwarded' | 'resolved' | 'closed';
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export type ThreadEntryKind = 'reply' | 'forward' | 'department_answer' | 'resolve' | 'rating' | 'reopen' | 'close';

export interface ThreadEntry {
  id: string;
  kind: ThreadEntryKind;
  by: 'resident' | 'delegate' | 'staff' | 'system';
  body?: string;
  department?: string;
  satisfaction?: Satisfaction;
  /** Only the author and staff see an entry waiting for review. */
  held?: boolean;
  /** Refused in review; only the author and staff see it. */
  rejected?: boolean;
  /** A rating counts at once; its comment waits for review (others see the rating without it). */
  commentHeld?: boolean;
  /** The rating's comment was refused in review; others never see it. */
  commentRejected?: boolean;
  /** Approved after the message had moved on: shown, but it changed nothing (a review never rewinds a message). */
  superseded?: boolean;
  at: IsoTime;
}

/** A row of a list (mine, inbox, overdue): no thread, no contact. */
export interface MessageSummary {
  id: string;
  category: MessageCategory;
  title: string;
  status: MessageStatus;
  delegateId: string;
  delegateName: string;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  /** Days since sending without a first response, when overdue. */
  waitingDays?: number;
}

export interface MessageThread extends MessageSummary {
  body: string;
  /**
   * Photos WeChat's image check passed; the author and staff also see those still being checked, and
   * staff those it refused. Delegates and liaisons see a photo only once it passed.
   */
  photos: string[];
  /** For the author and staff: how many photos wait for the image check, and how many it refused. */
  photoReview?: { waiting: number; refused: number };
  /** Full only to the delegate handling the message (and to its author); masked to staff and liaisons. */
  phone?: string;
  isPublic: boolean;
  /** For the author and staff: where a public message stands on the wall. */
  wall?: WallStatus;
  thread: ThreadEntry[];
  satisfaction?: Satisfaction;
  /** `liaison`: the group's liaison committee member, who reads it (phone masked) and cannot act on it. */
  viewer: 'resident' | 'delegate' | 'staff' | 'liaison';
  can: { reply: boolean; forward: boolean; answer: boolean; resolve: boolean; rate: boolean };
}

/**
 * A public message's place on the wall, which staff keep: `pending` waits for staff review (when the
 * street turns review on, WALL_REVIEW=on), `shown` is on the wall, `hidden` was taken down with a reason.
 */
export type WallStatus = 'pending' | 'shown' | 'hidden';

export interface WallItem {
  id: string;
  category: MessageCategory;
  title: string;
  body: string;
  delegateName: string;
  /** The delegate's last reply, the outcome residents most want to see. */
  answer?: string;
  resolvedAt: IsoTime;
}

/** A public message as staff review it for the wall. */
export interface WallReviewItem extends WallItem {
  wall: WallStatus;
  /** Why staff hid it. */
  reason?: string;
}

export interface ResponseStats {
  delegateId: string;
  received: number;
  /** false below 10 messages: the page shows 「样本不足」 instead of figures. */
  sufficient: boolean;
  repliedWithinSla?: number;
  /** Share of received messages answered within the service level, 0..1. */
  repliedWithinSlaRate?: number;
  medianFirstReplyHours?: number;
  /** (satisfied + basically satisfied) / rated, 0..1; absent when nothing is rated. */
  satisfactionRate?: number;
}

export type InboxCounts = Record<'pending' | 'replied' | 'forwarded' | 'resolved' | 'closed', number>;

export interface MessagesActions {
  'messages.send': ActionSpec<
    {
      delegateId: string;
      category: MessageCategory;
      title: string;
      body: string;
      photos?: string[];
      phone?: string;
      isPublic?: boolean;
      requestId: string;
    },
    { id: string; status: MessageStatus }
  >;
  'messages.mine': ActionSpec<{ status?: MessageStatus; cursor?: string }, Page<MessageSummary>>;
  'messages.inbox': ActionSpec<{ status?: Exclude<MessageStatus, 'held' | 'rejected'>; cursor?: string }, Page<MessageSummary>>;
  'messages.inboxCounts': ActionSpec<Record<string, never>, InboxCounts>;
  'messages.get': ActionSpec<{ id: string }, MessageThread>;
  'messages.reply': ActionSpec<{ id: string; body: string } & Retryable, { status: MessageStatus; held: boolean }>;
  'messages.transition': ActionSpec<
    { id: string; to: 'forwarded' | 'resolved'; note?: string; department?: string } & Retryable,
    { status: MessageStatus; held: boolean }
  >;
  /** The department's answer to a forwarded message, recorded by its delegate or staff. */
  'messages.recordAnswer': ActionSpec<{ id: string; body: string } & Retryable, { status: MessageStatus; held: boolean }>;
  'messages.rate': ActionSpec<{ id: string; satisfaction: Satisfaction; comment?: string } & Retryable, { status: MessageStatus }>;
  /** Staff (every group) and group liaisons (the groups they follow): messages waiting beyond the escalation time. */
  'messages.overdue': ActionSpec<{ groupId?: string; cursor?: string }, Page<MessageSummary>>;
  'messages.wall': ActionSpec<{ cursor?: string }, Page<WallItem>>;
  /** The author takes back consent to show the message publicly; it leaves the wall at once. */
  'messages.withdrawPublic': ActionSpec<{ id: string } & Retryable, { isPublic: false }>;
  /** Staff: public messages by their place on the wall, newest first. */
  'admin.wall.list': ActionSpec<{ status?: WallStatus; cursor?: string }, Page<WallReviewItem>>;
  /** Staff take a message off the wall, saying why (audited). */
  'admin.wall.hide': ActionSpec<{ id: string; reason: string } & Retryable, { wall: WallStatus }>;
  /** Staff put a pending or hidden message on the wall (audited). */
  'admin.wall.show': ActionSpec<{ id: string } & Retryable, { wall: WallStatus }>;
}
