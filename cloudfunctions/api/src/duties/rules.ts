import { randomBytes } from 'node:crypto';
import type {
  DerivedDuty,
  DutyCounts,
  DutyDelegateRow,
  DutyEntry,
  DutyGroupRow,
  DutyKind,
  DutyProgress,
  DutyTarget,
  FeedItem,
} from '../../../../typings/contract';
import { DUTY_KINDS } from '../../../../typings/contract/constants';
import { AppError, ensure } from '../app/errors';
import { shanghai, shanghaiDay } from '../platform/time';

// 履职手册 and 履职清单 (docs/architecture.md#duties): pure decisions about a delegate's duty entries,
// the year's targets, what the system derives, and the statistics staff and liaisons read.

/** A logged entry; `status` is the content check's outcome: only `shown` entries reach the public. */
export interface DutyRecord {
  _id: string;
  streetId: string;
  delegateId: string;
  delegateName: string;
  groupId: string;
  kind: DutyKind;
  date: string;
  /** The Shanghai year of `date`: the handbook and the statistics read by it. */
  year: number;
  place?: string;
  summary: string;
  photos: string[];
  isPublic: boolean;
  status: 'shown' | 'held' | 'rejected';
  createdAt: Date;
  updatedAt: Date;
}

/** The year's duty list of a street: `_id` is `<streetId>:<year>`. */
export interface DutyTargetsRecord {
  _id: string;
  streetId: string;
  year: number;
  targets: DutyTarget[];
  updatedAt: Date;
  updatedBy: string;
}

export interface NewsRecord {
  _id: string;
  streetId: string;
  title: string;
  body: string;
  photos: string[];
  createdAt: Date;
  createdBy: string;
}

export const newDutyId = () => `dt${randomBytes(8).toString('hex')}`;
export const newNewsId = () => `nw${randomBytes(8).toString('hex')}`;
export const targetsId = (streetId: string, year: number) => `${streetId}:${year}`;
export const dutyNotFound = () => new AppError('NOT_FOUND', '履职记录不存在或不是您的记录', 'id');

/** Entries of one year a handbook shows; past this the oldest days are left out. */
export const HANDBOOK_ENTRIES_MAX = 200;
/** Public entries a report quotes. */
export const REPORT_HIGHLIGHTS_MAX = 10;
/** How far back a delegate may log: this year and the two before it. */
const YEARS_BACK = 2;
/** A target above this is a typing mistake, not a duty list. */
export const TARGET_REQUIRED_MAX = 100;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day, not after today (Shanghai), and not before the year two years back. */
export function checkDate(date: string, at: Date): number {
  const match = DAY_PATTERN.exec(date);
  const valid = !!match && shanghaiDay(new Date(`${date}T12:00:00+08:00`)) === date;
  ensure(valid, 'INVALID_ARGUMENT', '「日期」的格式不正确，应为 2026-05-01 这样的日期', 'date');
  ensure(date <= shanghaiDay(at), 'INVALID_ARGUMENT', '「日期」不能晚于今天', 'date');
  const year = Number(match![1]);
  ensure(year >= shanghai(at).year() - YEARS_BACK, 'INVALID_ARGUMENT', `只能记录 ${shanghai(at).year() - YEARS_BACK} 年以来的履职`, 'date');
  return year;
}

/** One target per kind, each at least once and at most TARGET_REQUIRED_MAX; kept in the kinds' order. */
export function checkTargets(targets: DutyTarget[]): DutyTarget[] {
  const seen = new Set<DutyKind>();
  targets.forEach((t, i) => {
    ensure(!seen.has(t.kind), 'INVALID_ARGUMENT', `「履职清单」中「${t.kind}」出现了两次`, `targets.${i}.kind`);
    seen.add(t.kind);
  });
  return DUTY_KINDS.flatMap((kind) => targets.filter((t) => t.kind === kind)).map((t) => ({ kind: t.kind, required: t.required }));
}

/** Only the delegate who logged it may change or remove it; anyone else learns nothing about it. */
export function ensureOwn(record: DutyRecord | null, streetId: string, delegateId: string | undefined): asserts record is DutyRecord {
  if (!record || record.streetId !== streetId || !delegateId || record.delegateId !== delegateId) throw dutyNotFound();
}

