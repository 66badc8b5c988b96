import * as z from 'zod';
import type { CampaignStatus, DataOf, PayloadOf, Recount, VotingActions } from '../../../../typings/contract';
import type { ActionTable, TimerJob } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { cursor, id, requestId } from '../app/validation';
import { queueNotifications } from '../notify/outbox';
import { subscribersPage } from '../notify/store';
import { comparePaper, paperTotals } from '../paper/rules';
import { listBatches as listPaperBatches } from '../paper/store';
import type { Transaction } from '../platform/db';
import { isDuplicateKeyError } from '../platform/db';
import { shanghaiDay } from '../platform/time';
import { phoneStanding, voterPhoneHash } from '../rosters/eligibility';
import { needsVerifiedPhone } from '../rosters/rules';
import {
  ALREADY_VOTED,
  ballotsToCsv,
  checkBallot,
  compareCounts,
  dueToClose,
  dueToOpen,
  closingTimes,
  ensureResultsVisible,
  markerId,
  markerFromPass,
  newBallotId,
  newReceipt,
  openingTimes,
  pickShard,
  PUBLIC_STATUSES,
  rankTotals,
  receiptFor,
  receiptHash,
  requestHash,
  shardIsPublic,
  sumShards,
  toCampaign,
  toSummary,
  viewDependsOnRole,
  voterKeyNeedsCaller,
  voterKeyOf,
  voterPass,
  type CampaignRecord,
  type Voter,
} from './rules';
import * as store from './store';

// What residents and delegates do with a vote, and the campaign's life on the timer. Staff's actions: admin-actions.ts.

export const MAX_SHARDS = 100;
const NOTIFY_BATCH = 500;
/** A ballot's transaction is retried on transient failures and conflicts; refusals are never retried. */
const CAST_ATTEMPTS = 5;

const byId = z.strictObject({ id: id() });
/** A ballot's choices (checkBallot checks them against the campaign). */
export const choices = z.array(id()).min(1).max(50);
const receiptInput = z
  .string()
  .trim()
  .min(4)
  .max(40)
  .regex(/^[A-Za-z0-9\s-]+$/);
const campaignCursor = z.strictObject({ opensAt: cursorPart.time(), id: cursorPart.text() });

export const campaignNotFound = () => new AppError('NOT_FOUND', '票选不存在或已删除', 'id');

// ---- reading campaigns and results

async function listCampaigns(input: PayloadOf<'campaigns.list'>, ctx: RequestContext): Promise<DataOf<'campaigns.list'>> {
  if (input.status && !PUBLIC_STATUSES.includes(input.status))
    ensure(await ctx.hasRole('staff'), 'PERMISSION_DENIED', '只有工委工作人员可以查看草稿', 'status');
  const statuses = input.status ? [input.status] : PUBLIC_STATUSES;
  const records = await store.listCampaigns(ctx.streetId, statuses, decodeCursor(input.cursor, campaignCursor), rowsFor());
  return pageOf(records, (c) => ({ opensAt: c.opensAt, id: c._id }), toSummary);
}

async function getCampaign(input: PayloadOf<'campaigns.get'>, ctx: RequestContext): Promise<DataOf<'campaigns.get'>> {
  const campaign = await store.findCampaign(ctx.streetId, input.id);
  // The caller is looked up only when the answer depends on it (not yet public, or staff-only details).
  const hidden = !!campaign && !PUBLIC_STATUSES.includes(campaign.status);
  const isStaff = !!campaign && (hidden || viewDependsOnRole(campaign)) && (await ctx.hasRole('staff'));
  if (!campaign || (hidden && !isStaff)) throw campaignNotFound();
  return toCampaign(campaign, isStaff);
}

async function results(input: PayloadOf<'campaigns.results'>, ctx: RequestContext): Promise<DataOf<'campaigns.results'>> {
  const shards = await store.readShards(ctx.streetId, input.id, MAX_SHARDS);
  if (!shards.length) throw campaignNotFound();
  ensureResultsVisible(shards[0], !shards[0].public && (await ctx.hasRole('staff')));
  const { ballots, votes } = sumShards(shards);
  return { ballots, totals: rankTotals(shards[0].projectIds, ballots, votes), final: shards.every((s) => s.closed) };
}

