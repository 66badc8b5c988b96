import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { DataOf, PayloadOf, VotingActions } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { envNumber } from '../app/config';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { cursor, id, isoTime, phoneCode, requestId, text } from '../app/validation';
import { adoptCampaignProjectsInTx } from '../projects/store';
import { findStation } from '../directory/store';
import { phoneIdentityOf } from '../identity/phone';
import { ensureOnRoster } from '../rosters/eligibility';
import { needsVerifiedPhone } from '../rosters/rules';
import {
  ballotsCsvPage,
  campaignInTx,
  campaignNotFound,
  campaignToVoteIn,
  choices,
  closeCampaign,
  MAX_SHARDS,
  notifyVoters,
  openCampaign,
  recordBallot,
  recount,
  recountView,
} from './actions';
import {
  checkBallot,
  checkRules,
  checkSchedule,
  checkUnschedule,
  combinedCount,
  ensureEditable,
  ensurePublishable,
  ensureStatus,
  markerId,
  newShards,
  projectIdsFor,
  shardIsPublic,
  voterKeyOf,
  type CampaignRecord,
} from './rules';
import * as store from './store';

// Staff run a campaign: draft it, schedule it (the rules freeze), open and close it (or let the timer),
// publish after the recount, choose the projects to carry out, export the ballots. Every step is in
// the audit trail with the status change and the reason given (docs/architecture.md#voting-lifecycle).

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
  verification: z.enum(['none', 'phone']).optional(),
  projects: z.array(projectInput).min(2).max(50),
};

const byId = z.strictObject({ id: id() });
/** Why staff leave the announced times (an early open or close), kept in the audit trail. */
const reason = text(2, 200).optional();
const retryKey = requestId().optional();

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
    // One person, one vote by default: residents verify a phone; delegates are keyed by delegate.
    verification: input.eligibility === 'delegates' ? ('none' as const) : (input.verification ?? 'phone'),
    projects: input.projects.map((p, i) => ({ ...p, id: projectIds[i] })),
  };
}

async function createCampaign(input: PayloadOf<'admin.campaigns.create'>, ctx: RequestContext): Promise<DataOf<'admin.campaigns.create'>> {
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
  return runCommand(ctx, async ({ tx }) => {
    await store.insertCampaignInTx(tx, record, newShards(record));
    return { id: record._id, projectIds: record.projects.map((p) => p.id) };
  });
}

async function updateCampaign(input: PayloadOf<'admin.campaigns.update'>, ctx: RequestContext): Promise<DataOf<'admin.campaigns.update'>> {
  const { id: campaignId, ...change } = input;
  return runCommand(ctx, async ({ tx }) => {
    const campaign = await campaignInTx(tx, ctx, campaignId);
    ensureEditable(campaign);
    const current = { ...campaign, opensAt: campaign.opensAt.toISOString(), closesAt: campaign.closesAt.toISOString() };
    const rules = rulesFrom({
      ...current,
      ...change,
      projects: change.projects ?? campaign.projects.map(({ id: _id, selected: _s, ...p }) => p),
    });
    checkRules(rules, ctx.now);
    await store.updateCampaignInTx(tx, campaignId, { ...rules, updatedAt: ctx.now });
    await store.markShardsInTx(tx, campaignId, campaign.shards, {
      projectIds: rules.projects.map((p) => p.id),
      public: shardIsPublic({ status: 'draft', resultsVisibility: rules.resultsVisibility, eligibility: rules.eligibility }),
    });
    return { id: campaignId, projectIds: rules.projects.map((p) => p.id) };
  });
}

async function schedule(input: PayloadOf<'admin.campaigns.schedule'>, ctx: RequestContext): Promise<DataOf<'admin.campaigns.schedule'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const campaign = await campaignInTx(tx, ctx, input.id);
      checkSchedule(campaign, ctx.now);
      await store.updateCampaignInTx(tx, input.id, { status: 'scheduled', updatedAt: ctx.now });
      return { status: 'scheduled' as const };
    },
    { subject: input.id, trail: { from: 'draft', to: 'scheduled' } },
  );
}

