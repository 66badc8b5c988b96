import { randomBytes } from 'node:crypto';
import type {
  AnswerClass,
  Satisfaction,
  Suggestion,
  SuggestionStatus,
  SuggestionStep,
  SuggestionSummary,
} from '../../../../typings/contract';
import { AppError, ensure } from '../app/errors';
import type { NotificationRequest } from '../notify/rules';
import { DAY_MS, shanghaiDay } from '../platform/time';

// 代表建议 to the end (docs/architecture.md#suggestions): pure rules of a suggestion's life.
//   submitted → assigned (unit, due) → answered (A/B/C) → closed (满意 / 基本满意)
//                   ↑__________________________________ 不满意: 重新办理, a new due date

export interface SuggestionRecord {
  _id: string;
  streetId: string;
  delegateId: string;
  delegateName: string;
  coSigners: { delegateId: string; name: string }[];
  /** The filing delegate and the co-signers: who may read it before it is answered. */
  delegateIds: string[];
  title: string;
  body: string;
  category: string;
  status: SuggestionStatus;
  unit?: string;
  dueAt?: Date;
  assignedAt?: Date;
  /** The staff member who assigned it: reminded when it runs past its due date. */
  assignedBy?: string;
  answer?: { body: string; class: AnswerClass; at: Date; by: string };
  /** When it was answered (public lists are ordered by it). */
  answeredAt?: Date;
  satisfaction?: Satisfaction;
  round: number;
  steps: { kind: SuggestionStep['kind']; at: Date; note?: string }[];
  /** Set once the overdue reminder of the current round is queued. */
  overdueRemindedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const CO_SIGNERS_MAX = 10;
/** 重新办理 after 不满意 gets as long as the unit had the first time, and never less than this. */
const MIN_REDO_DAYS = 7;

export const newSuggestionId = () => `sg${randomBytes(8).toString('hex')}`;
export const suggestionNotFound = () => new AppError('NOT_FOUND', '建议不存在或您无权查看', 'id');

export const CLASS_LABELS: Record<AnswerClass, string> = { A: 'A 类（已解决）', B: 'B 类（列入计划）', C: 'C 类（留作参考）' };
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** Public once the unit has answered; before that only its delegates and staff see it. */
export const isPublic = (s: Pick<SuggestionRecord, 'status'>) => s.status === 'answered' || s.status === 'closed';

export function canSee(s: SuggestionRecord, viewer: { delegateId?: string; staff: boolean }): boolean {
  return isPublic(s) || viewer.staff || (!!viewer.delegateId && s.delegateIds.includes(viewer.delegateId));
}

/** Due in the future (staff pick a day on the phone), and within a year. */
export function checkDueAt(dueAt: Date, at: Date): void {
  ensure(dueAt.getTime() > at.getTime(), 'INVALID_ARGUMENT', '办理期限须晚于现在', 'dueAt');
  ensure(dueAt.getTime() - at.getTime() <= 366 * DAY_MS, 'INVALID_ARGUMENT', '办理期限不能超过一年', 'dueAt');
}

export function ensureAssignable(s: SuggestionRecord): void {
  ensure(s.status === 'submitted' || s.status === 'assigned', 'FAILED_PRECONDITION', '已答复或已办结的建议不能再交办', 'id');
}

export function ensureAnswerable(s: SuggestionRecord): void {
  ensure(
    s.status === 'assigned',
    'FAILED_PRECONDITION',
    s.status === 'submitted' ? '请先交办承办单位，再登记答复' : '这条建议已经答复',
    'id',
  );
}

/** Only the filing delegate rates, and only an answer that waits for it. */
export function ensureRatable(s: SuggestionRecord, delegateId: string | undefined): void {
  if (s.delegateId !== delegateId) throw new AppError('PERMISSION_DENIED', '只有提出建议的代表可以评价答复', 'id');
  ensure(s.status === 'answered', 'FAILED_PRECONDITION', s.status === 'closed' ? '这条建议已经评价' : '承办单位答复后才能评价', 'id');
}

/** The change a rating makes: 满意/基本满意 close it; 不满意 sends it back with as long as the unit had before. */
export function afterRating(s: SuggestionRecord, satisfaction: Satisfaction, at: Date): Partial<SuggestionRecord> {
  const rated = { kind: 'rated' as const, at, note: SATISFACTION_LABELS[satisfaction] };
  if (satisfaction !== 'dissatisfied') return { status: 'closed', satisfaction, steps: [...s.steps, rated], updatedAt: at };
  const allowed = s.dueAt && s.assignedAt ? s.dueAt.getTime() - s.assignedAt.getTime() : 0;
  const dueAt = new Date(at.getTime() + Math.max(allowed, MIN_REDO_DAYS * DAY_MS));
  return {
    status: 'assigned',
    satisfaction,
    dueAt,
    assignedAt: at,
    round: s.round + 1,
    steps: [...s.steps, rated, { kind: 'reopened', at, note: `重新办理，期限 ${shanghaiDay(dueAt)}` }],
    overdueRemindedAt: undefined,
    updatedAt: at,
  };
}

export const isOverdue = (s: Pick<SuggestionRecord, 'status' | 'dueAt'>, at: Date) =>
  s.status === 'assigned' && !!s.dueAt && s.dueAt.getTime() < at.getTime();

export function summaryOf(s: SuggestionRecord, at: Date): SuggestionSummary {
  return {
    id: s._id,
    title: s.title,
    category: s.category,
    status: s.status,
    delegateId: s.delegateId,
    delegateName: s.delegateName,
    coSignerNames: s.coSigners.map((c) => c.name),
    ...(s.unit ? { unit: s.unit } : {}),
    ...(s.dueAt ? { dueAt: s.dueAt.toISOString() } : {}),
    overdue: isOverdue(s, at),
    ...(s.answer ? { answerClass: s.answer.class } : {}),
    ...(s.satisfaction ? { satisfaction: s.satisfaction } : {}),
    round: s.round,
    createdAt: s.createdAt.toISOString(),
  };
}

export function viewOf(s: SuggestionRecord, at: Date, viewer: { delegateId?: string; staff: boolean }): Suggestion {
  return {
    ...summaryOf(s, at),
    body: s.body,
    ...(s.answer ? { answer: { body: s.answer.body, class: s.answer.class, at: s.answer.at.toISOString() } } : {}),
    steps: s.steps.map((step) => ({ kind: step.kind, at: step.at.toISOString(), ...(step.note ? { note: step.note } : {}) })),
    can: {
      rate: s.status === 'answered' && s.delegateId === viewer.delegateId,
      assign: viewer.staff && (s.status === 'submitted' || s.status === 'assigned'),
      answer: viewer.staff && s.status === 'assigned',
    },
  };
}

const suggestionPage = (id: string) => `packages/resident/suggestion/suggestion?id=${id}`;

/** The filing delegate hears when the unit has answered. */
export function answeredNotice(s: SuggestionRecord, recipient: string, at: Date): NotificationRequest {
  return {
    kind: 'suggestion.answered',
    recipient,
    templateKey: 'messageUpdate',
    content: { subject: s.title, state: '已答复', at, hint: `${s.answer ? CLASS_LABELS[s.answer.class] : ''}，请查看并评价` },
    page: suggestionPage(s._id),
    dedupeKey: `suggestion:${s._id}:answered:${s.round}`,
    streetId: s.streetId,
  };
}

/** The staff member who assigned it hears once per round when it runs past its due date. */
export function overdueNotice(s: SuggestionRecord, at: Date): NotificationRequest {
  return {
    kind: 'suggestion.overdue',
    recipient: s.assignedBy!,
    templateKey: 'reminder',
    content: { subject: s.title, state: '办理超期', at: s.dueAt ?? at, hint: `${s.unit ?? '承办单位'}尚未答复，请督促` },
    page: 'packages/admin/suggestions/suggestions',
    dedupeKey: `suggestion:${s._id}:overdue:${s.round}`,
    streetId: s.streetId,
  };
}