/**
 * Published open data: the ballots as the same CSV staff export (choices and day, in ballot-id
 * order) with the published totals beside it, so anyone can recount. A page at a time.
 */
async function openData(input: PayloadOf<'campaigns.openData'>, ctx: RequestContext): Promise<DataOf<'campaigns.openData'>> {
  const campaign = await store.findCampaign(ctx.streetId, input.id);
  if (!campaign || !PUBLIC_STATUSES.includes(campaign.status)) throw campaignNotFound();
  ensure(campaign.status === 'published' && campaign.count, 'FAILED_PRECONDITION', '结果公布后才提供选票明细数据');
  const page = await ballotsCsvPage(ctx, campaign._id, input.cursor);
  const projectIds = campaign.projects.map((p) => p.id);
  return {
    campaignId: campaign._id,
    title: campaign.title,
    projects: campaign.projects.map((p) => ({ id: p.id, title: p.title })),
    results: { ballots: campaign.count.ballots, totals: rankTotals(projectIds, campaign.count.ballots, campaign.count.votes), final: true },
    ...page,
  };
}

const CSV_PAGE_SIZE = 500;
const ballotCursor = z.strictObject({ id: cursorPart.text() });

/** A page of the ballots' CSV (the header on the first page): staff's export and the open data alike. */
export async function ballotsCsvPage(ctx: RequestContext, campaignId: string, cursorValue: string | undefined) {
  const after = decodeCursor(cursorValue, ballotCursor);
  const rows = await store.ballotsPage(ctx.streetId, campaignId, after?.id ?? null, rowsFor(CSV_PAGE_SIZE));
  const page = pageOf(
    rows,
    (b) => ({ id: b._id }),
    (b) => b,
    CSV_PAGE_SIZE,
  );
  return { csv: ballotsToCsv(page.items, !cursorValue), rows: page.items.length, nextCursor: page.nextCursor };
}

// ---- voting

/**
 * Open campaigns this warm instance has read. Their rules are frozen once open (updates are for
 * drafts only), and the close is ordered against each ballot by the shard read inside the ballot's
 * transaction, not by this copy; so a copy only spares a vote day one query per ballot.
 */
const openCampaigns = new Map<string, CampaignRecord>();
const OPEN_CAMPAIGNS_KEPT = 20;

export async function campaignToVoteIn(ctx: RequestContext, campaignId: string): Promise<CampaignRecord | null> {
  const key = `${ctx.streetId}:${campaignId}`;
  const kept = openCampaigns.get(key);
  if (kept) return kept;
  const campaign = await store.findCampaign(ctx.streetId, campaignId);
  if (campaign?.status === 'open') {
    if (openCampaigns.size >= OPEN_CAMPAIGNS_KEPT) openCampaigns.delete(openCampaigns.keys().next().value!);
    openCampaigns.set(key, campaign);
  }
  return campaign;
}

/** The caller as the campaign's voter key needs them: the caller's record is read only when it is needed. */
async function voterOf(ctx: RequestContext, campaign: CampaignRecord): Promise<Voter> {
  if (!voterKeyNeedsCaller(campaign)) return { openid: ctx.openid };
  const [caller, phoneHash] = await Promise.all([ctx.caller(), voterPhoneHash(ctx, campaign)]);
  return { openid: ctx.openid, ...(caller.delegateId ? { delegateId: caller.delegateId } : {}), ...(phoneHash ? { phoneHash } : {}) };
}

