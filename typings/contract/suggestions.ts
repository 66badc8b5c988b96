import type { ActionSpec, IsoTime, Page, Retryable } from './common';
import type { Satisfaction } from './messages';

// 代表建议 (docs/architecture.md#suggestions): a delegate files a suggestion (with co-signing delegates);
// staff assign it to a responsible unit with a due date and record the unit's answer, classed A/B/C;
// the delegate rates the answer, and 不满意 sends it back for 重新办理 with a new due date. Answered
// suggestions are public.

export type SuggestionStatus = 'submitted' | 'assigned' | 'answered' | 'closed';
/** A 已解决, B 列入计划, C 留作参考: how the unit's answer disposes of the suggestion. */
export type AnswerClass = 'A' | 'B' | 'C';

export interface SuggestionStep {
  kind: 'submitted' | 'assigned' | 'answered' | 'rated' | 'reopened';
  at: IsoTime;
  /** The unit (assigned), the answer's class (answered), the rating (rated), the new due day (reopened). */
  note?: string;
}

export interface SuggestionSummary {
  id: string;
  title: string;
  category: string;
  status: SuggestionStatus;
  delegateId: string;
  delegateName: string;
  coSignerNames: string[];
  unit?: string;
  dueAt?: IsoTime;
  /** Assigned and past its due date. */
  overdue: boolean;
  answerClass?: AnswerClass;
  satisfaction?: Satisfaction;
  /** 1, then one more for every 重新办理 after 不满意. */
  round: number;
  createdAt: IsoTime;
}

export interface Suggestion extends SuggestionSummary {
  body: string;
  answer?: { body: string; class: AnswerClass; at: IsoTime };
  steps: SuggestionStep[];
  /** What the caller may do now. */
  can: { rate: boolean; assign: boolean; answer: boolean };
}

export interface SuggestionsActions {
  /** A delegate files a suggestion; co-signers are other active delegates of the street. */
  'suggestions.submit': ActionSpec<{ title: string; body: string; category: string; coSigners?: string[] } & Retryable, { id: string }>;
  /** The caller's own suggestions (filed or co-signed), newest first. */
  'suggestions.mine': ActionSpec<{ cursor?: string }, Page<SuggestionSummary>>;
  /** Answered suggestions, public: title, delegate, unit, class, answer and rating. Newest answer first. */
  'suggestions.list': ActionSpec<{ cursor?: string }, Page<SuggestionSummary>>;
  /** One suggestion: public once answered; before that only to its delegates and staff. */
  'suggestions.get': ActionSpec<{ id: string }, Suggestion>;
  /** The filing delegate rates the answer; 不满意 sends it back to the unit with a new due date. */
  'suggestions.rate': ActionSpec<{ id: string; satisfaction: Satisfaction } & Retryable, { status: SuggestionStatus }>;
  /** Staff: every suggestion, by status (all when absent), overdue ones flagged. Newest first. */
  'admin.suggestions.list': ActionSpec<{ status?: SuggestionStatus; cursor?: string }, Page<SuggestionSummary>>;
  /** Staff assign (or reassign) a suggestion to the responsible unit, due at a future time. */
  'admin.suggestions.assign': ActionSpec<{ id: string; unit: string; dueAt: IsoTime } & Retryable, { status: SuggestionStatus }>;
  /** Staff record the unit's answer and its class. */
  'admin.suggestions.answer': ActionSpec<{ id: string; answer: string; class: AnswerClass } & Retryable, { status: SuggestionStatus }>;
}
