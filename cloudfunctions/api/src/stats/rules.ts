import type { ResponseStats, YearSummary } from '../../../../typings/contract';
import { STATS_MIN_SAMPLE } from '../messages/rules';

// The street's public figures as counters (docs/architecture.md#public-figures): one document per street,
// `figures/<streetId>`, whose fields count messages by what the figures need. Each write of a message adds
// the difference between what the message counts for after and before (`messages/rules.ts` `figuresOf`),
// so every figure is one document read. `admin.stats.rebuild` recomputes the document from the messages.

/** Counter paths and their values, e.g. { 'years.2026.collected': 12, 'delegates.d01.h3': 2 }. */
export type Counts = Record<string, number>;

export interface FiguresRecord {
  _id: string;
  years?: Record<string, { collected?: number; replied?: number; resolved?: number; rated?: number; content?: number }>;
  months?: Record<string, MonthCounts & { stations?: Record<string, MonthCounts> }>;
  delegates?: Record<string, DelegateCounts>;
}

export interface MonthCounts {
  collected?: number;
  resolved?: number;
}

/** A delegate's counts; `h<N>` holds the messages first answered within N..N+1 hours (the last bucket: later). */
export type DelegateCounts = { received?: number; replied?: number; withinSla?: number; rated?: number; content?: number } & Record<
  string,
  number | undefined
>;

/** What changed between two sets of counts: only the paths that moved. */
export function countsDelta(before: Counts, after: Counts): Counts {
  const delta: Counts = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const change = (after[key] ?? 0) - (before[key] ?? 0);
    if (change) delta[key] = change;
  }
  return delta;
}

/** The sum of many messages' counts: the rebuild. */
export function sumCounts(all: Counts[]): Counts {
  const total: Counts = {};
  for (const counts of all) for (const [key, value] of Object.entries(counts)) total[key] = (total[key] ?? 0) + value;
  return total;
}

/** The document's counters as flat paths, to compare a rebuild with what is stored. */
export function flatten(value: unknown, prefix = ''): Counts {
  const out: Counts = {};
  if (typeof value === 'number') {
    if (value) out[prefix] = value;
    return out;
  }
  if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value))
      if (key !== '_id') Object.assign(out, flatten(inner, prefix ? `${prefix}.${key}` : key));
  return out;
}

/** Flat paths back into the document's nested shape. */
export function nest(counts: Counts): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(counts)) {
    const parts = path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return root;
}

export function yearSummary(year: number, record: FiguresRecord | null): YearSummary {
  const y = record?.years?.[String(year)] ?? {};
  const rated = y.rated ?? 0;
  return {
    year,
    collected: y.collected ?? 0,
    replied: y.replied ?? 0,
    resolved: y.resolved ?? 0,
    // A rate from a handful of ratings says nothing: below the minimum sample it is not shown.
    ...(rated >= STATS_MIN_SAMPLE ? { satisfactionRate: round((y.content ?? 0) / rated) } : {}),
  };
}

export function monthCounts(record: FiguresRecord | null, month: string, stationId?: string): { collected: number; resolved: number } {
  const m = record?.months?.[month];
  const counts = stationId ? m?.stations?.[stationId] : m;
  return { collected: counts?.collected ?? 0, resolved: counts?.resolved ?? 0 };
}

/**
 * Public response statistics from a delegate's counts; below the minimum sample only the count shows,
 * and each figure needs its own sample: the median as many first replies, the satisfaction rate as many ratings.
 */
export function delegateStats(delegateId: string, counts: DelegateCounts | undefined): ResponseStats {
  const received = counts?.received ?? 0;
  if (received < STATS_MIN_SAMPLE) return { delegateId, received, sufficient: false };
  const withinSla = counts?.withinSla ?? 0;
  const rated = counts?.rated ?? 0;
  const median = medianHours(counts ?? {});
  return {
    delegateId,
    received,
    sufficient: true,
    repliedWithinSla: withinSla,
    repliedWithinSlaRate: round(withinSla / received),
    ...(median !== undefined && (counts?.replied ?? 0) >= STATS_MIN_SAMPLE ? { medianFirstReplyHours: median } : {}),
    ...(rated >= STATS_MIN_SAMPLE ? { satisfactionRate: round((counts?.content ?? 0) / rated) } : {}),
  };
}

/** The median of the hour buckets, as the middle of its bucket (hours are shown rounded to the hour). */
function medianHours(counts: DelegateCounts): number | undefined {
  const buckets = Object.entries(counts)
    .filter(([key, n]) => /^h\d+$/.test(key) && n)
    .map(([key, n]) => [Number(key.slice(1)), n as number] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (!total) return undefined;
  // The value at rank (total - 1) / 2, averaging the two middle ones for an even count.
  const at = (rank: number) => {
    let seen = 0;
    for (const [hour, n] of buckets) if ((seen += n) > rank) return hour + 0.5;
    return buckets[buckets.length - 1][0] + 0.5;
  };
  return round((at(Math.floor((total - 1) / 2)) + at(Math.ceil((total - 1) / 2))) / 2, 1);
}

function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
