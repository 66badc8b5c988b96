import { z } from 'zod';
import type { CampaignProject, ProjectsActions } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import type { RequestContext } from '../app/context';
import { ensure } from '../app/errors';
import { cursor } from '../app/validation';
import type { Transaction } from '../platform/db';
import { adoptedProject, projectRecordId, projectYear, toLivelihoodProject } from './rules';
import * as store from './store';

const PAGE_SIZE = 20;

/**
 * Called by voting when staff (re)select a campaign's projects, inside its transaction: selected
 * projects become the year's 民生实事; deselected ones leave the list.
 */
export async function adoptCampaignProjects(
  tx: Transaction,
  ctx: RequestContext,
  campaign: { id: string; closesAt: Date; projects: CampaignProject[] },
  votes: Record<string, number>,
  selected: Set<string>,
): Promise<void> {
  for (const project of campaign.projects) {
    if (selected.has(project.id)) await store.upsertInTx(tx, adoptedProject(ctx.streetId, campaign, project, votes[project.id] ?? 0, ctx.now));
    else if (project.selected) await store.removeInTx(tx, projectRecordId(campaign.id, project.id));
  }
}

function decodeCursor(value: string): { votes: number; id: string } {
  const [votes, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const after = { votes: Number(votes), id: rest.join('|') };
  ensure(Number.isInteger(after.votes) && after.id, 'INVALID_ARGUMENT', '分页参数无效，请刷新后重试', 'cursor');
  return after;
}

export const projectsActions: ActionTable<keyof ProjectsActions> = {
  'projects.list': {
    allow: 'anyone',
    input: z.strictObject({ year: z.number().int().min(2000).max(2100).optional(), cursor: cursor() }),
    async handle(input, ctx) {
      const year = input.year ?? projectYear(ctx.now);
      const records = await store.listByYear(ctx.streetId, year, input.cursor ? decodeCursor(input.cursor) : null, PAGE_SIZE);
      const last = records[records.length - 1];
      return {
        items: records.map(toLivelihoodProject),
        nextCursor: records.length === PAGE_SIZE ? Buffer.from(`${last.votes}|${last._id}`).toString('base64url') : null,
      };
    },
  },
};
