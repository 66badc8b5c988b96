import { _, db, type Transaction } from '../platform/db';
import type { ProjectRecord } from './rules';

const PROJECTS = 'projects';
const projects = () => db.collection<ProjectRecord>(PROJECTS);

export async function upsertInTx(tx: Transaction, record: ProjectRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(PROJECTS).doc(_id).set({ data });
}

export async function removeInTx(tx: Transaction, idValue: string): Promise<void> {
  await tx.collection(PROJECTS).doc(idValue).remove();
}

/** Most voted first within a year, paged by (votes, _id). */
export async function listByYear(streetId: string, year: number, after: { votes: number; id: string } | null, limit: number): Promise<ProjectRecord[]> {
  const where = { streetId, year };
  const query = after ? _.and(where, _.or({ votes: _.lt(after.votes) }, { votes: after.votes, _id: _.gt(after.id) })) : where;
  const { data } = await projects()
    .where(query as Record<string, unknown>)
    .orderBy('votes', 'desc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data;
}
