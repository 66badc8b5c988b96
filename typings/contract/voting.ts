import type { ActionSpec, IsoTime, Page, Retryable } from './common';
import type { PaperTotals } from './paper';

// 民生实事项目票选: campaigns of candidate projects, secret ballots with receipts, sharded tallies.
// A ballot is stored without its voter, and a voter's marker without choices (docs/architecture.md#voting).

/** A Shanghai calendar day, YYYY-MM-DD: the finest time a vote is known by. */
export type IsoDay = string;

/**
 * draft → scheduled (rules frozen) → open → closed → published; staff may take a scheduled campaign
 * back to draft before it opens (docs/architecture.md#voting-lifecycle).
 */
export type CampaignStatus = 'draft' | 'scheduled' | 'open' | 'closed' | 'published';
export type Eligibility = 'residents' | 'delegates';
export type ResultsVisibility = 'live' | 'after_close';
/** How a resident vote knows one person: 'phone' (verified with WeChat, one number one ballot) or 'none' (one WeChat account). */
export type Verification = 'none' | 'phone';

export interface CampaignProjectInput {
  title: string;
  summary: string;
  category: string;
  /** Estimated budget in 万元. */
  budget?: number;
  location?: string;
  responsibleUnit?: string;
}

export interface CampaignProject extends CampaignProjectInput {
  /** Stable within its campaign: p1, p2, ... */
  id: string;
  /** Marked by staff after publishing: becomes one of the year's 民生实事. */
  selected?: boolean;
}

export interface CampaignRules {
  title: string;
  description: string;
  eligibility: Eligibility;
  minChoices: number;
  maxChoices: number;
  opensAt: IsoTime;
  closesAt: IsoTime;
  resultsVisibility: ResultsVisibility;
  /** Resident campaigns: 'phone' unless staff chose otherwise; delegate campaigns: always 'none' (they key by delegate). */
  verification: Verification;
}

/** A row of the campaign list: no project details. */
export interface CampaignSummary extends Omit<CampaignRules, 'description'> {
  id: string;
  status: CampaignStatus;
  projectCount: number;
  /** Numbers on the eligibility roster, when one is attached: only they may vote. */
  rosterCount?: number;
}

export interface ProjectTotal {
  projectId: string;
  votes: number;
  /** votes / ballots, 0..1. */
  share: number;
  /** 1 for the most votes; ties share a rank. */
  rank: number;
}

export interface CampaignResults {
  ballots: number;
  /** Ranked, most votes first; every project appears. */
  totals: ProjectTotal[];
  /** True once closed: the count was checked against the ballots. */
  final: boolean;
  /** When paper batches were counted: the totals above are online + paper, and these are the parts. */
  sources?: { online: { ballots: number; votes: Record<string, number> }; paper: PaperTotals };
}

/** The close-time recount from the ballots, compared with the sharded running totals. */
export interface Recount {
  ballots: number;
  shardBallots: number;
  /** Ballots of the confirmed paper batches, added up again from the batches (docs/architecture.md#paper-ballots). */
  paperBallots?: number;
  matches: boolean;
  /** Why it does not match, in Chinese; absent when it does. */
  problem?: string;
  at: IsoTime;
}

export interface Campaign extends CampaignSummary {
  description: string;
  projects: CampaignProject[];
  /** The checked count: once published; once closed for staff, and for a live campaign. */
  results?: CampaignResults;
  /** Staff only. */
  recount?: Recount;
}

export type CampaignInput = Omit<CampaignRules, 'resultsVisibility' | 'verification'> & {
  resultsVisibility?: ResultsVisibility;
  /** Resident campaigns default to 'phone'; ignored for delegate campaigns. */
  verification?: Verification;
  projects: CampaignProjectInput[];
};

/** Whether the caller voted, and on which day; the choices are not on the server's side of the link (the phone keeps them). */
export interface MyVote {
  voted: boolean;
  day?: IsoDay;
  /**
   * A vote checked by phone that this caller cannot cast yet: 'verify_phone' (verify first: the page
   * offers one tap), 'not_on_roster' (the verified number, masked, is not on the campaign's roster).
   */
  blocked?: 'verify_phone' | 'not_on_roster';
  maskedPhone?: string;
  /**
   * A vote checked by phone that this caller may cast now: a signed pass, good for 30 minutes, to send
   * back with `votes.cast`. It names this caller's voter marker for this campaign (never the number),
   * so the cast needs no second look at the caller's record, and a repeat is refused by one read.
   * Without it, or once it has expired, the cast looks the caller up again.
   */
  pass?: string;
}

