import type { ActionSpec, IsoTime, Retryable } from './common';

// Paper ballots at 家站点 (docs/architecture.md#paper-ballots): staff enter each station's batch
// (how many valid ballots, and each project's votes); a second staff member enters the same figures
// again without seeing the first, and only a batch whose two entries agree counts.

export type PaperBatchStatus = 'pending' | 'confirmed' | 'discarded';

/** What is typed from the station's count sheet. Every project of the campaign has its number. */
export interface PaperFigures {
  /** Valid paper ballots in the batch. */
  ballots: number;
  /** Votes per project id (p1, p2, ...); each at most `ballots`. */
  votes: Record<string, number>;
}

export interface PaperBatch {
  id: string;
  campaignId: string;
  stationId: string;
  stationName: string;
  status: PaperBatchStatus;
  /** Staff openids and times of the first entry and of the agreeing second entry. */
  enteredBy: string;
  enteredAt: IsoTime;
  confirmedBy?: string;
  confirmedAt?: IsoTime;
  /** Only once confirmed: a pending batch's figures stay hidden so the second entry is independent. */
  figures?: PaperFigures;
  /** Second entries that disagreed with the first. */
  mismatches: number;
}

/** The confirmed paper batches of a campaign, added up. */
export interface PaperTotals {
  batches: number;
  ballots: number;
  votes: Record<string, number>;
}

export interface PaperActions {
  /** First entry of a station's batch (one live batch per station); it counts only once confirmed. */
  'admin.paper.enter': ActionSpec<{ campaignId: string; stationId: string } & PaperFigures & Retryable, { id: string }>;
  /**
   * Second entry, by another staff member: equal figures confirm the batch; different ones leave it
   * pending and say which figures differ (never the first entry's values).
   */
  'admin.paper.confirm': ActionSpec<
    { id: string } & PaperFigures & Retryable,
    { status: 'confirmed' } | { status: 'mismatch'; differences: string[] }
  >;
  /** Sets a pending batch aside (a wrong first entry), with a reason; the station can be entered again. */
  'admin.paper.discard': ActionSpec<{ id: string; reason: string } & Retryable, { status: 'discarded' }>;
  /** Every station's batch of a campaign and the confirmed totals. */
  'admin.paper.list': ActionSpec<{ campaignId: string }, { items: PaperBatch[]; confirmed: PaperTotals }>;
}
