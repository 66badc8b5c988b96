import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CampaignStatus, Recount, VotingActions } from '../../../../typings/contract';
import type { ActionTable, TimerJob } from '../app/actions';
import { envNumber } from '../app/config';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { cursor, id, isoTime, text } from '../app/validation';
import { queueNotifications } from '../notify/actions';
import { attemptTransaction, inTransaction, isDuplicateKeyError, type Transaction } from '../platform/db';
import { adoptCampaignProjects } from '../projects/actions';
import {
  ALREADY_VOTED,
  ballotId,
  ballotsToCsv,
  checkBallot,
  checkRules,
  compareCounts,
  decodeAfter,
  dueToClose,
  dueToOpen,
  encodeAfter,
  ensurePublishable,
  ensureStatus,
  newReceipt,
  newShards,
  openingTimes,
  pickShard,
  projectIdsFor,
  PUBLIC_STATUSES,
  rankTotals,
  receiptHash,
  shardIsPublic,
  sumShards,
  toCampaign,
  toSummary,
  type CampaignRecord,
} from './rules';
import * as store from './store';

const PAGE_SIZE = 20;
const EXPORT_PAGE_SIZE = 500;
const NOTIFY_BATCH = 500;
const MAX_SHARDS = 100;
/** A ballot's transaction is retried on transient failures and conflicts; refusals are never retried. */
const CAST_ATTEMPTS = 5;

// ---- schemas

const projectInput = z.strictObject({
  title: text(2, 40),
  summary: text(1, 500),
  category: text(1, 20),
  budget: z.number().min(0).max(10_000_000).optional(),
  location: text(1, 60).optional(),
  responsibleUnit: text(1, 60).optional(),
});

const rulesFields = {
  title: text(2, 60),
  description: text(0, 2000),
  eligibility: z.enum(['residents', 'delegates']),
  minChoices: z.number().int().min(1).max(50),
  maxChoices: z.number().int().min(1).max(50),
  opensAt: isoTime(),
  closesAt: isoTime(),
  resultsVisibility: z.enum(['live', 'after_close']).optional(),
  projects: z.array(projectInput).min(2).max(50),
};

const byId = z.strictObject({ id: id() });
const choices = z.array(id()).min(1).max(50);
const receiptInput = z.string().trim().min(4).max(40).regex(/^[A-Za-z0-9\s-]+$/);

// ---- shared work

const notFound = () => new AppError('NOT_FOUND', '票选不存在或已删除', 'id');

async function campaignInTx(tx: Transaction, ctx: RequestContext, campaignId: string): Promise<CampaignRecord> {
  const campaign = await store.getCampaignInTx(tx, campaignId);
  if (!campaign || campaign.streetId !== ctx.streetId) throw notFound();
  return campaign;
}

type RulesInput = z.infer<z.ZodObject<typeof rulesFields>>;

function rulesFrom(input: RulesInput) {
  const projectIds = projectIdsFor(input.projects.length);
  return {
    title: input.title,
    description: input.description,
    eligibility: input.eligibility,
    minChoices: input.minChoices,
    maxChoices: input.maxChoices,
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    resultsVisibility: input.resultsVisibility ?? 'after_close',
    projects: input.projects.map((p, i) => ({ ...p, id: projectIds[i] })),
  };
}

/** Counts the ballots themselves and compares with the shards (two aggregations and one query). */
async function recount(campaign: CampaignRecord, at: Date) {
  const projectIds = campaign.projects.map((p) => p.id);
  const [fromBallots, shards] = await Promise.all([store.countFromBallots(campaign._id, projectIds.length), store.readShards(campaign.streetId, campaign._id, MAX_SHARDS)]);
  return { count: fromBallots, recount: compareCounts(fromBallots, sumShards(shards), projectIds, at) };
}

const recountView = (r: Awaited<ReturnType<typeof recount>>['recount']): Recount => ({ ...r, at: r.at.toISOString() });

