import type { ActionSpec, IsoTime } from './common';
import type { TemplateKey } from './constants';

/** A notification WeChat would not take (no subscription credit, or a permanent error): shown as a to-do. */
export interface NotificationTodo {
  id: string;
  templateKey: TemplateKey;
  /** What it was about, in Chinese, e.g. 「您的留言有新回复」. */
  summary: string;
  /** The page the notification would have opened. */
  page: string;
  createdAt: IsoTime;
}

export interface NotifyActions {
  /** Reported after `wx.requestSubscribeMessage`: one credit per accepted key. */
  'subscriptions.record': ActionSpec<{ accepted: TemplateKey[] }, { credits: Partial<Record<TemplateKey, number>> }>;
  /** The caller's undelivered notifications (newest first, at most 20) and how many there are. */
  'notifications.todos': ActionSpec<Record<string, never>, { items: NotificationTodo[]; count: number }>;
  /** The caller has seen a to-do; it leaves the list. */
  'notifications.dismiss': ActionSpec<{ id: string }, { dismissed: boolean }>;
}