export function entryView(r: DutyRecord): DutyEntry {
  return {
    id: r._id,
    kind: r.kind,
    date: r.date,
    ...(r.place ? { place: r.place } : {}),
    summary: r.summary,
    photos: r.photos,
    isPublic: r.isPublic,
    ...(r.status === 'held' ? { held: true } : {}),
    ...(r.status === 'rejected' ? { rejected: true } : {}),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Whether an entry belongs on the public feed and report. */
export const isPublicEntry = (r: Pick<DutyRecord, 'isPublic' | 'status'>) => r.isPublic && r.status === 'shown';

// ---- what the system knows, as entries

/** Each month with answered messages is one entry (其他: 网上答复选民留言), dated the month's first day. */
export function messageMonthEntries(months: Map<string, number>): DerivedDuty[] {
  return [...months.entries()]
    .filter(([, count]) => count > 0)
    .map(([month, count]) => ({
      source: 'messages' as const,
      kind: '其他' as const,
      date: `${month}-01`,
      title: `网上答复选民留言 ${count} 条`,
    }));
}

export function receptionEntries(receptions: { startsAt: Date; stationName: string; theme?: string }[]): DerivedDuty[] {
  return receptions.map((r) => ({
    source: 'receptions' as const,
    kind: '接待选民' as const,
    date: shanghaiDay(r.startsAt),
    title: `${r.stationName}接待日${r.theme ? `：${r.theme}` : ''}`,
  }));
}

export function suggestionEntries(suggestions: { _id: string; title: string; createdAt: Date }[]): DerivedDuty[] {
  return suggestions.map((s) => ({
    source: 'suggestions' as const,
    kind: '提出建议' as const,
    date: shanghaiDay(s.createdAt),
    title: s.title,
    refId: s._id,
  }));
}

/** Each 督办 record a delegate made of a 民生实事 project is one 视察督办 entry. */
export function supervisionEntries(records: { projectId: string; title: string; date: Date }[]): DerivedDuty[] {
  return records.map((r) => ({
    source: 'supervisions' as const,
    kind: '视察督办' as const,
    date: shanghaiDay(r.date),
    title: `督办民生实事：${r.title}`,
    refId: r.projectId,
  }));
}

/** Months (YYYY-MM) with how many messages got their first answer in each. */
export function monthsOf(answeredAt: Date[]): Map<string, number> {
  const months = new Map<string, number>();
  for (const at of answeredAt) {
    const month = shanghai(at).format('YYYY-MM');
    months.set(month, (months.get(month) ?? 0) + 1);
  }
  return months;
}

// ---- counting against the duty list

export const zeroCounts = (): DutyCounts => Object.fromEntries(DUTY_KINDS.map((k) => [k, 0])) as DutyCounts;

/** Logged entries (those not refused in review) and derived ones, by kind. */
export function countsOf(entries: Pick<DutyRecord, 'kind' | 'status'>[], derived: Pick<DerivedDuty, 'kind'>[]): DutyCounts {
  const counts = zeroCounts();
  for (const e of entries) if (e.status !== 'rejected') counts[e.kind] += 1;
  for (const d of derived) counts[d.kind] += 1;
  return counts;
}

export function addCounts(a: DutyCounts, b: Partial<DutyCounts>): DutyCounts {
  const sum = { ...a };
  for (const kind of DUTY_KINDS) sum[kind] += b[kind] ?? 0;
  return sum;
}

export const totalOf = (counts: DutyCounts) => DUTY_KINDS.reduce((n, k) => n + counts[k], 0);

export function progressOf(targets: DutyTarget[], counts: DutyCounts): DutyProgress[] {
  return targets.map((t) => ({ kind: t.kind, required: t.required, done: counts[t.kind] }));
}

export const targetsMetOf = (targets: DutyTarget[], counts: DutyCounts) => targets.filter((t) => counts[t.kind] >= t.required).length;

/**
 * Per-delegate rows (most entries first, then by name) and per-group rows (in the groups' order) from
 * each delegate's counts. A delegate with no entry counts zero; a group with no delegate is left out.
 */
export function statsOf(
  delegates: { _id: string; name: string; groupId: string }[],
  groups: { _id: string; name: string }[],
  countsByDelegate: Map<string, DutyCounts>,
  targets: DutyTarget[],
): { groups: DutyGroupRow[]; delegates: DutyDelegateRow[] } {
  const rows: DutyDelegateRow[] = delegates.map((d) => {
    const counts = countsByDelegate.get(d._id) ?? zeroCounts();
    return {
      delegateId: d._id,
      name: d.name,
      groupId: d.groupId,
      counts,
      total: totalOf(counts),
      targetsMet: targetsMetOf(targets, counts),
    };
  });
  rows.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-Hans-CN') || a.delegateId.localeCompare(b.delegateId));
  const groupRows = groups
    .map((g) => {
      const members = rows.filter((r) => r.groupId === g._id);
      const counts = members.reduce((sum, r) => addCounts(sum, r.counts), zeroCounts());
      return {
        groupId: g._id,
        name: g.name,
        delegates: members.length,
        counts,
        total: totalOf(counts),
        delegatesMet: members.filter((r) => targets.length > 0 && r.targetsMet === targets.length).length,
      };
    })
    .filter((g) => g.delegates > 0);
  return { groups: groupRows, delegates: rows };
}

// ---- the public feed: public entries and news, newest first

export function dutyFeedItem(r: DutyRecord): FeedItem {
  return {
    id: r._id,
    type: 'duty',
    title: `${r.delegateName} · ${r.kind}`,
    body: r.summary,
    photos: r.photos,
    delegateId: r.delegateId,
    delegateName: r.delegateName,
    kind: r.kind,
    ...(r.place ? { place: r.place } : {}),
    date: r.date,
    at: r.createdAt.toISOString(),
  };
}

export function newsFeedItem(n: NewsRecord): FeedItem {
  return {
    id: n._id,
    type: 'news',
    title: n.title,
    body: n.body,
    photos: n.photos,
    date: shanghaiDay(n.createdAt),
    at: n.createdAt.toISOString(),
  };
}

type Keyed = { createdAt: Date; _id: string };

/** Newest first, ties by id descending: the order both lists are read in, so a merged page keeps it. */
export function byNewest(a: Keyed, b: Keyed): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);
}
