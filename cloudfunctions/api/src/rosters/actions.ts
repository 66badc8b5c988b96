import * as z from 'zod';
import type { DataOf, PayloadOf, RostersActions } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError } from '../app/errors';
import { id, requestId } from '../app/validation';
import { phoneHashOf } from '../identity/phone';
import type { Transaction } from '../platform/db';
import { getCampaignInTx, updateCampaignInTx } from '../voting/store';
import { bucketsOf, ensureRosterEditable, parseRoster, ROSTER_MAX_CHARS } from './rules';
import * as store from './store';

// Staff attach, replace or remove a resident campaign's eligibility roster before voting starts.
// The file is read and every number hashed before anything is written: a bad line stores nothing.

async function campaignForRosterInTx(tx: Transaction, ctx: RequestContext, campaignId: string) {
  const campaign = await getCampaignInTx(tx, campaignId);
  if (!campaign || campaign.streetId !== ctx.streetId) throw new AppError('NOT_FOUND', '票选不存在或已删除', 'campaignId');
  return campaign;
}

async function importRoster(input: PayloadOf<'admin.rosters.import'>, ctx: RequestContext): Promise<DataOf<'admin.rosters.import'>> {
  const { phones, duplicates } = parseRoster(input.csv);
  const buckets = bucketsOf(phones.map(phoneHashOf));
  return runCommand(
    ctx,
    async ({ tx }) => {
      const campaign = await campaignForRosterInTx(tx, ctx, input.campaignId);
      ensureRosterEditable(campaign, 'attach');
      await store.replaceRosterInTx(tx, campaign.streetId, campaign._id, buckets, campaign.roster?.buckets ?? []);
      const roster = { count: phones.length, importedAt: ctx.now, importedBy: ctx.openid, buckets: [...buckets.keys()].sort() };
      await updateCampaignInTx(tx, campaign._id, { roster, updatedAt: ctx.now });
      return { count: phones.length, duplicates };
    },
    { subject: input.campaignId },
  );
}

async function removeRoster(input: PayloadOf<'admin.rosters.remove'>, ctx: RequestContext): Promise<DataOf<'admin.rosters.remove'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const campaign = await campaignForRosterInTx(tx, ctx, input.campaignId);
      ensureRosterEditable(campaign, 'remove');
      if (!campaign.roster) return { removed: false };
      await store.replaceRosterInTx(tx, campaign.streetId, campaign._id, new Map(), campaign.roster.buckets);
      await updateCampaignInTx(tx, campaign._id, { roster: null, updatedAt: ctx.now });
      return { removed: true };
    },
    { subject: input.campaignId },
  );
}

export const rostersActions: ActionTable<keyof RostersActions> = {
  'admin.rosters.import': {
    allow: ['staff'],
    input: z.strictObject({ campaignId: id(), csv: z.string().min(1).max(ROSTER_MAX_CHARS), requestId: requestId().optional() }),
    handle: importRoster,
  },
  'admin.rosters.remove': {
    allow: ['staff'],
    input: z.strictObject({ campaignId: id(), requestId: requestId().optional() }),
    handle: removeRoster,
  },
};