/** A resident's or a delegate's own ballot: the voter key from the platform's identity (voterOf). */
async function cast(input: PayloadOf<'votes.cast'>, ctx: RequestContext): Promise<DataOf<'votes.cast'>> {
  // The campaign is read outside the transaction (see campaignToVoteIn).
  const campaign = await campaignToVoteIn(ctx, input.campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', '票选不存在或已删除', 'campaignId');
  const projectIds = checkBallot(campaign, input.projectIds, ctx.now);
  // A pass from votes.mine names the marker already: a repeat is refused by one read, before a transaction.
  const passed = input.pass && needsVerifiedPhone(campaign) ? markerFromPass(input.pass, campaign._id, ctx.openid, ctx.now) : null;
  if (passed) return recordBallot(ctx, campaign, passed, projectIds, { checkFirst: true });
  const marker = markerId(campaign._id, voterKeyOf(campaign, await voterOf(ctx, campaign)));
  // Where the voter key already cost a read (the caller's record: a delegate, a verified phone), the
  // accepted ballot is spared a second read: a repeat is refused by the marker's insert instead.
  return recordBallot(ctx, campaign, marker, projectIds, { checkFirst: !voterKeyNeedsCaller(campaign) });
}

/**
 * A ballot (docs/architecture.md#voting): in ONE transaction, the voter's marker (who voted, no
 * choices) and the ballot (choices, no voter) under a random id, and the shard's increment. The
 * answer (the receipt) is stored nowhere: the command keeps no idempotency record for it, the marker
 * keeps only a keyed hash of the requestId, and a resend derives the same receipt again. Ballots
 * lock only their own shard, so thousands of voters do not queue behind one document.
 * `checkFirst`: refuse a repeat by one read before a transaction is opened. `audit`: what a staff
 * member's assisted ballot records (never the choices).
 */
export async function recordBallot(
  ctx: RequestContext,
  campaign: CampaignRecord,
  marker: string,
  projectIds: string[],
  { checkFirst, audit }: { checkFirst: boolean; audit?: { reason: string } },
): Promise<DataOf<'votes.cast'>> {
  const request = ctx.requestId ? requestHash(marker, ctx.requestId) : undefined;
  const receipt = ctx.requestId ? receiptFor(marker, ctx.requestId) : newReceipt();
  const answer = { receipt, day: shanghaiDay(ctx.now) };
  // A repeat is refused by one read (the marker's insert still refuses the one that races its first
  // ballot). A resend of the same request gets its answer again.
  if (checkFirst) {
    const earlier = await store.findMarker(marker);
    if (earlier) return sameRequest(earlier, request, receipt);
  }
  const hash = receiptHash(campaign._id, receipt);
  for (let attempt = 1; ; attempt++) {
    try {
      // One attempt per round: this loop retries with backoff, and must see a duplicate key itself.
      return await runCommand(
        ctx,
        async ({ tx }) => {
          const shard = pickShard(campaign.shards);
          // The marker first: a repeat fails on it before the shard is locked.
          await store.insertBallotInTx(
            tx,
            { _id: marker, campaignId: campaign._id, day: answer.day, ...(request ? { request } : {}) },
            {
              _id: newBallotId(),
              campaignId: campaign._id,
              streetId: campaign.streetId,
              projectIds,
              receiptHash: hash,
              day: answer.day,
              shard,
            },
          );
          ensure(await store.incrementShardInTx(tx, campaign._id, shard, projectIds), 'FAILED_PRECONDITION', '投票已经截止');
          return answer;
        },
        { once: true, keyedRecord: true, ...(audit ? { subject: campaign._id, trail: audit } : {}) },
      );
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (isDuplicateKeyError(error)) {
        // If an earlier attempt committed but its answer was lost, the ballot with our receipt is there.
        if (attempt > 1 && (await store.findDayByReceipt(campaign._id, hash))) return answer;
        const raced = await store.findMarker(marker);
        if (raced) return sameRequest(raced, request, receipt);
        throw ALREADY_VOTED;
      }
      if (attempt >= CAST_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50 * attempt));
    }
  }
}

/** A marker exists: the same request sent again gets its answer (the receipt derives again); anything else is a second vote. */
function sameRequest(marker: { day: string; request?: string }, request: string | undefined, receipt: string) {
  if (request && marker.request === request) return { receipt, day: marker.day };
  throw ALREADY_VOTED;
}

