import type { ActionSpec, IsoTime, Page, Retryable } from './common';
import type { IsoDay } from './voting';

// 专项评议 (docs/architecture.md#reviews): staff open a review of a department (topics, a period,
// criteria scored 1–5); active delegates and phone-verified residents score it once each, with an
// optional comment that passes the content check; staff publish the averages with the department's
// rectification list (整改事项), each tracked to done.

/** Derived from the period and publishing: upcoming → open → closed → published. */
export type ReviewStatus = 'upcoming' | 'open' | 'closed' | 'published';

export interface ReviewResults {
  /** Everyone who scored, and of them delegates and residents. */
  count: number;
  delegates: number;
  residents: number;
  /** One average per criterion, in the criteria's order, to one decimal (null when nobody scored). */
  averages: (number | null)[];
}

export interface Rectification {
  id: string;
  text: string;
  status: 'pending' | 'done';
  doneAt?: IsoTime;
  note?: string;
}

export interface ReviewSummary {
  id: string;
  title: string;
  department: string;
  status: ReviewStatus;
  opensAt: IsoTime;
  closesAt: IsoTime;
}

export interface Review extends ReviewSummary {
  topics: string[];
  criteria: string[];
  /** Once published. */
  results?: ReviewResults;
  rectifications: Rectification[];
  /** The caller: whether they scored (and the day), or why they may not. */
  mine: { scored: boolean; day?: IsoDay; blocked?: 'verify_phone' | 'not_open' };
}

export interface ReviewComment {
  role: 'delegate' | 'resident';
  text: string;
  /** The content check could not pass it outright: read it before passing it on. */
  flagged: boolean;
  day: IsoDay;
}

export interface ReviewsActions {
  'admin.reviews.create': ActionSpec<
    { title: string; department: string; topics: string[]; criteria: string[]; opensAt: IsoTime; closesAt: IsoTime } & Retryable,
    { id: string }
  >;
  /** Every review, newest period first. Public. */
  'reviews.list': ActionSpec<{ cursor?: string }, Page<ReviewSummary>>;
  'reviews.get': ActionSpec<{ id: string }, Review>;
  /** One score per criterion (1–5), once per delegate or verified number, while the review is open. */
  'reviews.score': ActionSpec<{ id: string; scores: number[]; comment?: string } & Retryable, { day: IsoDay }>;
  /** Staff read the comments (never public), a page at a time. */
  'admin.reviews.comments': ActionSpec<{ id: string; cursor?: string }, Page<ReviewComment>>;
  /** After the period: the averages become public, with the rectification list. */
  'admin.reviews.publish': ActionSpec<{ id: string; rectifications: string[] } & Retryable, { results: ReviewResults }>;
  /** A rectification item done, with what was done. */
  'admin.reviews.rectify': ActionSpec<{ id: string; itemId: string; note: string } & Retryable, { status: 'done' }>;
}
