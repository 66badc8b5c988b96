import * as z from 'zod';
import type { DataOf, PayloadOf, Review, ReviewsActions } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { cursor, id, isoTime, requestId, text } from '../app/validation';
import { screenTexts } from '../moderation/screening';
import { isDuplicateKeyError } from '../platform/db';
import { keyedHash } from '../platform/secrets';
import { shanghaiDay } from '../platform/time';
import {
  ALREADY_SCORED,
  checkPeriod,
  checkScores,
  commentOf,
  ensureOpen,
  ensurePublishable,
  newReviewId,
  rectificationsFrom,
  resultsOf,
  reviewNotFound,
  statusOf,
  summaryOf,
  viewOf,
  type ReviewRecord,
} from './rules';
import * as store from './store';

// 专项评议 (docs/architecture.md#reviews): staff open and publish; delegates and verified residents score once.

const listCursor = z.strictObject({ at: cursorPart.time(), id: cursorPart.text() });
const commentCursor = z.strictObject({ id: cursorPart.text() });

/** Who scores, and under which key: an active delegate as the delegate, anyone else by their verified number. */
async function scorerOf(ctx: RequestContext): Promise<{ role: 'delegate' | 'resident'; key: string } | null> {
  const { delegateId, user } = await ctx.caller();
  if (delegateId) return { role: 'delegate', key: `delegate:${delegateId}` };
  return user?.phoneHash ? { role: 'resident', key: `phone:${user.phoneHash}` } : null;
}

const scoreId = (reviewId: string, key: string) => keyedHash('VOTER_KEY_SECRET', 'review', reviewId, key);

async function create(input: PayloadOf<'admin.reviews.create'>, ctx: RequestContext): Promise<DataOf<'admin.reviews.create'>> {
  const opensAt = new Date(input.opensAt);
  const closesAt = new Date(input.closesAt);
  checkPeriod(opensAt, closesAt, ctx.now);
  return runCommand(ctx, async ({ tx }) => {
    const record: ReviewRecord = {
      _id: newReviewId(),
      streetId: ctx.streetId,
      title: input.title,
      department: input.department,
      topics: input.topics,
      criteria: input.criteria,
      opensAt,
      closesAt,
      createdBy: ctx.openid,
      createdAt: ctx.now,
      published: false,
      rectifications: [],
    };
    await store.insertInTx(tx, record);
    return { id: record._id };
  });
}

async function list(input: PayloadOf<'reviews.list'>, ctx: RequestContext): Promise<DataOf<'reviews.list'>> {
  const rows = await store.listReviews(ctx.streetId, decodeCursor(input.cursor, listCursor), rowsFor());
  return pageOf(
    rows,
    (r) => ({ at: r.opensAt, id: r._id }),
    (r) => summaryOf(r, ctx.now),
  );
}

async function get(input: PayloadOf<'reviews.get'>, ctx: RequestContext): Promise<DataOf<'reviews.get'>> {
  const review = await store.findReview(ctx.streetId, input.id);
  if (!review) throw reviewNotFound();
  const scorer = await scorerOf(ctx);
  let mine: Review['mine'] = { scored: false };
  if (!scorer) mine = { scored: false, blocked: 'verify_phone' };
  else {
    const score = await store.findScore(scoreId(review._id, scorer.key));
    if (score) mine = { scored: true, day: score.day };
    else if (statusOf(review, ctx.now) !== 'open') mine = { scored: false, blocked: 'not_open' };
  }
  return viewOf(review, ctx.now, mine);
}

async function score(input: PayloadOf<'reviews.score'>, ctx: RequestContext): Promise<DataOf<'reviews.score'>> {
  // Who may, then whether they have, before the content check (an open-API call) is spent.
  const scorer = await scorerOf(ctx);
  if (!scorer) throw new AppError('FAILED_PRECONDITION', '参加专项评议需要先验证手机号（一个号码只能评一次）。请在“我的”中验证手机号');
  const review = await store.findReview(ctx.streetId, input.id);
  if (!review) throw reviewNotFound();
  ensureOpen(review, ctx.now);
  checkScores(input.scores, review.criteria);
  const _id = scoreId(review._id, scorer.key);
  const request = ctx.requestId ? keyedHash('VOTER_KEY_SECRET', 'review-request', _id, ctx.requestId) : undefined;
  const earlier = await store.findScore(_id);
  if (earlier) {
    if (request && earlier.request === request) return { day: earlier.day };
    throw ALREADY_SCORED;
  }
  const comment = input.comment?.trim();
  const verdict = comment ? await screenTexts(ctx, [comment]) : 'pass';
  const day = shanghaiDay(ctx.now);
  try {
    return await runCommand(
      ctx,
      async ({ tx }) => {
        await store.insertScoreInTx(tx, {
          _id,
          reviewId: review._id,
          streetId: review.streetId,
          role: scorer.role,
          scores: input.scores,
          ...(comment ? { comment, ...(verdict === 'review' ? { flagged: true } : {}) } : {}),
          day,
          ...(request ? { request } : {}),
        });
        return { day };
      },
      { keyedRecord: true },
    );
  } catch (error) {
    if (isDuplicateKeyError(error)) throw ALREADY_SCORED;
    throw error;
  }
}