async function openCampaign(ctx: RequestContext, campaignId: string): Promise<CampaignStatus> {
  return inTransaction(async (tx) => {
    const campaign = await campaignInTx(tx, ctx, campaignId);
    ensureStatus(campaign, 'draft', '开启');
    await store.updateCampaignInTx(tx, campaignId, { status: 'open', ...openingTimes(campaign, ctx.now), openedAt: ctx.now, updatedAt: ctx.now });
    return 'open' as const;
  });
}

/** Closes in one transaction (which also seals every shard), then records the recount. */
async function closeCampaign(ctx: RequestContext, campaignId: string): Promise<Recount> {
  const campaign = await inTransaction(async (tx) => {
    const found = await campaignInTx(tx, ctx, campaignId);
    ensureStatus(found, 'open', '截止');
    const closesAt = found.closesAt < ctx.now ? found.closesAt : ctx.now;
    await store.updateCampaignInTx(tx, campaignId, { status: 'closed', closesAt, closedAt: ctx.now, updatedAt: ctx.now });
    await store.markShardsInTx(tx, campaignId, found.shards, { closed: true, public: true });
    return { ...found, status: 'closed' as const, closesAt };
  });
  // The recount reads what the close transaction sealed, so it can only follow it; it is recorded
  // with one plain update (publishing recounts again before it relies on anything).
  const { count, recount: result } = await recount(campaign, ctx.now);
  await store.recordCount(campaignId, count, result);
  return recountView(result);
}

/** Queues the `voteResult` notification for one page of voters; the timer walks the rest. */
async function notifyVoters(ctx: RequestContext, campaign: CampaignRecord): Promise<number> {
  const after = campaign.notifyAfter && campaign.notifyAfter !== 'start' ? campaign.notifyAfter : null;
  const page = await store.ballotsPage(campaign.streetId, campaign._id, after, NOTIFY_BATCH, true);
  await queueNotifications(
    { ...ctx, streetId: campaign.streetId },
    page.map((ballot) => {
      const openid = ballot._id.slice(campaign._id.length + 1);
      return {
        kind: 'voteResult',
        recipient: openid,
        templateKey: 'voteResult' as const,
        content: { subject: campaign.title, state: '已公布', at: campaign.publishedAt ?? ctx.now, hint: '点击查看票选结果' },
        page: `packages/resident/results/results?id=${campaign._id}`,
        dedupeKey: `voteResult:${campaign._id}:${openid}`,
      };
    }),
  );
  const last = page[page.length - 1];
  await store.setNotifyAfter(campaign._id, page.length === NOTIFY_BATCH ? { castAt: last.castAt, receiptHash: last.receiptHash } : null);
  return page.length;
}

// ---- actions

