import { _, afterLast, db, type Transaction } from '../platform/db';
import type { CampaignProject } from '../../../../typings/contract';
import { adoptedProject, projectRecordId, type ProjectRecord } from './rules';

const PROJECTS = 'projects';
const projects = () => db.collection<ProjectRecord>(PROJECTS);

/**
 * For voting, when staff (re)select a campaign's projects, inside its transaction: selected
 * projects become the year's 民生实事; deselected ones leave the list.
 */
export async function adoptCampaignProjectsInTx(
  tx: Transaction,
  streetId: string,
  at: Date,
  campaign: { id: string; closesAt: Date; projects: CampaignProject[] },
  votes: Record<string, number>,
  selected: Set<string>,
): Promise<void> {
  for (const project of campaign.projects) {
    if (selected.has(project.id)) await upsertInTx(tx, adoptedProject(streetId, campaign, project, votes[project.id] ?? 0, at));
    else if (project.selected) await removeInTx(tx, projectRecordId(campaign.id, project.id));
  }
}

export async function upsertInTx(tx: Transaction, record: ProjectRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(PROJECTS).doc(_id).set({ data });
}

export async function removeInTx(tx: Transaction, idValue: string): Promise<void> {
  await tx.collection(PROJECTS).doc(idValue).remove();
}

/** Most voted first within a year, paged by (votes, _id). */
export async function listByYear(
  streetId: string,
  year: number,
  after: { votes: number; id: string } | null,
  limit: number,
): Promise<ProjectRecord[]> {
  const where = { streetId, year };
  const query = afterLast(where, after && { field: 'votes', value: after.votes, order: 'desc', id: after.id, idOrder: 'asc' });
  const { data } = await projects()
    .where(query as Record<string, unknown>)
    .orderBy('votes', 'desc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data;
}