async function myVote(input: PayloadOf<'votes.mine'>, ctx: RequestContext): Promise<DataOf<'votes.mine'>> {
  const campaign = await campaignToVoteIn(ctx, input.campaignId);
  if (!campaign || (!PUBLIC_STATUSES.includes(campaign.status) && !(await ctx.hasRole('staff')))) throw campaignNotFound();
  // A vote checked by phone: whoever has not verified (or is not on the roster) has not voted with
  // this account's number, and the page leads them to verify.
  const standing = await phoneStanding(ctx, campaign);
  if (standing && 'blocked' in standing) return { voted: false, ...standing };
  const delegateId = campaign.eligibility === 'delegates' ? (await ctx.caller()).delegateId : undefined;
  // Not a voter of this campaign (a resident in a delegates' one): never voted.
  if (campaign.eligibility === 'delegates' && !delegateId) return { voted: false };
  const voter: Voter = { openid: ctx.openid, ...(delegateId ? { delegateId } : {}), ...(standing ?? {}) };
  const id = markerId(campaign._id, voterKeyOf(campaign, voter));
  const marker = await store.findMarker(id);
  if (marker) return { voted: true, day: marker.day };
  return standing && campaign.status === 'open'
    ? { voted: false, pass: voterPass(campaign._id, ctx.openid, id, ctx.now) }
    : { voted: false };
}

async function verifyReceipt(input: PayloadOf<'votes.verify'>): Promise<DataOf<'votes.verify'>> {
  const day = await store.findDayByReceipt(input.campaignId, receiptHash(input.campaignId, input.receipt));
  return day ? { counted: true, day } : { counted: false };
}

export const votingActions: ActionTable<Exclude<keyof VotingActions, `admin.${string}`>> = {
  'campaigns.list': {
    allow: 'anyone',
    input: z.strictObject({ status: z.enum(['draft', 'scheduled', 'open', 'closed', 'published']).optional(), cursor: cursor() }),
    handle: listCampaigns,
  },
  'campaigns.get': { allow: 'anyone', input: byId, handle: getCampaign },
  'campaigns.results': { allow: 'anyone', input: byId, handle: results },
  'campaigns.openData': { allow: 'anyone', input: z.strictObject({ id: id(), cursor: cursor() }), handle: openData },
  'votes.cast': {
    allow: 'anyone',
    input: z.strictObject({
      campaignId: id(),
      projectIds: choices,
      pass: z.string().max(200).optional(),
      requestId: requestId().optional(),
    }),
    handle: cast,
  },
  'votes.mine': { allow: 'anyone', input: z.strictObject({ campaignId: id() }), handle: myVote },
  'votes.verify': { allow: 'anyone', input: z.strictObject({ campaignId: id(), receipt: receiptInput }), handle: verifyReceipt },
};

// ---- a campaign's life: steps taken by staff (admin-actions.ts) and by the timer alike

export async function campaignInTx(tx: Transaction, ctx: RequestContext, campaignId: string): Promise<CampaignRecord> {
  const campaign = await store.getCampaignInTx(tx, campaignId);
  if (!campaign || campaign.streetId !== ctx.streetId) throw campaignNotFound();
  return campaign;
}

/**
 * Counts the ballots themselves and compares with the shards (two aggregations and one query), and
 * adds the confirmed paper batches up again against the campaign's running paper total (one query).
 */
export async function recount(campaign: CampaignRecord, at: Date) {
  const projectIds = campaign.projects.map((p) => p.id);
  const [fromBallots, shards, batches] = await Promise.all([
    store.countFromBallots(campaign._id, projectIds.length),
    store.readShards(campaign.streetId, campaign._id, MAX_SHARDS),
    listPaperBatches(campaign.streetId, campaign._id),
  ]);
  const online = compareCounts(fromBallots, sumShards(shards), projectIds, at);
  const paper = paperTotals(batches);
  const problems = [...(online.problem ? [online.problem] : []), ...comparePaper(paper, campaign.paper, projectIds)];
  return {
    count: fromBallots,
    paper,
    pendingPaper: batches.filter((b) => b.status === 'pending').length,
    recount: {
      ...online,
      paperBallots: paper.ballots,
      matches: problems.length === 0,
      ...(problems.length ? { problem: problems.join('；') } : {}),
    },
  };
}

export const recountView = (r: Awaited<ReturnType<typeof recount>>['recount']): Recount => ({ ...r, at: r.at.toISOString() });