/** What a voter gets once, and keeps on the phone: the receipt that proves the ballot was counted. */
export interface CastAnswer {
  receipt: string;
  day: IsoDay;
}

/** A page of the ballots as CSV: `choices,day`, in ballot-id order (random: neither time nor voter). */
export interface BallotsCsv {
  csv: string;
  rows: number;
  nextCursor: string | null;
}

/** Published open data: the CSV anyone can recount, with the published totals beside it. */
export interface OpenData extends BallotsCsv {
  campaignId: string;
  title: string;
  projects: { id: string; title: string }[];
  results: CampaignResults;
}

export interface VotingActions {
  'campaigns.list': ActionSpec<{ status?: CampaignStatus; cursor?: string }, Page<CampaignSummary>>;
  'campaigns.get': ActionSpec<{ id: string }, Campaign>;
  'campaigns.results': ActionSpec<{ id: string }, CampaignResults>;
  /** Once published: the ballots' CSV a page at a time, with the totals. */
  'campaigns.openData': ActionSpec<{ id: string; cursor?: string }, OpenData>;
  /** A resend with the same requestId gets the same receipt; any other second ballot is ALREADY_EXISTS. */
  'votes.cast': ActionSpec<{ campaignId: string; projectIds: string[]; pass?: string } & Retryable, CastAnswer>;
  'votes.mine': ActionSpec<{ campaignId: string }, MyVote>;
  /** Says whether a receipt was counted and on which day, never by whom or for what. */
  'votes.verify': ActionSpec<{ campaignId: string; receipt: string }, { counted: boolean; day?: IsoDay }>;
  'admin.campaigns.create': ActionSpec<CampaignInput & Retryable, { id: string; projectIds: string[] }>;
  /** Only while draft: scheduling freezes the rules. */
  'admin.campaigns.update': ActionSpec<{ id: string } & Partial<CampaignInput> & Retryable, { id: string; projectIds: string[] }>;
  /** draft → scheduled: freezes the rules; `opensAt` must still be ahead. The timer opens it at `opensAt`. */
  'admin.campaigns.schedule': ActionSpec<{ id: string } & Retryable, { status: CampaignStatus }>;
  /** scheduled → draft, before `opensAt` (or once its window has passed unopened), to change the rules. */
  'admin.campaigns.unschedule': ActionSpec<{ id: string; reason?: string } & Retryable, { status: CampaignStatus }>;
  /** scheduled → open by hand; before `opensAt` (voting starts now) it needs a `reason`. */
  'admin.campaigns.open': ActionSpec<{ id: string; reason?: string } & Retryable, { status: CampaignStatus }>;
  /** open → closed, then the recount; before `closesAt` it needs a `reason`. */
  'admin.campaigns.close': ActionSpec<{ id: string; reason?: string }, { status: CampaignStatus; recount: Recount }>;
  /** Refused unless the recount from the ballots equals the sharded totals. */
  'admin.campaigns.publish': ActionSpec<{ id: string }, { status: CampaignStatus; recount: Recount }>;
  /** Replaces the selection of projects for implementation (the year's 民生实事). */
  'admin.campaigns.select': ActionSpec<{ id: string; projectIds: string[] } & Retryable, { selected: string[] }>;
  /** Once closed: the ballots as CSV (choices and day only), a page at a time; the same file becomes open data once published. */
  'admin.campaigns.exportBallots': ActionSpec<{ id: string; cursor?: string }, BallotsCsv>;
  /**
   * 代办投票 at a 家站点: a staff member casts for a resident who verified their own number on the staff
   * member's phone (`code` from getPhoneNumber). The ballot is the resident's (their number is the voter
   * key, so they cannot also vote online); the audit trail records that it was assisted, where and by
   * whom, never the choices. Only resident votes checked by phone. The answer (the resident's receipt)
   * is shown to the resident and kept nowhere. A resend after a lost answer needs a fresh code (codes
   * work once) with the same requestId, and gets the same receipt.
   */
  'admin.votes.castAssisted': ActionSpec<
    { campaignId: string; stationId: string; code: string; projectIds: string[] } & Retryable,
    CastAnswer
  >;
}
