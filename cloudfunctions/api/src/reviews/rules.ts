import { randomBytes } from 'node:crypto';
import type { Rectification, Review, ReviewComment, ReviewResults, ReviewStatus, ReviewSummary } from '../../../../typings/contract';
import { AppError, ensure } from '../app/errors';
import { DAY_MS } from '../platform/time';

// 专项评议 (docs/architecture.md#reviews): pure rules of a review of a department.

export interface ReviewRecord {
  _id: string;
  streetId: string;
  title: string;
  department: string;
  topics: string[];
  criteria: string[];
  opensAt: Date;
  closesAt: Date;
  createdBy: string;
  createdAt: Date;
  published: boolean;
  publishedAt?: Date;
  results?: ReviewResults;
  rectifications: { id: string; text: string; status: 'pending' | 'done'; doneAt?: Date; note?: string; doneBy?: string }[];
}

/** One scorer's scores: named by a keyed hash of the review and the scorer (a delegate, or a verified number). */
export interface ReviewScoreRecord {
  _id: string;
  reviewId: string;
  streetId: string;
  role: 'delegate' | 'resident';
  scores: number[];
  comment?: string;
  flagged?: boolean;
  day: string;
  /** A keyed hash of the client's requestId: a resend of the same request gets its answer again. */
  request?: string;
}

export const newReviewId = () => `rv${randomBytes(8).toString('hex')}`;
export const reviewNotFound = () => new AppError('NOT_FOUND', '评议不存在或已删除', 'id');
export const ALREADY_SCORED = new AppError('ALREADY_EXISTS', '您已经参加过本次评议，每人只能评一次');

export function statusOf(r: Pick<ReviewRecord, 'opensAt' | 'closesAt' | 'published'>, at: Date): ReviewStatus {
  if (r.published) return 'published';
  if (at.getTime() < r.opensAt.getTime()) return 'upcoming';
  return at.getTime() < r.closesAt.getTime() ? 'open' : 'closed';
}

/** The period: in order, at least a day, at most 90 days, and not already over. */
export function checkPeriod(opensAt: Date, closesAt: Date, at: Date): void {
  ensure(closesAt.getTime() > at.getTime(), 'INVALID_ARGUMENT', '结束时间须晚于现在', 'closesAt');
  ensure(closesAt.getTime() - opensAt.getTime() >= DAY_MS, 'INVALID_ARGUMENT', '评议时间至少一天，且结束须晚于开始', 'closesAt');
  ensure(closesAt.getTime() - opensAt.getTime() <= 90 * DAY_MS, 'INVALID_ARGUMENT', '评议时间不能超过 90 天', 'closesAt');
}

/** One whole score from 1 to 5 per criterion. */
export function checkScores(scores: number[], criteria: string[]): void {
  ensure(scores.length === criteria.length, 'INVALID_ARGUMENT', `请为全部 ${criteria.length} 项指标打分`, 'scores');
  ensure(
    scores.every((s) => Number.isInteger(s) && s >= 1 && s <= 5),
    'INVALID_ARGUMENT',
    '每项评分须为 1 到 5 分',
    'scores',
  );
}

export function ensureOpen(r: ReviewRecord, at: Date): void {
  const status = statusOf(r, at);
  ensure(status === 'open', 'FAILED_PRECONDITION', status === 'upcoming' ? '评议尚未开始' : '评议已经结束');
}

export function ensurePublishable(r: ReviewRecord, at: Date): void {
  ensure(!r.published, 'FAILED_PRECONDITION', '评议结果已经公布', 'id');
  ensure(statusOf(r, at) === 'closed', 'FAILED_PRECONDITION', '评议结束后才能公布结果', 'id');
}

/** Averages per criterion to one decimal, and who scored. */
export function resultsOf(scores: Pick<ReviewScoreRecord, 'role' | 'scores'>[], criteria: string[]): ReviewResults {
  const sums = criteria.map((_, i) => scores.reduce((sum, s) => sum + (s.scores[i] ?? 0), 0));
  return {
    count: scores.length,
    delegates: scores.filter((s) => s.role === 'delegate').length,
    residents: scores.filter((s) => s.role === 'resident').length,
    averages: sums.map((sum) => (scores.length ? Math.round((sum / scores.length) * 10) / 10 : null)),
  };
}

export function summaryOf(r: ReviewRecord, at: Date): ReviewSummary {
  return {
    id: r._id,
    title: r.title,
    department: r.department,
    status: statusOf(r, at),
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
  };
}

const rectificationView = (item: ReviewRecord['rectifications'][number]): Rectification => ({
  id: item.id,
  text: item.text,
  status: item.status,
  ...(item.doneAt ? { doneAt: item.doneAt.toISOString() } : {}),
  ...(item.note ? { note: item.note } : {}),
});

export function viewOf(r: ReviewRecord, at: Date, mine: Review['mine']): Review {
  return {
    ...summaryOf(r, at),
    topics: r.topics,
    criteria: r.criteria,
    ...(r.published && r.results ? { results: r.results } : {}),
    rectifications: r.rectifications.map(rectificationView),
    mine,
  };
}

export const commentOf = (s: ReviewScoreRecord): ReviewComment => ({
  role: s.role,
  text: s.comment ?? '',
  flagged: Boolean(s.flagged),
  day: s.day,
});

export const rectificationsFrom = (texts: string[]): ReviewRecord['rectifications'] =>
  texts.map((text, i) => ({ id: `z${i + 1}`, text, status: 'pending' as const }));