async function comments(input: PayloadOf<'admin.reviews.comments'>, ctx: RequestContext): Promise<DataOf<'admin.reviews.comments'>> {
  const review = await store.findReview(ctx.streetId, input.id);
  if (!review) throw reviewNotFound();
  const after = decodeCursor(input.cursor, commentCursor);
  const rows = await store.commentsPage(review._id, after?.id ?? null, rowsFor());
  return pageOf(rows, (s) => ({ id: s._id }), commentOf);
}

async function publish(input: PayloadOf<'admin.reviews.publish'>, ctx: RequestContext): Promise<DataOf<'admin.reviews.publish'>> {
  const found = await store.findReview(ctx.streetId, input.id);
  if (!found) throw reviewNotFound();
  ensurePublishable(found, ctx.now);
  // Counted outside the transaction: the period is over, so no score can arrive any more.
  const results = resultsOf(await store.allScores(found._id), found.criteria);
  return runCommand(
    ctx,
    async ({ tx }) => {
      const review = await store.getInTx(tx, input.id);
      if (!review || review.streetId !== ctx.streetId) throw reviewNotFound();
      ensurePublishable(review, ctx.now);
      await store.updateInTx(tx, review._id, {
        published: true,
        publishedAt: ctx.now,
        results,
        rectifications: rectificationsFrom(input.rectifications),
      });
      return { results };
    },
    { subject: input.id, trail: { from: 'closed', to: 'published' } },
  );
}

async function rectify(input: PayloadOf<'admin.reviews.rectify'>, ctx: RequestContext): Promise<DataOf<'admin.reviews.rectify'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const review = await store.getInTx(tx, input.id);
      if (!review || review.streetId !== ctx.streetId) throw reviewNotFound();
      const item = review.rectifications.find((r) => r.id === input.itemId);
      if (!item) throw new AppError('NOT_FOUND', '整改事项不存在', 'itemId');
      ensure(item.status === 'pending', 'FAILED_PRECONDITION', '这项整改已经完成', 'itemId');
      const rectifications = review.rectifications.map((r) =>
        r.id === item.id ? { ...r, status: 'done' as const, doneAt: ctx.now, note: input.note, doneBy: ctx.openid } : r,
      );
      await store.updateInTx(tx, review._id, { rectifications });
      return { status: 'done' as const };
    },
    { subject: input.id, trail: { to: 'done', reason: `整改事项 ${input.itemId}：${input.note}` } },
  );
}

export const reviewsActions: ActionTable<keyof ReviewsActions> = {
  'admin.reviews.create': {
    allow: ['staff'],
    input: z.strictObject({
      title: text(4, 60),
      department: text(2, 40),
      topics: z.array(text(2, 200)).min(1).max(10),
      criteria: z.array(text(2, 20)).min(1).max(8),
      opensAt: isoTime(),
      closesAt: isoTime(),
      requestId: requestId().optional(),
    }),
    handle: create,
  },
  'reviews.list': { allow: 'anyone', input: z.strictObject({ cursor: cursor() }), handle: list },
  'reviews.get': { allow: 'anyone', input: z.strictObject({ id: id() }), handle: get },
  'reviews.score': {
    allow: 'anyone',
    input: z.strictObject({
      id: id(),
      scores: z.array(z.number()).min(1).max(8),
      comment: text(0, 500).optional(),
      requestId: requestId().optional(),
    }),
    handle: score,
  },
  'admin.reviews.comments': { allow: ['staff'], input: z.strictObject({ id: id(), cursor: cursor() }), handle: comments },
  'admin.reviews.publish': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), rectifications: z.array(text(2, 200)).max(20), requestId: requestId().optional() }),
    handle: publish,
  },
  'admin.reviews.rectify': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), itemId: z.string().regex(/^z\d{1,2}$/), note: text(2, 500), requestId: requestId().optional() }),
    handle: rectify,
  },
};
