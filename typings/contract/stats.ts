import type { ActionSpec } from './common';

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

export interface StatsActions {
  'stats.summary': ActionSpec<Record<string, never>, YearSummary>;
}
