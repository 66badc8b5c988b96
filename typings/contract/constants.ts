// Values both sides of the contract must agree on, declared once. The function imports this file;
// the mini-program cannot reach outside its own root at run time, so the build copies it verbatim to
// miniprogram/generated/contract.ts (scripts/generate.mjs). Keep it free of imports for that reason.

/** Message categories, in the order the compose page offers them. */
export const MESSAGE_CATEGORIES = ['交通出行', '教育', '医疗卫生', '环境卫生', '安全生产', '社区治理', '其他'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];

/** Longest texts people may write, in characters as a person counts them; the server enforces them. */
export const TEXT_LIMITS = {
  messageTitle: 40,
  messageBody: 1000,
  reply: 1000,
  ratingComment: 200,
} as const;

/** Photos attached to one message. */
export const PHOTOS_MAX = 6;

/** Subscribe-message templates, by the key the code speaks of; template ids live in configuration. */
export const TEMPLATE_KEYS = ['newMessage', 'messageUpdate', 'reminder', 'voteResult'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** Rows in one page of every paginated list. */
export const PAGE_SIZE = 20;

/**
 * Writes that take a client `requestId` (8–64 of A–Z a–z 0–9 _ -): the client makes one per attempt
 * of a person's action and sends the same one again when no answer came; the server answers a repeat
 * with the first answer and writes nothing more.
 */
export const RETRYABLE_ACTIONS = [
  'me.update',
  'delegates.bind',
  'receptions.register',
  'messages.send',
  'messages.reply',
  'messages.transition',
  'messages.recordAnswer',
  'messages.rate',
  'admin.staff.grant',
  'admin.staff.revoke',
  'admin.groups.create',
  'admin.groups.update',
  'admin.stations.create',
  'admin.stations.update',
  'admin.delegates.update',
  'admin.delegates.unbind',
  'admin.receptions.create',
  'admin.campaigns.create',
  'admin.campaigns.update',
  'admin.campaigns.open',
  'admin.campaigns.select',
  'admin.moderation.approve',
  'admin.moderation.reject',
] as const;

/** Writes a client never repeats by itself: a repeat would count twice or issue a second secret. */
export const SEND_ONCE_ACTIONS = [
  'subscriptions.record',
  'admin.delegates.create',
  'admin.delegates.reissueCode',
  'admin.campaigns.close',
  'admin.campaigns.publish',
] as const;
