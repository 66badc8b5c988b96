import * as z from 'zod';
import type { DataOf, PaperActions, PayloadOf } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError } from '../app/errors';
import { id, requestId, text } from '../app/validation';
import { findStation } from '../directory/store';
import { findCampaign, getCampaignInTx, updateCampaignInTx } from '../voting/store';
import type { Transaction } from '../platform/db';
import {
  addBatch,
  checkFigures,
  differences,
  ensureConfirmable,
  ensurePaperAccepted,
  ensurePending,
  ensureStationFree,
  paperBatchId,
  paperTotals,
  toPaperBatch,
} from './rules';
import * as store from './store';

// Paper ballots at 家站点 (docs/architecture.md#paper-ballots): staff enter a station's batch, a
// second staff member enters it again blind, and only agreeing entries count. Each step is a command,
// so it is in the audit trail (who, when; a mismatch and a discard with their reason).

/** A count sheet's numbers: at most 100,000 ballots a station (a whole street votes far fewer). */
const count = () => z.number().int().min(0).max(100_000);
const figures = {
  ballots: count(),
  votes: z.record(id(), count()),
};
const retryKey = requestId().optional();

const campaignNotFound = () => new AppError('NOT_FOUND', '票选不存在或已删除', 'campaignId');
const batchNotFound = () => new AppError('NOT_FOUND', '这批纸质票不存在', 'id');

/** The campaign a batch belongs to, read and locked in the batch's transaction. */
async function campaignInTx(tx: Transaction, ctx: RequestContext, campaignId: string) {
  const campaign = await getCampaignInTx(tx, campaignId);
  if (!campaign || campaign.streetId !== ctx.streetId) throw campaignNotFound();
  return campaign;
}

async function enterBatch(input: PayloadOf<'admin.paper.enter'>, ctx: RequestContext): Promise<DataOf<'admin.paper.enter'>> {
  const station = await findStation(ctx.streetId, input.stationId);
  if (!station) throw new AppError('NOT_FOUND', '站点不存在或已删除', 'stationId');
  const batchId = paperBatchId(input.campaignId, input.stationId);
  return runCommand(
    ctx,
    async ({ tx }) => {
      const campaign = await campaignInTx(tx, ctx, input.campaignId);
      ensurePaperAccepted(campaign);
      const checked = checkFigures(campaign, input);
      ensureStationFree(await store.getBatchInTx(tx, batchId));
      await store.putBatchInTx(tx, {
        _id: batchId,
        campaignId: campaign._id,
        streetId: ctx.streetId,
        stationId: station._id,
        stationName: station.name,
        status: 'pending',
        figures: checked,
        enteredBy: ctx.openid,
        enteredAt: ctx.now,
        mismatches: 0,
      });
      return { id: batchId };
    },
    { trail: { to: 'pending' } },
  );
}

async function confirmBatch(input: PayloadOf<'admin.paper.confirm'>, ctx: RequestContext): Promise<DataOf<'admin.paper.confirm'>> {
  return runCommand(
    ctx,
    async ({ tx }): Promise<DataOf<'admin.paper.confirm'>> => {
      const batch = await store.getBatchInTx(tx, input.id);
      if (!batch || batch.streetId !== ctx.streetId) throw batchNotFound();
      const campaign = await campaignInTx(tx, ctx, batch.campaignId);
      ensurePaperAccepted(campaign);
      ensureConfirmable(batch, ctx.openid);
      const second = checkFigures(campaign, input);
      const differ = differences(campaign, batch.figures, second);
      if (differ.length) {
        // Nothing counts; the disagreement itself is kept (count here, which figures in the trail).
        await store.updateBatchInTx(tx, batch._id, { mismatches: batch.mismatches + 1 });
        return { status: 'mismatch', differences: differ };
      }
      await store.updateBatchInTx(tx, batch._id, { status: 'confirmed', confirmedBy: ctx.openid, confirmedAt: ctx.now });
      // The campaign keeps the running paper total, so results need no second query; the recount
      // adds the batches up again and compares.
      await updateCampaignInTx(tx, campaign._id, { paper: addBatch(campaign.paper, batch.figures), updatedAt: ctx.now });
      return { status: 'confirmed' };
    },
    {
      subject: input.id,
      trail: (answer) =>
        answer.status === 'confirmed'
          ? { from: 'pending', to: 'confirmed' }
          : { from: 'pending', to: 'pending', reason: `两次录入不一致：${answer.differences.join('、')}` },
    },
  );
}

async function discardBatch(input: PayloadOf<'admin.paper.discard'>, ctx: RequestContext): Promise<DataOf<'admin.paper.discard'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const batch = await store.getBatchInTx(tx, input.id);
      if (!batch || batch.streetId !== ctx.streetId) throw batchNotFound();
      ensurePending(batch);
      await store.updateBatchInTx(tx, batch._id, { status: 'discarded' });
      return { status: 'discarded' as const };
    },
    { subject: input.id, trail: { from: 'pending', to: 'discarded', reason: input.reason } },
  );
}

async function listBatches(input: PayloadOf<'admin.paper.list'>, ctx: RequestContext): Promise<DataOf<'admin.paper.list'>> {
  const [campaign, batches] = await Promise.all([
    findCampaign(ctx.streetId, input.campaignId),
    store.listBatches(ctx.streetId, input.campaignId),
  ]);
  if (!campaign) throw campaignNotFound();
  return { items: batches.map(toPaperBatch), confirmed: paperTotals(batches) };
}

export const paperActions: ActionTable<keyof PaperActions> = {
  'admin.paper.enter': {
    allow: ['staff'],
    input: z.strictObject({ campaignId: id(), stationId: id(), ...figures, requestId: retryKey }),
    handle: enterBatch,
  },
  'admin.paper.confirm': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), ...figures, requestId: retryKey }),
    handle: confirmBatch,
  },
  'admin.paper.discard': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), reason: text(2, 200), requestId: retryKey }),
    handle: discardBatch,
  },
  'admin.paper.list': { allow: ['staff'], input: z.strictObject({ campaignId: id() }), handle: listBatches },
};
