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