export async function openCampaign(ctx: RequestContext, campaignId: string, reason?: string): Promise<CampaignStatus> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const campaign = await campaignInTx(tx, ctx, campaignId);
      const times = openingTimes(campaign, ctx.now, reason);
      await store.updateCampaignInTx(tx, campaignId, { status: 'open', ...times, openedAt: ctx.now, updatedAt: ctx.now });
      return 'open' as const;
    },
    { subject: campaignId, trail: { from: 'scheduled', to: 'open', reason } },
  );
}

/** Closes in one command (which also seals every shard), then records the recount. */
export async function closeCampaign(ctx: RequestContext, campaignId: string, reason?: string): Promise<Recount> {
  const campaign = await runCommand(
    ctx,
    async ({ tx }) => {
      const found = await campaignInTx(tx, ctx, campaignId);
      const { closesAt } = closingTimes(found, ctx.now, reason);
      await store.updateCampaignInTx(tx, campaignId, { status: 'closed', closesAt, closedAt: ctx.now, updatedAt: ctx.now });
      await store.sealShardsInTx(tx, campaignId, found.shards, shardIsPublic({ ...found, status: 'closed' }));
      return { ...found, status: 'closed' as const, closesAt };
    },
    { subject: campaignId, trail: { from: 'open', to: 'closed', reason } },
  );
  // The recount reads what the close sealed, so it can only follow it; it is recorded with one
  // plain update (publishing recounts again before it relies on anything).
  const { count, recount: result } = await recount(campaign, ctx.now);
  await store.recordCount(campaignId, count, result);
  return recountView(result);
}

/**
 * Queues the `voteResult` notice for one page of the street's voteResult subscribers (people who
 * accepted it, usually when they voted); the timer walks the rest. Who voted is not known and not
 * needed: a person who did not accept is never sent anything.
 */
export async function notifyVoters(ctx: RequestContext, campaign: CampaignRecord): Promise<number> {
  const after = campaign.notifyAfter && campaign.notifyAfter !== 'start' ? campaign.notifyAfter.subscription : null;
  const page = await subscribersPage(campaign.streetId, 'voteResult', after, NOTIFY_BATCH);
  // Thousands of records, each inserted on its own: `notify.flush` sends them a few hundred per run.
  await queueNotifications(
    { ...ctx, streetId: campaign.streetId },
    page.map(({ openid }) => ({
      kind: 'voteResult',
      recipient: openid,
      templateKey: 'voteResult' as const,
      content: { subject: campaign.title, state: '已公布', at: campaign.publishedAt ?? ctx.now, hint: '点击查看票选结果' },
      page: `packages/resident/results/results?id=${campaign._id}`,
      dedupeKey: `voteResult:${campaign._id}:${openid}`,
    })),
  );
  const last = page[page.length - 1];
  await store.setNotifyAfter(campaign._id, page.length === NOTIFY_BATCH ? { subscription: last.id } : null);
  return page.length;
}

// ---- the timer: open and close on time, then tell voters about published results

const SCHEDULE_BATCH = 20;

export const scheduleCampaigns: TimerJob = {
  name: 'voting.schedule',
  async run(timerCtx) {
    const report = { opened: 0, closed: 0, notified: 0, failed: 0 };
    for (const campaign of await store.findDueCampaigns(timerCtx.now, SCHEDULE_BATCH)) {
      const ctx = { ...timerCtx, streetId: campaign.streetId };
      try {
        if (dueToOpen(campaign, ctx.now)) report.opened += (await openCampaign(ctx, campaign._id)) === 'open' ? 1 : 0;
        else if (dueToClose(campaign, ctx.now)) report.closed += (await closeCampaign(ctx, campaign._id)) ? 1 : 0;
      } catch (error) {
        report.failed++;
        console.error(`[voting] scheduling ${campaign._id} failed`, error);
      }
    }
    for (const campaign of await store.findCampaignsToNotify(5)) report.notified += await notifyVoters(timerCtx, campaign);
    return report;
  },
};

export const votingTimerJobs: TimerJob[] = [scheduleCampaigns];
