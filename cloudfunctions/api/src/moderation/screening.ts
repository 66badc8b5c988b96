import type { CommandScope } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError } from '../app/errors';
import { checkText } from '../platform/openapi';
import type { Transaction } from '../platform/db';
import { CONTENT_REJECTED_MESSAGE, EXCERPT_MAX, moderationId, worstVerdict, type ContentVerdict, type ModerationRecord } from './rules';
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