export const votingActions: ActionTable<keyof VotingActions> = {
  'campaigns.list': {
    allow: 'anyone',
    input: z.strictObject({ status: z.enum(['draft', 'open', 'closed', 'published']).optional(), cursor: cursor() }),
    async handle(input, ctx) {
      if (input.status === 'draft') ensure(await ctx.hasRole('staff'), 'PERMISSION_DENIED', '只有工委工作人员可以查看草稿', 'status');
      const after = input.cursor ? decodeAfter(input.cursor) : null;
      const records = await store.listCampaigns(ctx.streetId, input.status ? [input.status] : PUBLIC_STATUSES, after && { opensAt: after.at, id: after.key }, PAGE_SIZE);
      const last = records[records.length - 1];
      return { items: records.map(toSummary), nextCursor: records.length === PAGE_SIZE ? encodeAfter(last.opensAt, last._id) : null };
    },
  },

  'campaigns.get': {
    allow: 'anyone',
    input: byId,
    async handle(input, ctx) {
      const campaign = await store.findCampaign(ctx.streetId, input.id);
      if (!campaign || (campaign.status === 'draft' && !(await ctx.hasRole('staff')))) throw notFound();
      return toCampaign(campaign);
    },
  },

  'campaigns.results': {
    allow: 'anyone',
    input: byId,
    async handle(input, ctx) {
      const shards = await store.readShards(ctx.streetId, input.id, MAX_SHARDS);
      if (!shards.length) throw notFound();
      if (!shards[0].public) ensure(await ctx.hasRole('staff'), 'PERMISSION_DENIED', '本次票选在投票截止后公布结果');
      const { ballots, votes } = sumShards(shards);
      return { ballots, totals: rankTotals(shards[0].projectIds, ballots, votes), final: shards.every((s) => s.closed) };
    },
  },

  'votes.cast': {
    allow: 'anyone',
    input: z.strictObject({ campaignId: id(), projectIds: choices }),
    async handle(input, ctx) {
      // The campaign is read outside the transaction: its rules are frozen once open, and the
      // transaction's shard read is what orders a ballot against the close. Ballots lock only their
      // own shard, so thousands of voters do not queue behind one document.
      const campaign = await store.findCampaign(ctx.streetId, input.campaignId);
      if (!campaign) throw new AppError('NOT_FOUND', '票选不存在或已删除', 'campaignId');
      const isDelegate = campaign.eligibility === 'delegates' && (await ctx.hasRole('delegate'));
      const projectIds = checkBallot(campaign, input.projectIds, ctx.now, isDelegate);
      const receipt = newReceipt();
      const hash = receiptHash(campaign._id, receipt);
      const ballot = ballotId(campaign._id, ctx.openid);
      for (let attempt = 1; ; attempt++) {
        try {
          await attemptTransaction(async (tx) => {
            const shard = pickShard(campaign.shards);
            const tally = await store.getShardInTx(tx, campaign._id, shard);
            ensure(tally && !tally.closed, 'FAILED_PRECONDITION', '投票已经截止');
            await store.insertBallotInTx(tx, { _id: ballot, campaignId: campaign._id, streetId: campaign.streetId, projectIds, receiptHash: hash, castAt: ctx.now, shard });
            await store.incrementShardInTx(tx, campaign._id, shard, projectIds);
          });
          return { receipt, castAt: ctx.now.toISOString() };
        } catch (error) {
          if (error instanceof AppError) throw error;
          if (isDuplicateKeyError(error)) {
            // If an earlier attempt committed but its answer was lost, the stored hash is ours.
            if (attempt > 1 && (await store.findReceiptHash(ballot)) === hash) return { receipt, castAt: ctx.now.toISOString() };
            throw ALREADY_VOTED;
          }
          if (attempt >= CAST_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50 * attempt));
        }
      }
    },
  },

  'votes.mine': {
    allow: 'anyone',
    input: z.strictObject({ campaignId: id() }),
    async handle(input, ctx) {
      const ballot = await store.findBallot(ballotId(input.campaignId, ctx.openid));
      return ballot ? { campaignId: ballot.campaignId, projectIds: ballot.projectIds, castAt: ballot.castAt.toISOString() } : null;
    },
  },

  'votes.verify': {
    allow: 'anyone',
    input: z.strictObject({ campaignId: id(), receipt: receiptInput }),
    async handle(input) {
      const castAt = await store.findCastAtByReceipt(input.campaignId, receiptHash(input.campaignId, input.receipt));
      return castAt ? { counted: true, castAt: castAt.toISOString() } : { counted: false };
    },
  },

  'admin.campaigns.create': {
    allow: ['staff'],
    input: z.strictObject(rulesFields),
    async handle(input, ctx) {
      const rules = rulesFrom(input);
      checkRules(rules, ctx.now);
      const shards = Math.min(MAX_SHARDS, Math.max(1, Math.round(envNumber('TALLY_SHARDS', 20))));
      const record: CampaignRecord = {
        _id: `c${randomBytes(8).toString('hex')}`,
        streetId: ctx.streetId,
        ...rules,
        status: 'draft',
        shards,
        createdBy: ctx.openid,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      await inTransaction((tx) => store.insertCampaignInTx(tx, record, newShards(record)));
      return { id: record._id, projectIds: record.projects.map((p) => p.id) };
    },
  },

  'admin.campaigns.update': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), ...z.strictObject(rulesFields).partial().shape }),
    async handle({ id: campaignId, ...change }, ctx) {
      return inTransaction(async (tx) => {
        const campaign = await campaignInTx(tx, ctx, campaignId);
        ensure(campaign.status === 'draft', 'FAILED_PRECONDITION', '票选已经开启，规则不能再修改');
        const current = { ...campaign, opensAt: campaign.opensAt.toISOString(), closesAt: campaign.closesAt.toISOString() };
        const rules = rulesFrom({ ...current, ...change, projects: change.projects ?? campaign.projects.map(({ id: _id, selected: _s, ...p }) => p) });
        checkRules(rules, ctx.now);
        await store.updateCampaignInTx(tx, campaignId, { ...rules, updatedAt: ctx.now });
        await store.markShardsInTx(tx, campaignId, campaign.shards, {
          projectIds: rules.projects.map((p) => p.id),
          public: shardIsPublic({ status: 'draft', resultsVisibility: rules.resultsVisibility }),
        });
        return { id: campaignId, projectIds: rules.projects.map((p) => p.id) };
      });
    },
  },

  'admin.campaigns.open': {
    allow: ['staff'],
    input: byId,
    async handle(input, ctx) {
      return { status: await openCampaign(ctx, input.id) };
    },
  },

  'admin.campaigns.close': {
    allow: ['staff'],
    input: byId,
    async handle(input, ctx) {
      return { status: 'closed', recount: await closeCampaign(ctx, input.id) };
    },
  },

  'admin.campaigns.publish': {
    allow: ['staff'],
    input: byId,
    async handle(input, ctx) {
      const campaign = await store.findCampaign(ctx.streetId, input.id);
      if (!campaign) throw notFound();
      ensureStatus(campaign, 'closed', '公布');
      // Recount again: the close-time recount may predate a repair, and publishing must be exact now.
      const { count, recount: result } = await recount(campaign, ctx.now);
      await inTransaction(async (tx) => {
        const current = await campaignInTx(tx, ctx, input.id);
        ensureStatus(current, 'closed', '公布');
        const change = result.matches
          ? { status: 'published' as const, publishedAt: ctx.now, notifyAfter: 'start' as const, count, recount: result, updatedAt: ctx.now }
          : { recount: result, updatedAt: ctx.now };
        await store.updateCampaignInTx(tx, input.id, change);
      });
      ensurePublishable(result);
      await notifyVoters(ctx, { ...campaign, status: 'published', publishedAt: ctx.now, notifyAfter: 'start' }).catch((error) => {
        console.error('[voting] first voteResult batch failed; the timer will retry', error);
      });
      return { status: 'published', recount: recountView(result) };
    },
  },

  'admin.campaigns.select': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), projectIds: z.array(id()).max(50) }),
    async handle(input, ctx) {
      return inTransaction(async (tx) => {
        const campaign = await campaignInTx(tx, ctx, input.id);
        ensureStatus(campaign, 'published', '确定实施项目');
        const selected = new Set(input.projectIds);
        ensure(selected.size === input.projectIds.length, 'INVALID_ARGUMENT', '不能重复选择同一个项目', 'projectIds');
        ensure(input.projectIds.every((p) => campaign.projects.some((project) => project.id === p)), 'INVALID_ARGUMENT', '所选项目不在本次票选中', 'projectIds');
        await adoptCampaignProjects(tx, ctx, { id: campaign._id, closesAt: campaign.closesAt, projects: campaign.projects }, campaign.count?.votes ?? {}, selected);
        const projects = campaign.projects.map((p) => ({ ...p, selected: selected.has(p.id) }));
        await store.updateCampaignInTx(tx, input.id, { projects, updatedAt: ctx.now });
        return { selected: projects.filter((p) => p.selected).map((p) => p.id) };
      });
    },
  },

  'admin.campaigns.exportBallots': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), cursor: cursor() }),
    async handle(input, ctx) {
      const after = input.cursor ? decodeAfter(input.cursor) : null;
      const page = await store.ballotsPage(ctx.streetId, input.id, after && { castAt: after.at, receiptHash: after.key }, EXPORT_PAGE_SIZE, false);
      const last = page[page.length - 1];
      return {
        csv: ballotsToCsv(page, !input.cursor),
        rows: page.length,
        nextCursor: page.length === EXPORT_PAGE_SIZE ? encodeAfter(last.castAt, last.receiptHash) : null,
      };
    },
  },
};

// ---- timer: open and close on time, then tell voters about published results

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
