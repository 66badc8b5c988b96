import type { DerivedDuty, DutyEntry, DutyKind, DutyProgress, FeedItem } from '../../typings/contract';
import { DUTY_KINDS } from '../generated/contract';
import { formatDay, shanghai } from './time';
import { photoSource } from './upload';

// 履职 on the phone: rows and labels shared by the handbook, the report, the statistics and the feed.

export { DUTY_KINDS };

/** This year in Shanghai. */
export const currentYear = (): number => shanghai().year();

/** The years a page offers: this one and the two before (what a delegate may still log). */
export const recentYears = (): number[] => [0, 1, 2].map((back) => currentYear() - back);

export interface ProgressRow {
  kind: DutyKind;
  label: string;
  /** 0–100, for the progress bar. */
  percent: number;
  met: boolean;
}

export function toProgressRow(t: DutyProgress): ProgressRow {
  return {
    kind: t.kind,
    label: `${t.kind} ${t.done}/${t.required}`,
    percent: Math.min(100, Math.round((t.done / t.required) * 100)),
    met: t.done >= t.required,
  };
}

export interface EntryRow {
  id: string;
  kind: DutyKind;
  /** What an edit starts from. */
  date: string;
  place: string;
  isPublic: boolean;
  fileIDs: string[];
  title: string;
  summary: string;
  meta: string;
  photos: string[];
  /** 审核中 / 未通过审核 / 仅自己可见, or ''. */
  note: string;
}

export function toEntryRow(e: DutyEntry): EntryRow {
  const note = e.held ? '内容审核中，暂不公开' : e.rejected ? '未通过内容审核，不计入履职' : e.isPublic ? '' : '不公开';
  return {
    id: e.id,
    kind: e.kind,
    date: e.date,
    place: e.place ?? '',
    isPublic: e.isPublic,
    fileIDs: e.photos,
    title: e.kind,
    summary: e.summary,
    meta: [formatDay(e.date), e.place].filter(Boolean).join(' · '),
    photos: e.photos.map(photoSource),
    note,
  };
}

const SOURCE_LABELS: Record<DerivedDuty['source'], string> = {
  messages: '代表连线',
  receptions: '接待日',
  suggestions: '代表建议',
  supervisions: '民生实事督办',
};

export interface DerivedRow {
  key: string;
  title: string;
  meta: string;
  refId: string;
}

export function toDerivedRow(d: DerivedDuty, index: number): DerivedRow {
  const month = d.source === 'messages' ? `${Number(d.date.slice(5, 7))}月` : formatDay(d.date);
  // Only a suggestion has a page of its own to open yet.
  const refId = d.source === 'suggestions' ? (d.refId ?? '') : '';
  return { key: `${d.source}-${index}`, title: d.title, meta: `${SOURCE_LABELS[d.source]} · ${d.kind} · ${month}`, refId };
}

export interface FeedRow {
  id: string;
  title: string;
  body: string;
  meta: string;
  photos: string[];
  delegateId: string;
  /** The year of the entry's day: which report a delegate's item opens. */
  year: number;
}

export function toFeedRow(item: FeedItem): FeedRow {
  return {
    id: item.id,
    title: item.title,
    body: item.body,
    meta: [item.type === 'news' ? '工委动态' : item.kind, formatDay(item.date), item.place].filter(Boolean).join(' · '),
    photos: item.photos.map(photoSource),
    delegateId: item.delegateId ?? '',
    year: Number(item.date.slice(0, 4)),
  };
}
