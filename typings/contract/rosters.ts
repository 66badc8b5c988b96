import type { ActionSpec, Retryable } from './common';

// Eligibility rosters: staff attach the phone numbers of a community's households to a resident
// campaign before it opens; then only those numbers, verified with WeChat, may vote. Only keyed
// hashes of the numbers are stored.

export interface RosterImport {
  /** Distinct numbers now on the roster. */
  count: number;
  /** Numbers listed more than once (counted once). */
  duplicates: number;
}

export interface RostersActions {
  /**
   * Replaces the campaign's roster with the numbers in `csv` (one household a line; other columns
   * such as names are ignored). A file with any bad line is refused whole, naming the lines.
   */
  'admin.rosters.import': ActionSpec<{ campaignId: string; csv: string } & Retryable, RosterImport>;
  /** Removes the roster: every verified phone may vote again. */
  'admin.rosters.remove': ActionSpec<{ campaignId: string } & Retryable, { removed: boolean }>;
}
