import { _, afterLast, db, readInTx, within, type Transaction } from '../platform/db';
import type { CampaignProject } from '../../../../typings/contract';
import type { TaskRecord } from './cycle';
import { adoptedProject, ensureRemovable, projectRecordId, readoptedProject, type ProjectRecord } from './rules';

// 民生实事 (`projects`, one document each with its plan, history and ratings) and the cycle tasks the
// timer opens (`projectTasks`, one per project and month).

const PROJECTS = 'projects';
const TASKS = 'projectTasks';
const projects = () => db.collection<ProjectRecord>(PROJECTS);
/** A street's year holds a few dozen projects; this bounds the whole-year reads. */
export const YEAR_LIMIT = 200;

/**
 * For voting, when staff (re)select a campaign's projects, inside its transaction: selected
 * projects become the year's 民生实事 (a re-selection refreshes the votes, never the plan or history);
 * deselected ones leave the list, unless their plan is already made.
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
    const recordId = projectRecordId(campaign.id, project.id);
    if (selected.has(project.id)) {
      const fresh = adoptedProject(streetId, campaign, project, votes[project.id] ?? 0, at);
      const existing = await getInTx(tx, recordId);
      await putInTx(tx, existing ? readoptedProject(existing, fresh) : fresh);
    } else if (project.selected) {
      ensureRemovable(await getInTx(tx, recordId));
      await tx.collection(PROJECTS).doc(recordId).remove();
    }
  }
}

export async function getInTx(tx: Transaction, id: string): Promise<ProjectRecord | null> {
  return readInTx<ProjectRecord>(tx, PROJECTS, id);
}

/** Writes the whole document (transactions here always read it first); absent fields are gone. */
export async function putInTx(tx: Transaction, record: ProjectRecord): Promise<void> {
  const { _id, ...rest } = record;
  const data = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  await tx.collection(PROJECTS).doc(_id).set({ data });
}

export async function findProject(streetId: string, id: string): Promise<ProjectRecord | null> {
  const { data } = await projects().where({ _id: id, streetId }).limit(1).get();
  return data[0] ?? null;
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

/** The whole year (the summary, the open data), bounded. */
export async function allOfYear(streetId: string, year: number): Promise<ProjectRecord[]> {
  const { data } = await projects().where({ streetId, year }).orderBy('votes', 'desc').orderBy('_id', 'asc').limit(YEAR_LIMIT).get();
  return data;
}

/** The year summary needs only the fields that decide status, delay and punctuality. */
export async function figuresOfYear(streetId: string, year: number): Promise<ProjectRecord[]> {
  const { data } = await projects()
    .where({ streetId, year })
    .field({ status: true, plan: true, completedAt: true, year: true })
    .limit(YEAR_LIMIT)
    .get();
  return data;
}

// ---- the timer

/** In-progress projects (every street) whose task of `month` is not opened yet. */
export async function dueForCycle(month: string, limit: number): Promise<ProjectRecord[]> {
  const { data } = await projects()
    .where({ status: 'in_progress', cycleMonth: _.neq(month) })
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data;
}

/** Projects (every street) with a reminder or escalation due. */
export async function dueForAlerts(at: Date, limit: number): Promise<ProjectRecord[]> {
  const { data } = await projects()
    .where({ alertAt: _.lte(at) })
    .orderBy('alertAt', 'asc')
    .limit(limit)
    .get();
  return data;
}

// ---- cycle tasks

export async function getTaskInTx(tx: Transaction, id: string): Promise<TaskRecord | null> {
  return readInTx<TaskRecord>(tx, TASKS, id);
}

export async function putTaskInTx(tx: Transaction, record: TaskRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(TASKS).doc(_id).set({ data });
}

export async function tasksOfMonth(streetId: string, month: string, limit: number): Promise<TaskRecord[]> {
  const { data } = await db.collection<TaskRecord>(TASKS).where({ streetId, month }).orderBy('_id', 'asc').limit(limit).get();
  return data;
}

/** The open 督办 tasks of these groups (null: of every group), latest month first. */
export async function openSuperviseTasks(streetId: string, groupIds: string[] | null, limit: number): Promise<TaskRecord[]> {
  if (groupIds && groupIds.length === 0) return [];
  const inGroups = groupIds ? { groupId: groupIds.length === 1 ? groupIds[0] : _.in(groupIds) } : {};
  const { data } = await db
    .collection<TaskRecord>(TASKS)
    .where({ streetId, ...inGroups, kind: 'supervise', status: 'open' })
    .orderBy('month', 'desc')
    .limit(limit)
    .get();
  return data;
}

// ---- for the duties capability (docs/architecture.md#duties): 督办 records delegates made

/**
 * 督办 records made by delegates (of one WeChat when given) dated in [from, to), with their project's
 * id and title: the duties capability counts them as 视察督办. Delegates are known here by the openid
 * that recorded, so a record counts for whoever held the delegate's WeChat when it was made.
 */
export async function delegateSupervisions(
  streetId: string,
  recorderOpenid: string | null,
  from: Date,
  to: Date,
): Promise<{ projectId: string; title: string; recorderOpenid: string; date: Date }[]> {
  const { data } = await projects()
    .where({
      streetId,
      'supervisions.recordedBy': 'delegate',
      'supervisions.date': within(from, to),
      ...(recorderOpenid ? { 'supervisions.recorderOpenid': recorderOpenid } : {}),
    })
    .field({ title: true, supervisions: true })
    .limit(YEAR_LIMIT)
    .get();
  return data.flatMap((p) =>
    (p.supervisions ?? [])
      .filter((s) => s.recordedBy === 'delegate' && (!recorderOpenid || s.recorderOpenid === recorderOpenid))
      .filter((s) => s.date.getTime() >= from.getTime() && s.date.getTime() < to.getTime())
      .map((s) => ({ projectId: p._id, title: p.title, recorderOpenid: s.recorderOpenid, date: s.date })),
  );
}
