import type { ActionSpec, IsoTime, Page, Retryable } from './common';
import type { DutyKind } from './constants';
import type { IsoDay } from './voting';
import type { SuggestionStatus } from './suggestions';

// 履职手册 and 履职清单 (docs/architecture.md#duties): a delegate logs what they did (履职记录); what the
// system already knows is derived, not typed again (messages answered per month, reception days
// attended, suggestions filed); staff set the year's duty list (targets per kind); staff and group
// liaisons see statistics per delegate and group; anyone reads a delegate's annual 履职报告; public
// entries and staff news make the 履职动态 feed.

/** A logged entry; `held` waits for content review (not public meanwhile), `rejected` was refused in review. */
export interface DutyEntry {
  id: string;
  kind: DutyKind;
  date: IsoDay;
  place?: string;
  summary: string;
  photos: string[];
  isPublic: boolean;
  held?: boolean;
  rejected?: boolean;
  createdAt: IsoTime;
  updatedAt: IsoTime;
}

export interface DutyInput {
  kind: DutyKind;
  /** The day it happened (Shanghai), not in the future. */
  date: IsoDay;
  place?: string;
  summary: string;
  photos?: string[];
  isPublic: boolean;
}

/** What the system knows a delegate did; each counts once towards its kind's target. */
export interface DerivedDuty {
  source: 'messages' | 'receptions' | 'suggestions' | 'supervisions';
  kind: DutyKind;
  /** The reception's day, the suggestion's filing day, the month's first day (messages). */
  date: IsoDay;
  title: string;
  /** The suggestion's id (source suggestions) or the project's (source supervisions), to open it. */
  refId?: string;
}

export interface DutyTarget {
  kind: DutyKind;
  /** At least this many entries of the kind in the year. */
  required: number;
}

export interface DutyProgress extends DutyTarget {
  done: number;
}

export type DutyCounts = Record<DutyKind, number>;

/** A delegate's 履职手册 for one year. */
export interface DutyHandbook {
  year: number;
  delegateId: string;
  delegateName: string;
  targets: DutyProgress[];
  /** Logged and derived entries by kind. */
  counts: DutyCounts;
  /** The delegate's own entries of the year, latest day first (at most 200). */
  entries: DutyEntry[];
  derived: DerivedDuty[];
}

export interface DutyDelegateRow {
  delegateId: string;
  name: string;
  groupId: string;
  counts: DutyCounts;
  total: number;
  /** Targets the delegate has reached, of how many the list holds. */
  targetsMet: number;
}

export interface DutyGroupRow {
  groupId: string;
  name: string;
  delegates: number;
  counts: DutyCounts;
  total: number;
  /** Delegates who reached every target. */
  delegatesMet: number;
}

export interface DutyStats {
  year: number;
  /** 'street' for staff; 'liaison' when the caller sees only the groups they follow. */
  scope: 'street' | 'liaison';
  targets: DutyTarget[];
  groups: DutyGroupRow[];
  delegates: DutyDelegateRow[];
}

/** The annual 履职报告 of one delegate: public, shareable. Only public entries are quoted. */
export interface DutyReport {
  year: number;
  delegate: { id: string; name: string; title?: string; groupName?: string; stationName?: string };
  counts: DutyCounts;
  total: number;
  targets: DutyProgress[];
  messagesAnswered: number;
  receptionDays: number;
  suggestionsFiled: number;
  /** Answered suggestions (public ones only). */
  suggestions: { id: string; title: string; status: SuggestionStatus }[];
  /** Public entries, latest first (at most 10). */
  highlights: Pick<DutyEntry, 'id' | 'kind' | 'date' | 'place' | 'summary' | 'photos'>[];
}

/** One item of the public 履职动态 feed: a delegate's public entry or a staff news post. */
export interface FeedItem {
  id: string;
  type: 'duty' | 'news';
  title: string;
  body: string;
  photos: string[];
  /** The delegate (type duty). */
  delegateId?: string;
  delegateName?: string;
  kind?: DutyKind;
  place?: string;
  date: IsoDay;
  at: IsoTime;
}

export interface DutiesActions {
  /** The delegate logs an entry of their own. */
  'duties.log': ActionSpec<DutyInput & Retryable, { id: string }>;
  /** The delegate changes one of their own entries (fields absent stay as they are; `place: ''` clears it). */
  'duties.edit': ActionSpec<{ id: string } & Partial<DutyInput> & Retryable, { id: string }>;
  /** The delegate removes one of their own entries. */
  'duties.delete': ActionSpec<{ id: string } & Retryable, { id: string; deleted: true }>;
  /** The caller's 履职手册 for a year: entries, derived entries and each target with done / required. */
  'duties.mine': ActionSpec<{ year: number }, DutyHandbook>;
  /** Staff (the street) and group liaisons (their groups): per-delegate and per-group statistics for a year. */
  'duties.stats': ActionSpec<{ year: number; groupId?: string }, DutyStats>;
  /** Anyone: a delegate's annual 履职报告. */
  'duties.report': ActionSpec<{ delegateId: string; year: number }, DutyReport>;
  /** Anyone: public entries and staff news, newest first. */
  'duties.feed': ActionSpec<{ cursor?: string }, Page<FeedItem>>;
  /** Anyone: the year's duty list (履职清单). */
  'duties.targets': ActionSpec<{ year: number }, { year: number; targets: DutyTarget[] }>;
  /** Staff set the year's duty list (audited); an empty list clears it. */
  'admin.duties.setTargets': ActionSpec<{ year: number; targets: DutyTarget[] } & Retryable, { year: number; targets: DutyTarget[] }>;
  /** Staff post news to the 履职动态 feed (audited). */
  'admin.news.post': ActionSpec<{ title: string; body: string; photos?: string[] } & Retryable, { id: string }>;
  /** Staff take a news post down (audited). */
  'admin.news.remove': ActionSpec<{ id: string } & Retryable, { id: string; removed: true }>;
}
