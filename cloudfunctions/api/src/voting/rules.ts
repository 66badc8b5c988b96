import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type {
  Campaign,
  CampaignProject,
  CampaignResults,
  CampaignStatus,
  CampaignSummary,
  Eligibility,
  PaperTotals,
  ProjectTotal,
  Recount,
  ResultsVisibility,
  Verification,
} from '../../../../typings/contract';
import { AppError, ensure } from '../app/errors';
import { keyedHash } from '../platform/secrets';
import { needsVerifiedPhone, PHONE_REQUIRED_MESSAGE, type RosterSummary } from '../rosters/rules';

// Pure decisions of a vote campaign: may this ballot be cast, what the totals are, whether the
// recount agrees, who may see what. No I/O here.

export interface CampaignRecord {
  _id: string;
  streetId: string;
  title: string;
  description: string;
  eligibility: Eligibility;
  minChoices: number;
  maxChoices: number;
  opensAt: Date;
  closesAt: Date;
  resultsVisibility: ResultsVisibility;
  /** Absent on campaigns made before phone verification existed: they count WeChat accounts ('none'). */
  verification?: Verification;
  /** The eligibility roster's summary (rosters/), null once removed. */
  roster?: RosterSummary | null;
  projects: CampaignProject[];
  status: CampaignStatus;
  /** How many tally shards exist (`<campaignId>:shard-<k>`, k in 0..shards-1); fixed at creation. */
  shards: number;
  /** Set when closed: the exact count from the ballots, and how it compared with the shards. */
  count?: { ballots: number; votes: Record<string, number> };
  recount?: Omit<Recount, 'at'> & { at: Date };
  /** Running total of the confirmed paper batches (docs/architecture.md#paper-ballots); the recount checks it. */
  paper?: PaperTotals;
  /** Paging position (a subscription id) of the results notice to voteResult subscribers; absent when done or not started. */
  notifyAfter?: { subscription: string } | 'start';
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  openedAt?: Date;
  closedAt?: Date;
  publishedAt?: Date;
}

/**
 * One ballot: the choices and nothing about the voter (docs/architecture.md#voting). Its id is random,
 * so neither the id nor the order of ids tells who or when; the day is the finest time kept.
 */
export interface BallotRecord {
  _id: string;
  campaignId: string;
  streetId: string;
  projectIds: string[];
  /** Keyed hash of the receipt the voter keeps (see receiptHash): proves counting without naming anyone. */
  receiptHash: string;
  /** Shanghai date, YYYY-MM-DD. */
  day: string;
  shard: number;
}

/**
 * That a voter voted, with no choices: `_id` is a keyed hash of campaign and voter key, so the
 * database itself keeps one per voter, and without the server's secret nobody can tell whose it is.
 */
export interface VoterMarker {
  _id: string;
  campaignId: string;
  /** Shanghai date, YYYY-MM-DD: what `votes.mine` answers. */
  day: string;
  /** Keyed hash of the client's requestId, so a resend after a lost answer gets its receipt again. */
  request?: string;
}

export interface TallyShard {
  _id: string;
  campaignId: string;
  streetId: string;
  shard: number;
  /** The campaign's project ids, so results need no second query (frozen once open). */
  projectIds: string[];
  ballots: number;
  votes: Record<string, number>;
  /** Whether anyone (not only staff) may read the running totals. */
  public: boolean;
  closed: boolean;
}

/** Random: a ballot's id says nothing about its voter or its time (the export is sorted by it). */
export const newBallotId = () => randomBytes(12).toString('hex');
/** The running tally a ballot increments while the campaign is open. */
export const shardId = (campaignId: string, shard: number) => `${campaignId}:shard-${shard}`;
/** The sealed copy of a shard: closing removes the running shards, so no ballot can count after it. */
export const finalShardId = (campaignId: string, shard: number) => `${campaignId}:final-${shard}`;
export const pickShard = (shards: number) => randomInt(shards);

// ---- voters

