import type { ActionSpec, Retryable } from './common';

// The street's figures for everyone to see.

/** The Shanghai year's messages so far, for the home page. */
export interface YearSummary {
  year: number;
  collected: number;
  replied: number;
  resolved: number;
  /** 0..1, absent when nothing is rated yet. */
  satisfactionRate?: number;
}

/** Staff's check of the counters: recomputed from the messages; which counters differed from what was stored. */
export interface FiguresCheck {
  messages: number;
  matched: boolean;
  /** Counter paths that differed (at most 50), e.g. `years.2026.replied`. */
  differences: string[];
}

export interface StatsActions {
  'stats.summary': ActionSpec<Record<string, never>, YearSummary>;
  'admin.stats.rebuild': ActionSpec<Retryable, FiguresCheck>;
}
