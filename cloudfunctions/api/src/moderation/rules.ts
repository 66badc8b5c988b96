import { createHash } from 'node:crypto';
import type { ModerationStatus } from '../../../../typings/contract';

// msgSecCheck v2 answers a suggestion per text; a write is as strict as its worst text.

export type ContentVerdict = 'pass' | 'review' | 'risky';

const SEVERITY: Record<ContentVerdict, number> = { pass: 0, review: 1, risky: 2 };

export function worstVerdict(verdicts: ContentVerdict[]): ContentVerdict {
  return verdicts.reduce<ContentVerdict>((worst, v) => (SEVERITY[v] > SEVERITY[worst] ? v : worst), 'pass');
}

export const CONTENT_REJECTED_MESSAGE = '内容包含不宜发布的信息，请修改后再提交';

export interface ModerationRecord {
  _id: string;
  streetId: string;
  kind: 'message' | 'entry' | 'duty' | 'supervision';
  /** The message id (for an entry, the message holding it), or the duty entry's id. */
  subjectId: string;
  entryId?: string;
  text: string;
  authorOpenid: string;
  status: ModerationStatus;
  createdAt: Date;
  decidedAt?: Date;
  decidedBy?: string;
  reason?: string;
}

export function moderationId(kind: ModerationRecord['kind'], subjectId: string, entryId?: string): string {
  if (kind === 'duty') return `d_${subjectId}`;
  if (kind === 'supervision') return `s_${subjectId}_${entryId}`;
  return kind === 'message' ? `m_${subjectId}` : `e_${subjectId}_${entryId}`;
}

/** Only a pending item can be decided, and only once. */
export function canDecide(record: Pick<ModerationRecord, 'status'> | null): boolean {
  return record?.status === 'pending';
}

/** At most this many characters of the held text are kept for the reviewer's list. */
export const EXCERPT_MAX = 2000;

// ---- photos: only a person's own uploads, each screened by WeChat's asynchronous image check

/**
 * The storage folder a person's photos are uploaded under (`me.get` tells the page): a hash of their
 * openid, so a file ID shown to others names nobody, and nobody can attach a file from another's folder.
 */
export function uploadFolderOf(openid: string): string {
  return `uploads/${createHash('sha256').update(`upload:${openid}`).digest('hex').slice(0, 24)}`;
}

/** A file ID in this person's own upload folder: `cloud://<env>.<bucket>/uploads/<folder>/<name>`. */
export function isOwnUpload(fileId: string, openid: string): boolean {
  const cloudPath = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)?.[1];
  if (!cloudPath || cloudPath.split('/').some((part) => part === '' || part === '.' || part === '..')) return false;
  return cloudPath.startsWith(`${uploadFolderOf(openid)}/`);
}

export const NOT_OWN_PHOTO_MESSAGE = '只能附上您自己刚上传的照片，请重新选择';

/** One image sent to the asynchronous check, until its answer arrives (`_id` is WeChat's trace id). */
export interface MediaCheckRecord {
  _id: string;
  streetId: string;
  kind: 'message';
  subjectId: string;
  fileId: string;
  authorOpenid: string;
  status: 'pending' | 'pass' | 'refused';
  createdAt: Date;
  decidedAt?: Date;
}

/**
 * The answer WeChat pushes to the function (`wxa_media_check`), or null when the event is not one. A
 * client's call always carries `userInfo` (wx.cloud.callFunction adds it), the platform's push never
 * does; and a trace id is known only to the function and WeChat, so a forged answer names no check.
 */
export function mediaCheckAnswerOf(event: unknown): { traceId: string; verdict: ContentVerdict } | null {
  const e = event as { MsgType?: unknown; Event?: unknown; trace_id?: unknown; result?: { suggest?: unknown }; userInfo?: unknown } | null;
  if (typeof e !== 'object' || e === null || e.userInfo !== undefined) return null;
  if (e.MsgType !== 'event' || e.Event !== 'wxa_media_check' || typeof e.trace_id !== 'string' || !e.trace_id) return null;
  const suggest = e.result?.suggest;
  // An answer we do not understand keeps the image from view, as a refusal does.
  return { traceId: e.trace_id, verdict: suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : 'risky' };
}