/** Who is voting, as far as the voter key needs: openid always, the rest when the campaign keys by it. */
export interface Voter {
  openid: string;
  delegateId?: string;
  phoneHash?: string;
}

/**
 * Whether the voter key needs the caller's record (one read): a delegates' 票决 keys by the delegate,
 * a resident vote checked by phone (or with a roster) by the verified number. Others key by openid.
 */
export const voterKeyNeedsCaller = (campaign: Pick<CampaignRecord, 'eligibility' | 'verification' | 'roster'>) =>
  campaign.eligibility === 'delegates' || needsVerifiedPhone(campaign);

/**
 * The one thing a campaign counts once: a delegate campaign counts delegates (a rebind after a code
 * reissue is the same delegate), a resident vote checked by phone counts numbers (two WeChat accounts
 * with one number are one voter), any other resident vote counts WeChat accounts. Typed by kind so
 * keys of different kinds never meet.
 */
export function voterKeyOf(campaign: Pick<CampaignRecord, 'eligibility' | 'verification' | 'roster'>, voter: Voter): string {
  if (campaign.eligibility === 'delegates') {
    ensure(voter.delegateId, 'PERMISSION_DENIED', '本次票选仅限人大代表参加');
    return `delegate:${voter.delegateId}`;
  }
  if (needsVerifiedPhone(campaign)) {
    ensure(voter.phoneHash, 'FAILED_PRECONDITION', PHONE_REQUIRED_MESSAGE);
    return `phone:${voter.phoneHash}`;
  }
  return `openid:${voter.openid}`;
}

/** The marker's id: one per voter per campaign; a keyed hash, so stored ids name nobody. */
export const markerId = (campaignId: string, voterKey: string) => keyedHash('VOTER_KEY_SECRET', 'marker', campaignId, voterKey);

/** What a marker keeps of the client's requestId: enough to recognise a resend, nothing to recover it. */
export const requestHash = (marker: string, requestId: string) => keyedHash('VOTER_KEY_SECRET', 'request', marker, requestId);

/**
 * A voter's pass (votes.mine → votes.cast, in a vote checked by phone): the caller's marker for this
 * campaign, signed for this campaign and this WeChat account until it expires, so the cast spares the
 * second read of the caller's record and refuses a repeat by one read. What it names stays true while
 * it lives: the roster is frozen once voting opens, and the marker counts the number once whichever
 * account sends it.
 */
export const VOTER_PASS_MS = 30 * 60_000;

const passSignature = (campaignId: string, openid: string, marker: string, expires: string) =>
  keyedHash('VOTER_KEY_SECRET', 'pass', campaignId, openid, marker, expires);

export function voterPass(campaignId: string, openid: string, marker: string, now: Date): string {
  const expires = (now.getTime() + VOTER_PASS_MS).toString(36);
  return `${expires}.${marker}.${passSignature(campaignId, openid, marker, expires)}`;
}