async function unschedule(
  input: PayloadOf<'admin.campaigns.unschedule'>,
  ctx: RequestContext,
): Promise<DataOf<'admin.campaigns.unschedule'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const campaign = await campaignInTx(tx, ctx, input.id);
      checkUnschedule(campaign, ctx.now);
      await store.updateCampaignInTx(tx, input.id, { status: 'draft', updatedAt: ctx.now });
      return { status: 'draft' as const };
    },
    { subject: input.id, trail: { from: 'scheduled', to: 'draft', reason: input.reason } },
  );
}

async function open(input: PayloadOf<'admin.campaigns.open'>, ctx: RequestContext): Promise<DataOf<'admin.campaigns.open'>> {
  return { status: await openCampaign(ctx, input.id, input.reason) };
}

async function close(input: PayloadOf<'admin.campaigns.close'>, ctx: RequestContext): Promise<DataOf<'admin.campaigns.close'>> {
  return { status: 'closed', recount: await closeCampaign(ctx, input.id, input.reason) };
}

async function publish(input: PayloadOf<'admin.campaigns.publish'>, ctx: RequestContext): Promise<DataOf<'admin.campaigns.publish'>> {
  const campaign = await store.findCampaign(ctx.streetId, input.id);
  if (!campaign) throw campaignNotFound();
  ensureStatus(campaign, 'closed', '公布');
  // Recount again: the close-time recount may predate a repair, and publishing must be exact now.
  const { count, paper, pendingPaper, recount: result } = await recount(campaign, ctx.now);
  // A batch waiting for its second entry would be left out of results that are final once published.
  ensure(pendingPaper === 0, 'FAILED_PRECONDITION', `还有 ${pendingPaper} 个站点的纸质票未复核，请复核或作废后再公布`);
  await runCommand(
    ctx,
    async ({ tx }) => {
      const current = await campaignInTx(tx, ctx, input.id);
      ensureStatus(current, 'closed', '公布');
      ensure((current.paper?.batches ?? 0) === paper.batches, 'FAILED_PRECONDITION', '纸质票刚有新的复核计入，请重新公布');
      const change = result.matches
        ? { status: 'published' as const, publishedAt: ctx.now, notifyAfter: 'start' as const, count, recount: result, updatedAt: ctx.now }
        : { recount: result, updatedAt: ctx.now };
      await store.updateCampaignInTx(tx, input.id, change);
      if (result.matches) await store.publishShardsInTx(tx, input.id, current.shards);
    },
    // A refused publish still records its recount, so the trail says why the results stayed closed.
    { subject: input.id, trail: result.matches ? { from: 'closed', to: 'published' } : { reason: result.problem } },
  );
  ensurePublishable(result);
  await notifyVoters(ctx, { ...campaign, status: 'published', publishedAt: ctx.now, notifyAfter: 'start' }).catch((error) => {
    console.error('[voting] first voteResult batch failed; the timer will retry', error);
  });
  return { status: 'published', recount: recountView(result) };
}

async function select(input: PayloadOf<'admin.campaigns.select'>, ctx: RequestContext): Promise<DataOf<'admin.campaigns.select'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const campaign = await campaignInTx(tx, ctx, input.id);
      ensureStatus(campaign, 'published', '确定实施项目');
      const selected = new Set(input.projectIds);
      ensure(selected.size === input.projectIds.length, 'INVALID_ARGUMENT', '不能重复选择同一个项目', 'projectIds');
      const known = (p: string) => campaign.projects.some((project) => project.id === p);
      ensure(input.projectIds.every(known), 'INVALID_ARGUMENT', '所选项目不在本次票选中', 'projectIds');
      const adopted = { id: campaign._id, closesAt: campaign.closesAt, projects: campaign.projects };
      await adoptCampaignProjectsInTx(tx, ctx.streetId, ctx.now, adopted, combinedCount(campaign).votes, selected);
      const projects = campaign.projects.map((p) => ({ ...p, selected: selected.has(p.id) }));
      await store.updateCampaignInTx(tx, input.id, { projects, updatedAt: ctx.now });
      return { selected: projects.filter((p) => p.selected).map((p) => p.id) };
    },
    { subject: input.id },
  );
}

