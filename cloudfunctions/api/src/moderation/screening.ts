import type { CommandScope } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError } from '../app/errors';
import { checkImageLater, checkText, temporaryUrls } from '../platform/openapi';
import type { Transaction } from '../platform/db';
import {
  CONTENT_REJECTED_MESSAGE,
  EXCERPT_MAX,
  isOwnUpload,
  moderationId,
  NOT_OWN_PHOTO_MESSAGE,
  worstVerdict,
  type ContentVerdict,
  type MediaCheckRecord,
  type ModerationRecord,
} from './rules';
import * as store from './store';

// Content security for every resident- or delegate-written text (docs/architecture.md#moderation).
// A capability screens its texts before its command, holds a `review` verdict in the command's
// transaction, and registers what approval and rejection mean for its records:
//
//   const verdict = await screenTexts(ctx, [title, body]);        // throws CONTENT_REJECTED on risky
//   ... in the command: if (verdict === 'review') await holdForReviewInTx(tx, ctx, { kind, subjectId, text });
//   registerModerationSubject('message', { approve, reject });

export interface ModerationSubject {
  /** Makes the held text count as if it had passed at once, in the staff member's command. */
  approve(scope: CommandScope, record: ModerationRecord, ctx: RequestContext): Promise<void>;
  reject(tx: Transaction, record: ModerationRecord, ctx: RequestContext): Promise<void>;
  /** An image of the record held until WeChat's check answered: shown when it passed, kept from view when not. */
  photoChecked?(subjectId: string, fileId: string, passed: boolean, ctx: RequestContext): Promise<void>;
}

const subjects = new Map<ModerationRecord['kind'], ModerationSubject>();

export function registerModerationSubject(kind: ModerationRecord['kind'], subject: ModerationSubject): void {
  subjects.set(kind, subject);
}

export function moderationSubject(kind: ModerationRecord['kind']): ModerationSubject | undefined {
  return subjects.get(kind);
}

/** 'pass' or 'review'; a risky text is refused here, before anything is written. */
export async function screenTexts(ctx: RequestContext, texts: (string | undefined)[]): Promise<Exclude<ContentVerdict, 'risky'>> {
  const present = texts.filter((t): t is string => Boolean(t && t.trim()));
  const verdicts = await Promise.all(present.map((content) => checkWithRetry(ctx.openid, content)));
  const worst = worstVerdict(verdicts);
  if (worst === 'risky') throw new AppError('CONTENT_REJECTED', CONTENT_REJECTED_MESSAGE);
  return worst;
}

const CHECK_ATTEMPTS = 3;

async function checkWithRetry(openid: string, content: string): Promise<ContentVerdict> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await checkText({ openid, content, scene: 2 });
    } catch {
      // Still unanswered: the text is held for people to judge rather than let through unseen.
      if (attempt >= CHECK_ATTEMPTS) return 'review';
    }
  }
}

export async function holdForReviewInTx(
  tx: Transaction,
  ctx: RequestContext,
  subject: { kind: ModerationRecord['kind']; subjectId: string; entryId?: string; text: string },
): Promise<void> {
  await store.holdInTx(tx, {
    _id: moderationId(subject.kind, subject.subjectId, subject.entryId),
    streetId: ctx.streetId,
    kind: subject.kind,
    subjectId: subject.subjectId,
    ...(subject.entryId ? { entryId: subject.entryId } : {}),
    text: Array.from(subject.text).slice(0, EXCERPT_MAX).join(''),
    authorOpenid: ctx.openid,
    status: 'pending',
    createdAt: ctx.now,
  });
}

// ---- photos (docs/architecture.md#moderation): a person's own uploads, held until WeChat's image check answers
//
//   ensureOwnPhotos(ctx, photos, 'photos');                 // before anything costs: refuses another's files
//   const urls = await photoUrls(photos, 'photos');         // after the limits: refuses files that are not there
//   ... the record is written with its photos held ...
//   await screenPhotos(ctx, { kind: 'message', subjectId }, photos, urls);   // asks; the answer comes as a push

export function ensureOwnPhotos(ctx: RequestContext, photos: string[], field: string): void {
  if (photos.some((fileId) => !isOwnUpload(fileId, ctx.openid))) throw new AppError('INVALID_ARGUMENT', NOT_OWN_PHOTO_MESSAGE, field);
}

/** The files' temporary URLs (one storage request); refuses when one is not stored. */
export async function photoUrls(photos: string[], field: string): Promise<Map<string, string>> {
  if (photos.length === 0) return new Map();
  const urls = await temporaryUrls(photos);
  if (photos.some((fileId) => !urls.has(fileId))) throw new AppError('INVALID_ARGUMENT', '照片没有上传成功，请重新添加', field);
  return urls;
}

/**
 * Sends each photo to the asynchronous check and records it by trace id. A photo whose check could
 * not be asked stays held: nothing unchecked is ever shown.
 */
export async function screenPhotos(
  ctx: RequestContext,
  subject: Pick<MediaCheckRecord, 'kind' | 'subjectId'>,
  photos: string[],
  urls: Map<string, string>,
): Promise<void> {
  for (const fileId of photos) {
    try {
      const traceId = await checkImageLater({ openid: ctx.openid, url: urls.get(fileId)!, scene: 2 });
      await store.insertMediaCheck({
        _id: traceId,
        streetId: ctx.streetId,
        ...subject,
        fileId,
        authorOpenid: ctx.openid,
        status: 'pending',
        createdAt: ctx.now,
      });
    } catch (error) {
      console.error(`[moderation] the image check of ${fileId} could not be asked; it stays held`, error);
    }
  }
}

/** WeChat's answer for one image: recorded once, then applied by the record's capability. */
export async function applyMediaCheckAnswer(ctx: RequestContext, traceId: string, verdict: ContentVerdict): Promise<'applied' | 'unknown'> {
  const check = await store.findMediaCheck(traceId);
  if (!check) return 'unknown';
  if (check.status !== 'pending') return 'applied';
  const passed = verdict === 'pass';
  // Applied first (applying twice changes nothing), then recorded: a push retried after a failure applies it again.
  await moderationSubject(check.kind)?.photoChecked?.(check.subjectId, check.fileId, passed, { ...ctx, streetId: check.streetId });
  await store.decideMediaCheck(traceId, passed ? 'pass' : 'refused', ctx.now);
  return 'applied';
}