/** The marker a pass names, when it is this caller's for this campaign and still good; null otherwise (the cast then looks the caller up). */
export function markerFromPass(pass: string, campaignId: string, openid: string, now: Date): string | null {
  const [expires, marker, signature, ...rest] = pass.split('.');
  if (rest.length || !expires || !/^[0-9a-f]{64}$/.test(marker ?? '') || !/^[0-9a-f]{64}$/.test(signature ?? '')) return null;
  const until = parseInt(expires, 36);
  if (!(until > now.getTime() && until <= now.getTime() + VOTER_PASS_MS)) return null;
  const expected = Buffer.from(passSignature(campaignId, openid, marker, expires), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? marker : null;
}

// ---- receipts

// Crockford-like alphabet without look-alikes (0/O, 1/I/L), so a receipt read aloud is unambiguous.
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const RECEIPT_LENGTH = 12;

const formatReceipt = (pick: (i: number) => number) => {
  let code = '';
  for (let i = 0; i < RECEIPT_LENGTH; i++) code += RECEIPT_ALPHABET[pick(i)];
  return code.match(/.{4}/g)!.join('-');
};

/** A fresh receipt code shown once to the voter, e.g. `7KQ4-M2XW-9HDA`. */
export function newReceipt(): string {
  return formatReceipt(() => randomInt(RECEIPT_ALPHABET.length));
}

/**
 * The receipt of a ballot sent with a requestId: derived from the marker and the requestId with the
 * secret, so a resend after a lost answer gets the same receipt while nothing stored holds it. The
 * requestId lives only on the voter's phone, so the receipt cannot be derived again without it.
 */
export function receiptFor(marker: string, requestId: string): string {
  // 256 bits read as one number in base 31: 12 digits of it carry no measurable bias.
  let value = BigInt(`0x${keyedHash('VOTER_KEY_SECRET', 'receipt-code', marker, requestId)}`);
  const base = BigInt(RECEIPT_ALPHABET.length);
  const digits: number[] = [];
  for (let i = 0; i < RECEIPT_LENGTH; i++, value /= base) digits.push(Number(value % base));
  return formatReceipt((i) => digits[i]);
}

/** Receipts are typed back by people: ignore case, spaces and dashes. */
export function normalizeReceipt(receipt: string): string {
  return receipt.toUpperCase().replace(/[\s-]/g, '');
}

/** Only this keyed hash is stored: without the server's secret a receipt seen elsewhere finds no ballot in an export or backup. */
export function receiptHash(campaignId: string, receipt: string): string {
  return keyedHash('VOTER_KEY_SECRET', 'receipt', campaignId, normalizeReceipt(receipt));
}

// ---- casting

export type VotingWindow = 'not_open' | 'open' | 'ended';

export function votingWindow(campaign: Pick<CampaignRecord, 'status' | 'opensAt' | 'closesAt'>, at: Date): VotingWindow {
  if (campaign.status === 'draft' || campaign.status === 'scheduled') return 'not_open';
  if (campaign.status !== 'open' || at >= campaign.closesAt) return 'ended';
  return at < campaign.opensAt ? 'not_open' : 'open';
}

/** Throws the refusal a voter should read, or returns the choices in a canonical order. */
export function checkBallot(campaign: CampaignRecord, projectIds: string[], at: Date): string[] {
  const window = votingWindow(campaign, at);
  ensure(window !== 'not_open', 'FAILED_PRECONDITION', '投票尚未开始，请在开始后再来');
  ensure(window !== 'ended', 'FAILED_PRECONDITION', '投票已经截止');
  ensure(new Set(projectIds).size === projectIds.length, 'INVALID_ARGUMENT', '不能重复选择同一个项目', 'projectIds');
  const known = new Set(campaign.projects.map((p) => p.id));
  ensure(
    projectIds.every((p) => known.has(p)),
    'INVALID_ARGUMENT',
    '所选项目不在本次票选中，请刷新后重试',
    'projectIds',
  );
  ensure(projectIds.length >= campaign.minChoices, 'INVALID_ARGUMENT', `请至少选择 ${campaign.minChoices} 个项目`, 'projectIds');
  ensure(projectIds.length <= campaign.maxChoices, 'INVALID_ARGUMENT', `最多只能选择 ${campaign.maxChoices} 个项目`, 'projectIds');
  const order = new Map(campaign.projects.map((p, i) => [p.id, i]));
  return [...projectIds].sort((a, b) => order.get(a)! - order.get(b)!);
}

export const ALREADY_VOTED = new AppError('ALREADY_EXISTS', '您已经投过票了，每人只能投一次');

// ---- campaign rules and states

/** Rules a campaign must satisfy to be saved (create, or update while draft). */
export function checkRules(
  rules: Pick<CampaignRecord, 'minChoices' | 'maxChoices' | 'opensAt' | 'closesAt'> &
    Partial<Pick<CampaignRecord, 'eligibility' | 'resultsVisibility'>> & { projects: { title: string }[] },
  at: Date,
): void {
  ensure(
    rules.eligibility !== 'delegates' || rules.resultsVisibility !== 'live',
    'INVALID_ARGUMENT',
    '代表票决不能实时公布票数，请选择截止后公布',
    'resultsVisibility',
  );
  ensure(rules.maxChoices >= rules.minChoices, 'INVALID_ARGUMENT', '最多可选数不能小于最少应选数', 'maxChoices');
  ensure(
    rules.maxChoices <= rules.projects.length,
    'INVALID_ARGUMENT',
    `最多可选数不能超过候选项目数（${rules.projects.length} 个）`,
    'maxChoices',
  );
  ensure(rules.closesAt > rules.opensAt, 'INVALID_ARGUMENT', '截止时间必须晚于开始时间', 'closesAt');
  ensure(rules.closesAt > at, 'INVALID_ARGUMENT', '截止时间必须晚于现在', 'closesAt');
  const titles = rules.projects.map((p) => p.title);
  ensure(new Set(titles).size === titles.length, 'INVALID_ARGUMENT', '候选项目名称不能重复', 'projects');
}

export const projectIdsFor = (count: number) => Array.from({ length: count }, (_, i) => `p${i + 1}`);

const STATUS_WORDS: Record<CampaignStatus, string> = {
  draft: '草稿',
  scheduled: '已排期',
  open: '投票中',
  closed: '已截止',
  published: '已公布',
};

/** The refusal for a state change that does not apply to the campaign's current state. */
export function ensureStatus(campaign: Pick<CampaignRecord, 'status'>, expected: CampaignStatus, action: string): void {
  ensure(campaign.status === expected, 'FAILED_PRECONDITION', `票选当前为「${STATUS_WORDS[campaign.status]}」，不能${action}`);
}

// The lifecycle (docs/architecture.md#voting-lifecycle): draft → scheduled → open → closed → published.
// Only a draft's rules change; scheduling freezes them, and only a scheduled campaign opens (by the
// timer at opensAt, or by hand). Leaving the announced times early needs a reason in the audit trail.

/** Rules are edited only while draft; the refusal says how to edit a scheduled campaign. */
export function ensureEditable(campaign: Pick<CampaignRecord, 'status'>): void {
  ensure(campaign.status !== 'scheduled', 'FAILED_PRECONDITION', '票选已排期，规则已冻结；如需修改请先撤回为草稿');
  ensure(campaign.status === 'draft', 'FAILED_PRECONDITION', '票选已经开启，规则不能再修改');
}

/** draft → scheduled: the rules must hold and the opening must still be ahead (the timer opens it). */
export function checkSchedule(campaign: CampaignRecord, at: Date): void {
  ensureStatus(campaign, 'draft', '排期');
  checkRules(campaign, at);
  ensure(campaign.opensAt > at, 'FAILED_PRECONDITION', '开始时间已过，请先修改开始时间再排期', 'opensAt');
}

/**
 * scheduled → draft, while no one can have voted: before the opening, or once the window passed
 * without the campaign opening (the timer never opens it then). Between the two the timer is due to
 * open it; taking it back then would withdraw a vote people were told had started.
 */
export function checkUnschedule(campaign: CampaignRecord, at: Date): void {
  ensureStatus(campaign, 'scheduled', '撤回为草稿');
  ensure(
    at < campaign.opensAt || at >= campaign.closesAt,
    'FAILED_PRECONDITION',
    '已到开始时间，不能撤回；投票将自动开启，如需停止请开启后提前截止并说明理由',
  );
}

/** scheduled → open by hand: never after closing time; before the announced opening only with a reason. */
export function openingTimes(campaign: CampaignRecord, at: Date, reason: string | undefined): { opensAt: Date } {
  ensureStatus(campaign, 'scheduled', '开启');
  ensure(at < campaign.closesAt, 'FAILED_PRECONDITION', '截止时间已过，不能开启；请撤回为草稿修改时间');
  if (at < campaign.opensAt) ensure(!!reason, 'INVALID_ARGUMENT', '提前开启投票需要填写理由', 'reason');
  return { opensAt: campaign.opensAt < at ? campaign.opensAt : at };
}

/** open → closed: at closing time anyone (the timer) may close; before it only staff with a reason. */
export function closingTimes(campaign: CampaignRecord, at: Date, reason: string | undefined): { closesAt: Date } {
  ensureStatus(campaign, 'open', '截止');
  if (at < campaign.closesAt) ensure(!!reason, 'INVALID_ARGUMENT', '提前截止投票需要填写理由', 'reason');
  return { closesAt: campaign.closesAt < at ? campaign.closesAt : at };
}

/** The timer opens only scheduled campaigns: a draft whose opening passed stays a draft. */
export const dueToOpen = (c: CampaignRecord, at: Date) => c.status === 'scheduled' && c.opensAt <= at && at < c.closesAt;
export const dueToClose = (c: CampaignRecord, at: Date) => c.status === 'open' && c.closesAt <= at;

// ---- counting

export function sumShards(shards: Pick<TallyShard, 'ballots' | 'votes'>[]): { ballots: number; votes: Record<string, number> } {
  const votes: Record<string, number> = {};
  let ballots = 0;
  for (const shard of shards) {
    ballots += shard.ballots ?? 0;
    for (const [projectId, n] of Object.entries(shard.votes ?? {})) votes[projectId] = (votes[projectId] ?? 0) + n;
  }
  return { ballots, votes };
}

/** Every project, most votes first (ties keep the campaign's order and share a rank). */
export function rankTotals(projectIds: string[], ballots: number, votes: Record<string, number>): ProjectTotal[] {
  const rows = projectIds.map((projectId, order) => ({ projectId, votes: votes[projectId] ?? 0, order }));
  rows.sort((a, b) => b.votes - a.votes || a.order - b.order);
  let rank = 0;
  return rows.map((row, i) => {
    if (i === 0 || row.votes !== rows[i - 1].votes) rank = i + 1;
    return { projectId: row.projectId, votes: row.votes, share: ballots ? row.votes / ballots : 0, rank };
  });
}

/** Compares the count from the ballots with the running totals of the shards. */
export function compareCounts(
  fromBallots: { ballots: number; votes: Record<string, number> },
  fromShards: { ballots: number; votes: Record<string, number> },
  projectIds: string[],
  at: Date,
): Omit<Recount, 'at'> & { at: Date } {
  const problems: string[] = [];
  if (fromBallots.ballots !== fromShards.ballots) problems.push(`选票 ${fromBallots.ballots} 张，计数分片合计 ${fromShards.ballots} 张`);
  for (const projectId of projectIds) {
    const a = fromBallots.votes[projectId] ?? 0;
    const b = fromShards.votes[projectId] ?? 0;
    if (a !== b) problems.push(`项目 ${projectId} 选票计得 ${a} 票，分片合计 ${b} 票`);
  }
  const base = { ballots: fromBallots.ballots, shardBallots: fromShards.ballots, matches: problems.length === 0, at };
  return problems.length ? { ...base, problem: `复核不一致：${problems.slice(0, 3).join('；')}` } : base;
}

export function ensurePublishable(recount: Pick<Recount, 'matches' | 'problem'>): void {
  if (!recount.matches) throw new AppError('FAILED_PRECONDITION', `不能公布结果。${recount.problem ?? '复核不一致'}，请技术人员核查后再试`);
}

// ---- who sees what

/** Running totals while voting: only a resident campaign that chose `live`; delegates' 票决 never. */
export const showsLive = (c: Pick<CampaignRecord, 'resultsVisibility' | 'eligibility'>) =>
  c.resultsVisibility === 'live' && c.eligibility === 'residents';

/**
 * Whether residents and delegates may read a shard's totals: when live, or once published. Stored on
 * each shard so `campaigns.results` needs no second query; publishing marks every sealed shard.
 */
export const shardIsPublic = (c: Pick<CampaignRecord, 'status' | 'resultsVisibility' | 'eligibility'>) =>
  c.status === 'published' || showsLive(c);

/**
 * Who reads totals (docs/architecture.md#voting): public shards, everyone; a sealed (`after_close`)
 * campaign's totals nobody until the close, staff included; then staff, to check and publish them.
 */
export function ensureResultsVisible(shard: Pick<TallyShard, 'public' | 'closed'>, isStaff: boolean): void {
  if (shard.public) return;
  ensure(shard.closed || !isStaff, 'PERMISSION_DENIED', '投票截止前任何人（包括工作人员）都不能查看票数');
  ensure(shard.closed, 'PERMISSION_DENIED', '本次票选在投票截止后公布结果');
  ensure(isStaff, 'PERMISSION_DENIED', '结果正在复核，公布后即可查看');
}

/** Whether `campaigns.get` for this caller can differ from what everyone sees (so the caller's role matters). */
export const viewDependsOnRole = (c: Pick<CampaignRecord, 'status' | 'recount' | 'count'>) =>
  Boolean(c.recount || c.count) && (c.status === 'closed' || c.status === 'published');

export function toSummary(c: CampaignRecord): CampaignSummary {
  return {
    id: c._id,
    title: c.title,
    status: c.status,
    eligibility: c.eligibility,
    minChoices: c.minChoices,
    maxChoices: c.maxChoices,
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    resultsVisibility: c.resultsVisibility,
    verification: c.verification ?? 'none',
    projectCount: c.projects.length,
    ...(c.roster ? { rosterCount: c.roster.count } : {}),
  };
}

/** Online ballots and confirmed paper batches together: what results and the adopted projects count. */
export function combinedCount(c: Pick<CampaignRecord, 'count' | 'paper'>): { ballots: number; votes: Record<string, number> } {
  const votes = { ...(c.count?.votes ?? {}) };
  for (const [id, n] of Object.entries(c.paper?.votes ?? {})) votes[id] = (votes[id] ?? 0) + n;
  return { ballots: (c.count?.ballots ?? 0) + (c.paper?.ballots ?? 0), votes };
}

/**
 * The checked count shows once published (or once closed, to staff and for a live campaign whose
 * totals were public anyway); the recount's details are staff's.
 */
export function toCampaign(c: CampaignRecord, isStaff: boolean): Campaign {
  const campaign: Campaign = { ...toSummary(c), description: c.description, projects: c.projects };
  const counted = c.status === 'published' || (c.status === 'closed' && (isStaff || showsLive(c)));
  if (c.count && counted) {
    const { ballots, votes } = combinedCount(c);
    campaign.results = {
      ballots,
      totals: rankTotals(
        c.projects.map((p) => p.id),
        ballots,
        votes,
      ),
      final: true,
      ...(c.paper?.batches ? { sources: { online: c.count, paper: c.paper } } : {}),
    };
  }
  if (c.recount && isStaff) campaign.recount = { ...c.recount, at: c.recount.at.toISOString() };
  return campaign;
}

export function newShards(
  campaign: Pick<CampaignRecord, '_id' | 'streetId' | 'shards' | 'projects' | 'status' | 'resultsVisibility' | 'eligibility'>,
): TallyShard[] {
  return Array.from({ length: campaign.shards }, (_, shard) => ({
    _id: shardId(campaign._id, shard),
    campaignId: campaign._id,
    streetId: campaign.streetId,
    shard,
    projectIds: campaign.projects.map((p) => p.id),
    ballots: 0,
    votes: {},
    public: shardIsPublic(campaign),
    closed: false,
  }));
}

/** Drafts are for staff; the public list is every campaign that has opened. */
export const PUBLIC_STATUSES: CampaignStatus[] = ['open', 'closed', 'published'];

// ---- CSV export

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export const CSV_HEADER = 'choices,day';

/**
 * One line per ballot, in ballot-id order (random, so neither time nor voter): choices as project ids
 * joined by `;` (titles are in the campaign) and the day. Staff's export and the public open data are
 * this same file, so anyone can recount the published totals.
 */
export function ballotsToCsv(ballots: Pick<BallotRecord, 'projectIds' | 'day'>[], withHeader: boolean): string {
  const lines = ballots.map((b) => [b.projectIds.join(';'), b.day].map(csvCell).join(','));
  return (withHeader ? [CSV_HEADER, ...lines] : lines).join('\n');
}