/** The ballots' CSV once voting has ended (while open, even staff may not read ballots one by one). */
async function exportBallots(
  input: PayloadOf<'admin.campaigns.exportBallots'>,
  ctx: RequestContext,
): Promise<DataOf<'admin.campaigns.exportBallots'>> {
  const campaign = await store.findCampaign(ctx.streetId, input.id);
  if (!campaign) throw campaignNotFound();
  ensure(campaign.status === 'closed' || campaign.status === 'published', 'FAILED_PRECONDITION', '投票截止后才能导出选票');
  return ballotsCsvPage(ctx, campaign._id, input.cursor);
}

/**
 * 代办投票 (docs/architecture.md#assisted-ballots): every cheap check first (the campaign, the station,
 * the choices), then the resident's one-time code is spent; the ballot is keyed by the resident's
 * number like their own would be, and the audit entry says it was assisted, where, by whom.
 */
async function castAssisted(
  input: PayloadOf<'admin.votes.castAssisted'>,
  ctx: RequestContext,
): Promise<DataOf<'admin.votes.castAssisted'>> {
  const campaign = await campaignToVoteIn(ctx, input.campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', '票选不存在或已删除', 'campaignId');
  ensure(needsVerifiedPhone(campaign), 'FAILED_PRECONDITION', '代办投票只用于按手机号核对的居民投票', 'campaignId');
  const projectIds = checkBallot(campaign, input.projectIds, ctx.now);
  const station = await findStation(ctx.streetId, input.stationId);
  if (!station) throw new AppError('NOT_FOUND', '站点不存在或已删除', 'stationId');
  const phone = await phoneIdentityOf(input.code);
  await ensureOnRoster(campaign, phone);
  const marker = markerId(campaign._id, voterKeyOf(campaign, { openid: ctx.openid, phoneHash: phone.phoneHash }));
  return recordBallot(ctx, campaign, marker, projectIds, { checkFirst: true, audit: { reason: `代办投票：${station.name}` } });
}

export const votingAdminActions: ActionTable<Extract<keyof VotingActions, `admin.${string}`>> = {
  'admin.campaigns.create': {
    allow: ['staff'],
    input: z.strictObject({ ...rulesFields, requestId: retryKey }),
    handle: createCampaign,
  },
  'admin.campaigns.update': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), ...z.strictObject(rulesFields).partial().shape, requestId: retryKey }),
    handle: updateCampaign,
  },
  'admin.campaigns.schedule': { allow: ['staff'], input: z.strictObject({ id: id(), requestId: retryKey }), handle: schedule },
  'admin.campaigns.unschedule': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), reason, requestId: retryKey }),
    handle: unschedule,
  },
  'admin.campaigns.open': { allow: ['staff'], input: z.strictObject({ id: id(), reason, requestId: retryKey }), handle: open },
  'admin.campaigns.close': { allow: ['staff'], input: z.strictObject({ id: id(), reason }), handle: close },
  'admin.campaigns.publish': { allow: ['staff'], input: byId, handle: publish },
  'admin.campaigns.select': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), projectIds: z.array(id()).max(50), requestId: retryKey }),
    handle: select,
  },
  'admin.campaigns.exportBallots': { allow: ['staff'], input: z.strictObject({ id: id(), cursor: cursor() }), handle: exportBallots },
  'admin.votes.castAssisted': {
    allow: ['staff'],
    input: z.strictObject({ campaignId: id(), stationId: id(), code: phoneCode(), projectIds: choices, requestId: retryKey }),
    handle: castAssisted,
  },
};
