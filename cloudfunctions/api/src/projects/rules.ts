import { randomBytes } from 'node:crypto';
import type {
  CampaignProject,
  Checkpoint,
  LivelihoodProject,
  ProjectDetail,
  ProjectPlan,
  ProjectRatingSummary,
  ProjectStatus,
  ProjectYearSummary,
  Satisfaction,
  Supervision,
  SupervisionRating,
} from '../../../../typings/contract';
import { AppError, ensure } from '../app/errors';
import type { NotificationRequest } from '../notify/rules';
import { DAY_MS, shanghai } from '../platform/time';

// The year's 民生实事 after the vote (docs/architecture.md#projects): pure rules of a project's life.
//
//   planning ─savePlan─▶ in_progress ─postUpdate 100%─▶ completed ─accept (验收)─▶ accepted
//
// `delayed` is derived: a checkpoint (or the deadline) passed unreached. Everything of one project
// (its plan and revisions, updates, 督办 records, ratings) lives in its one document, so a project page
// is one read and every write one transaction on one document.

export interface CheckpointRecord {
  id: string;
  title: string;
  dueAt: Date;
  doneAt?: Date;
  /** The update that reached it. */
  updateId?: string;
}

export interface PlanRecord {
  revision: number;
  responsibleUnit: string;
  contact?: string;
  budget?: number;
  startAt?: Date;
  deadline: Date;
  safeguards: string[];
  groupId: string;
  groupName: string;
  checkpoints: CheckpointRecord[];
  savedAt: Date;
  /** The staff member who saved it: reminded of overdue checkpoints and requests. */
  savedBy: string;
  reason?: string;
}

export interface UpdateRecord {
  id: string;
  body: string;
  percent: number;
  photos: string[];
  checkpointId?: string;
  checkpointTitle?: string;
  reason?: string;
  at: Date;
  by: string;
}

export interface RequestItemRecord {
  id: string;
  text: string;
  dueAt: Date;
  status: 'open' | 'closed';
  answer?: string;
  closedAt?: Date;
  closedBy?: string;
}

export interface SupervisionRecord {
  id: string;
  date: Date;
  participants?: string;
  findings: string;
  rating: SupervisionRating;
  requests: RequestItemRecord[];
  recordedBy: 'staff' | 'delegate';
  recorderOpenid: string;
  at: Date;
  /** A delegate's text the content check held: public once approved (moderation), never if rejected. */
  held?: boolean;
  rejected?: boolean;
}

/** Whether the overdue reminder of an item (`cp:<id>`, `rq:<id>`) went out, and its escalation. */
export type AlertState = 'reminded' | 'escalated';

export interface ProjectRecord {
  _id: string; // `${campaignId}:${projectId}` for adopted projects: adopting the same project twice is one record
  streetId: string;
  projectId: string;
  year: number;
  campaignId?: string;
  source?: 'campaign' | 'staff';
  title: string;
  summary: string;
  category: string;
  budget?: number;
  location?: string;
  responsibleUnit?: string;
  votes: number;
  status: ProjectStatus;
  percent?: number;
  plan?: PlanRecord;
  /** Earlier plans, oldest first. */
  revisions?: PlanRecord[];
  updates?: UpdateRecord[];
  supervisions?: SupervisionRecord[];
  /** One rating per delegate, by delegate id. */
  ratings?: Record<string, Satisfaction>;
  ratingSummary?: ProjectRatingSummary;
  completedAt?: Date;
  acceptedAt?: Date;
  /** The last month (YYYY-MM, Shanghai) whose cycle task was opened. */
  cycleMonth?: string;
  /** Cycle tasks still open (an update closes 公告, a 督办 record closes 督办). */
  openTaskIds?: string[];
  alerts?: Record<string, AlertState>;
  /** When the next overdue reminder or escalation falls due; absent when none can. */
  alertAt?: Date;
  /** The last number handed out to a checkpoint, update, 督办 or request. */
  seq?: number;
  createdAt: Date;
  updatedAt?: Date;
}

export const projectRecordId = (campaignId: string, projectId: string) => `${campaignId}:${projectId}`;
export const newProjectId = () => `pj${randomBytes(8).toString('hex')}`;
export const projectNotFound = () => new AppError('NOT_FOUND', '项目不存在', 'id');

/** An overdue item reminds once, then escalates after this many days, as a waiting message does. */
export const ESCALATION_DAYS = 7;
export const CHECKPOINTS_MAX = 20;
export const SAFEGUARDS_MAX = 10;
export const REQUESTS_MAX = 10;

/** The year a campaign's projects belong to: the year it closed, in Shanghai time. */
export function projectYear(closesAt: Date): number {
  return shanghai(closesAt).year();
}

/** The month `at` falls in, in Shanghai: `2027-03`. */
export const shanghaiMonthOf = (at: Date) => shanghai(at).format('YYYY-MM');

export function adoptedProject(
  streetId: string,
  campaign: { id: string; closesAt: Date },
  project: CampaignProject,
  votes: number,
  at: Date,
): ProjectRecord {
  return {
    _id: projectRecordId(campaign.id, project.id),
    streetId,
    year: projectYear(campaign.closesAt),
    campaignId: campaign.id,
    source: 'campaign',
    projectId: project.id,
    title: project.title,
    summary: project.summary,
    category: project.category,
    ...(project.budget !== undefined ? { budget: project.budget } : {}),
    ...(project.location ? { location: project.location } : {}),
    ...(project.responsibleUnit ? { responsibleUnit: project.responsibleUnit } : {}),
    votes,
    status: 'planning',
    percent: 0,
    createdAt: at,
  };
}

/** What a re-selection may refresh on a project already adopted: never its plan or its history. */
export function readoptedProject(existing: ProjectRecord, fresh: ProjectRecord): ProjectRecord {
  return { ...existing, title: fresh.title, summary: fresh.summary, category: fresh.category, votes: fresh.votes };
}

/** A project with a plan is under way: unselecting it would throw its plan and history away. */
export function ensureRemovable(existing: ProjectRecord | null): void {
  ensure(!existing?.plan, 'FAILED_PRECONDITION', `「${existing?.title}」已制定实施方案，不能取消入选`, 'projectIds');
}

export function staffProject(
  streetId: string,
  input: { title: string; summary: string; category: string; budget?: number; location?: string },
  year: number,
  at: Date,
): ProjectRecord {
  const id = newProjectId();
  return {
    _id: id,
    streetId,
    projectId: id,
    year,
    source: 'staff',
    title: input.title,
    summary: input.summary,
    category: input.category,
    ...(input.budget !== undefined ? { budget: input.budget } : {}),
    ...(input.location ? { location: input.location } : {}),
    votes: 0,
    status: 'planning',
    percent: 0,
    createdAt: at,
  };
}

// ---- the plan (一项目一方案)

export interface PlanInput {
  responsibleUnit: string;
  contact?: string;
  budget?: number;
  startAt?: string;
  deadline: string;
  safeguards: string[];
  groupId: string;
  checkpoints: { id?: string; title: string; dueAt: string }[];
  reason?: string;
}

/**
 * The plan a save makes, or a structured refusal: dates in order, checkpoints within the plan's dates,
 * kept checkpoints known, reached ones never dropped, a revision explained. `group` is the group read.
 */
export function planOf(
  project: ProjectRecord,
  input: PlanInput,
  group: { _id: string; name: string } | null,
  by: string,
  at: Date,
): { plan: PlanRecord; seq: number } {
  ensure(project.status === 'planning' || project.status === 'in_progress', 'FAILED_PRECONDITION', '项目已完工，不能再调整方案', 'id');
  ensure(group, 'INVALID_ARGUMENT', '代表小组不存在', 'groupId');
  const deadline = new Date(input.deadline);
  const startAt = input.startAt ? new Date(input.startAt) : undefined;
  ensure(deadline.getTime() > at.getTime(), 'INVALID_ARGUMENT', '「完成期限」须晚于现在', 'deadline');
  ensure(!startAt || startAt.getTime() < deadline.getTime(), 'INVALID_ARGUMENT', '「开始日期」须早于完成期限', 'startAt');
  const previous = project.plan;
  ensure(!previous || input.reason, 'INVALID_ARGUMENT', '调整实施方案需要说明理由', 'reason');
  const known = new Map((previous?.checkpoints ?? []).map((c) => [c.id, c]));
  const titles = new Set<string>();
  let seq = project.seq ?? 0;
  const checkpoints = input.checkpoints.map((c, i): CheckpointRecord => {
    const dueAt = new Date(c.dueAt);
    const field = `checkpoints.${i}`;
    ensure(!titles.has(c.title), 'INVALID_ARGUMENT', `节点「${c.title}」重复了`, `${field}.title`);
    titles.add(c.title);
    ensure(dueAt.getTime() <= deadline.getTime(), 'INVALID_ARGUMENT', `节点「${c.title}」的日期晚于完成期限`, `${field}.dueAt`);
    ensure(!startAt || dueAt.getTime() >= startAt.getTime(), 'INVALID_ARGUMENT', `节点「${c.title}」的日期早于开始日期`, `${field}.dueAt`);
    if (c.id) {
      const kept = known.get(c.id);
      ensure(kept, 'INVALID_ARGUMENT', `节点「${c.title}」不属于当前方案`, `${field}.id`);
      return { ...kept, title: c.title, dueAt };
    }
    seq += 1;
    return { id: `c${seq}`, title: c.title, dueAt };
  });
  const keptIds = new Set(checkpoints.map((c) => c.id));
  for (const reached of previous?.checkpoints.filter((c) => c.doneAt) ?? [])
    ensure(keptIds.has(reached.id), 'INVALID_ARGUMENT', `已完成的节点「${reached.title}」不能删除`, 'checkpoints');
  checkpoints.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const plan: PlanRecord = {
    revision: (previous?.revision ?? 0) + 1,
    responsibleUnit: input.responsibleUnit,
    ...(input.contact ? { contact: input.contact } : {}),
    ...(input.budget !== undefined ? { budget: input.budget } : {}),
    ...(startAt ? { startAt } : {}),
    deadline,
    safeguards: input.safeguards,
    groupId: group!._id,
    groupName: group!.name,
    checkpoints,
    savedAt: at,
    savedBy: by,
    ...(previous && input.reason ? { reason: input.reason } : {}),
  };
  return { plan, seq };
}

/** The change a saved plan makes: the first one starts the work (and the cycle from next month on). */
export function afterPlan(project: ProjectRecord, plan: PlanRecord, seq: number, at: Date): ProjectRecord {
  const next: ProjectRecord = {
    ...project,
    plan,
    revisions: project.plan ? [...(project.revisions ?? []), project.plan] : (project.revisions ?? []),
    responsibleUnit: plan.responsibleUnit,
    ...(plan.budget !== undefined ? { budget: plan.budget } : {}),
    status: project.status === 'planning' ? 'in_progress' : project.status,
    seq,
    updatedAt: at,
  };
  // A project starting mid-month gets its first cycle task on the next first of the month.
  if (project.status === 'planning') next.cycleMonth = shanghaiMonthOf(at);
  return withAlerts(next);
}

// ---- progress (公告)

/**
 * The change an update makes: the percent never goes down without a reason, a checkpoint is reached
 * once, and 100% needs every checkpoint reached (it completes the project).
 */
export function afterUpdate(
  project: ProjectRecord,
  input: { body: string; percent: number; photos?: string[]; checkpointId?: string; reason?: string },
  by: string,
  at: Date,
): { next: ProjectRecord; update: UpdateRecord } {
  ensure(project.status !== 'planning', 'FAILED_PRECONDITION', '请先制定实施方案，再发布进展', 'id');
  ensure(project.status === 'in_progress', 'FAILED_PRECONDITION', '项目已完工，不能再发布进展', 'id');
  const last = project.percent ?? 0;
  ensure(input.percent >= last || input.reason, 'INVALID_ARGUMENT', `进度不能低于上次公布的 ${last}%；如需下调，请说明理由`, 'percent');
  const checkpoints = project.plan!.checkpoints.map((c) => ({ ...c }));
  const seq = (project.seq ?? 0) + 1;
  const id = `u${seq}`;
  let reached: CheckpointRecord | undefined;
  if (input.checkpointId) {
    reached = checkpoints.find((c) => c.id === input.checkpointId);
    ensure(reached, 'INVALID_ARGUMENT', '节点不属于当前方案', 'checkpointId');
    ensure(!reached!.doneAt, 'INVALID_ARGUMENT', `节点「${reached!.title}」已经完成`, 'checkpointId');
    reached!.doneAt = at;
    reached!.updateId = id;
  }
  const completes = input.percent === 100;
  if (completes) {
    const open = checkpoints.filter((c) => !c.doneAt);
    ensure(open.length === 0, 'INVALID_ARGUMENT', `进度达到 100% 前，请先完成节点「${open[0]?.title}」`, 'percent');
  }
  const update: UpdateRecord = {
    id,
    body: input.body,
    percent: input.percent,
    photos: input.photos ?? [],
    ...(reached ? { checkpointId: reached.id, checkpointTitle: reached.title } : {}),
    ...(input.percent < last && input.reason ? { reason: input.reason } : {}),
    at,
    by,
  };
  const next: ProjectRecord = {
    ...project,
    plan: { ...project.plan!, checkpoints },
    updates: [...(project.updates ?? []), update],
    percent: input.percent,
    status: completes ? 'completed' : 'in_progress',
    ...(completes ? { completedAt: at } : {}),
    seq,
    updatedAt: at,
  };
  return { next: withAlerts(next), update };
}

// ---- 督办

/** Staff, or an active delegate of the group the plan names. */
export function ensureMaySupervise(project: ProjectRecord, who: { staff: boolean; delegate?: { groupId: string; active: boolean } }): void {
  if (who.staff) return;
  const member = who.delegate?.active && project.plan && who.delegate.groupId === project.plan.groupId;
  if (!member) throw new AppError('PERMISSION_DENIED', '只有工作人员和该项目督办小组的代表可以记录督办', 'projectId');
}

export function afterSupervision(
  project: ProjectRecord,
  input: { date: string; participants?: string; findings: string; rating: SupervisionRating; requests: { text: string; dueAt: string }[] },
  recorder: { openid: string; staff: boolean },
  at: Date,
): { next: ProjectRecord; supervision: SupervisionRecord } {
  ensure(project.plan, 'FAILED_PRECONDITION', '项目还没有实施方案，不能督办', 'projectId');
  ensure(project.status !== 'accepted', 'FAILED_PRECONDITION', '项目已验收，不能再督办', 'projectId');
  const date = new Date(input.date);
  ensure(date.getTime() <= at.getTime() + DAY_MS, 'INVALID_ARGUMENT', '「督办日期」不能晚于今天', 'date');
  let seq = project.seq ?? 0;
  const id = `s${++seq}`;
  const requests = input.requests.map((r, i): RequestItemRecord => {
    const dueAt = new Date(r.dueAt);
    ensure(dueAt.getTime() > date.getTime(), 'INVALID_ARGUMENT', '督办要求的完成期限须晚于督办日期', `requests.${i}.dueAt`);
    return { id: `r${++seq}`, text: r.text, dueAt, status: 'open' };
  });
  const supervision: SupervisionRecord = {
    id,
    date,
    ...(input.participants ? { participants: input.participants } : {}),
    findings: input.findings,
    rating: input.rating,
    requests,
    recordedBy: recorder.staff ? 'staff' : 'delegate',
    recorderOpenid: recorder.openid,
    at,
  };
  const next: ProjectRecord = { ...project, supervisions: [...(project.supervisions ?? []), supervision], seq, updatedAt: at };
  return { next: withAlerts(next), supervision };
}

/** Staff record the responsible unit's answer to a request and close it. */
export function afterRequestClosed(project: ProjectRecord, itemId: string, answer: string, by: string, at: Date): ProjectRecord {
  let found: RequestItemRecord | undefined;
  const supervisions = (project.supervisions ?? []).map((s) => ({
    ...s,
    requests: s.requests.map((r) =>
      r.id === itemId ? (found = { ...r, status: 'closed' as const, answer, closedAt: at, closedBy: by }) : r,
    ),
  }));
  ensure(found, 'NOT_FOUND', '督办要求不存在', 'itemId');
  const before = (project.supervisions ?? []).flatMap((s) => s.requests).find((r) => r.id === itemId)!;
  ensure(before.status === 'open', 'FAILED_PRECONDITION', '这项督办要求已经办结', 'itemId');
  return withAlerts({ ...project, supervisions, updatedAt: at });
}

// ---- 满意度测评 and 验收

export function ensureRatable(project: ProjectRecord, delegateId: string): void {
  ensure(project.status !== 'accepted', 'FAILED_PRECONDITION', '项目已验收，测评已结束', 'id');
  ensure(project.status === 'completed', 'FAILED_PRECONDITION', '项目完工后才能测评', 'id');
  if (project.ratings?.[delegateId]) throw new AppError('ALREADY_EXISTS', '您已经测评过这个项目', 'id');
}

export function ratingSummaryOf(ratings: Record<string, Satisfaction> | undefined): ProjectRatingSummary {
  const values = Object.values(ratings ?? {});
  const count = (s: Satisfaction) => values.filter((v) => v === s).length;
  const summary = {
    satisfied: count('satisfied'),
    basically_satisfied: count('basically_satisfied'),
    dissatisfied: count('dissatisfied'),
    total: values.length,
  };
  const rate = summary.total ? Math.round(((summary.satisfied + summary.basically_satisfied) / summary.total) * 100) : 0;
  return { ...summary, satisfactionRate: rate };
}

export function ensureAcceptable(project: ProjectRecord): void {
  ensure(project.status !== 'accepted', 'FAILED_PRECONDITION', '项目已经验收', 'id');
  ensure(project.status === 'completed', 'FAILED_PRECONDITION', '项目完工后才能验收', 'id');
  ensure(Object.keys(project.ratings ?? {}).length > 0, 'FAILED_PRECONDITION', '还没有代表测评，请在代表测评后验收', 'id');
}

// ---- derived figures

export function isDelayed(project: ProjectRecord, at: Date): boolean {
  if (project.status !== 'planning' && project.status !== 'in_progress') return false;
  const plan = project.plan;
  if (!plan) return false;
  if (plan.deadline.getTime() < at.getTime()) return true;
  return plan.checkpoints.some((c) => !c.doneAt && c.dueAt.getTime() < at.getTime());
}

/** Completed with every checkpoint reached by its date and the work done by the deadline. */
export function isOnTime(project: ProjectRecord): boolean {
  if (project.status !== 'completed' && project.status !== 'accepted') return false;
  const plan = project.plan;
  if (!plan) return true;
  const lateCheckpoint = plan.checkpoints.some((c) => !c.doneAt || c.doneAt.getTime() > c.dueAt.getTime());
  return !lateCheckpoint && (!project.completedAt || project.completedAt.getTime() <= plan.deadline.getTime());
}

export function yearSummaryOf(year: number, projects: ProjectRecord[], at: Date): ProjectYearSummary {
  const done = projects.filter((p) => p.status === 'completed' || p.status === 'accepted');
  return {
    year,
    total: projects.length,
    completed: done.length,
    onTime: done.filter(isOnTime).length,
    delayed: projects.filter((p) => isDelayed(p, at)).length,
  };
}

function checkpointOf(c: CheckpointRecord, at: Date): Checkpoint {
  return {
    id: c.id,
    title: c.title,
    dueAt: c.dueAt.toISOString(),
    ...(c.doneAt ? { doneAt: c.doneAt.toISOString() } : {}),
    overdue: !c.doneAt && c.dueAt.getTime() < at.getTime(),
  };
}

export function toLivelihoodProject(record: ProjectRecord, at: Date): LivelihoodProject {
  const next = record.plan?.checkpoints.find((c) => !c.doneAt);
  return {
    id: record._id,
    year: record.year,
    ...(record.campaignId ? { campaignId: record.campaignId } : {}),
    title: record.title,
    summary: record.summary,
    category: record.category,
    ...(record.budget !== undefined ? { budget: record.budget } : {}),
    ...(record.location ? { location: record.location } : {}),
    ...(record.responsibleUnit ? { responsibleUnit: record.responsibleUnit } : {}),
    votes: record.votes,
    status: record.status,
    percent: record.percent ?? 0,
    ...(record.plan ? { deadline: record.plan.deadline.toISOString() } : {}),
    ...(next ? { nextCheckpoint: { title: next.title, dueAt: next.dueAt.toISOString() } } : {}),
    delayed: isDelayed(record, at),
  };
}

function planView(plan: PlanRecord, at: Date): ProjectPlan {
  return {
    revision: plan.revision,
    responsibleUnit: plan.responsibleUnit,
    ...(plan.contact ? { contact: plan.contact } : {}),
    ...(plan.budget !== undefined ? { budget: plan.budget } : {}),
    ...(plan.startAt ? { startAt: plan.startAt.toISOString() } : {}),
    deadline: plan.deadline.toISOString(),
    safeguards: plan.safeguards,
    groupId: plan.groupId,
    groupName: plan.groupName,
    checkpoints: plan.checkpoints.map((c) => checkpointOf(c, at)),
    savedAt: plan.savedAt.toISOString(),
    ...(plan.reason ? { reason: plan.reason } : {}),
  };
}

function supervisionView(s: SupervisionRecord, at: Date): Supervision {
  return {
    id: s.id,
    date: s.date.toISOString(),
    ...(s.participants ? { participants: s.participants } : {}),
    findings: s.findings,
    rating: s.rating,
    requests: s.requests.map((r) => ({
      id: r.id,
      text: r.text,
      dueAt: r.dueAt.toISOString(),
      status: r.status,
      overdue: r.status === 'open' && r.dueAt.getTime() < at.getTime(),
      ...(r.answer ? { answer: r.answer } : {}),
      ...(r.closedAt ? { closedAt: r.closedAt.toISOString() } : {}),
    })),
    recordedBy: s.recordedBy,
    at: s.at.toISOString(),
  };
}

export interface Viewer {
  staff: boolean;
  /** The caller's delegate record, when they are an active delegate. */
  delegate?: { id: string; groupId: string; active: boolean };
  following: boolean;
}

export function detailOf(p: ProjectRecord, viewer: Viewer, at: Date): ProjectDetail {
  const ratingCount = Object.keys(p.ratings ?? {}).length;
  const open = p.status === 'planning' || p.status === 'in_progress';
  const delegate = viewer.delegate?.active ? viewer.delegate : undefined;
  const myRating = delegate ? p.ratings?.[delegate.id] : undefined;
  const groupMember = !!delegate && !!p.plan && delegate.groupId === p.plan.groupId;
  return {
    project: toLivelihoodProject(p, at),
    ...(p.plan ? { plan: planView(p.plan, at) } : {}),
    revisions: [...(p.revisions ?? [])].reverse().map((r) => planView(r, at)),
    updates: [...(p.updates ?? [])].reverse().map((u) => ({
      id: u.id,
      body: u.body,
      percent: u.percent,
      photos: u.photos,
      ...(u.checkpointTitle ? { checkpointTitle: u.checkpointTitle } : {}),
      ...(u.reason ? { reason: u.reason } : {}),
      at: u.at.toISOString(),
    })),
    // Held text reaches only staff (marked held), rejected text nobody (the moderation queue keeps it).
    supervisions: [...(p.supervisions ?? [])]
      .reverse()
      .filter((s) => !s.rejected && (viewer.staff || !s.held))
      .map((s) => ({ ...supervisionView(s, at), ...(s.held ? { held: true } : {}) })),
    ...(p.status === 'accepted' && p.ratingSummary ? { rating: p.ratingSummary } : {}),
    ratingCount,
    ...(p.acceptedAt ? { acceptedAt: p.acceptedAt.toISOString() } : {}),
    following: viewer.following,
    can: {
      editPlan: viewer.staff && open,
      postUpdate: viewer.staff && p.status === 'in_progress',
      supervise: (viewer.staff || groupMember) && !!p.plan && p.status !== 'accepted',
      rate: !!delegate && p.status === 'completed' && !myRating,
      accept: viewer.staff && p.status === 'completed' && ratingCount > 0,
      closeRequests: viewer.staff,
    },
    ...(myRating ? { myRating } : {}),
  };
}

// ---- overdue checkpoints and requests: remind once, escalate after ESCALATION_DAYS

interface OverdueItem {
  key: string;
  title: string;
  dueAt: Date;
}

function trackedItems(p: ProjectRecord): OverdueItem[] {
  const items: OverdueItem[] = [];
  if (p.status === 'planning' || p.status === 'in_progress')
    for (const c of p.plan?.checkpoints ?? []) if (!c.doneAt) items.push({ key: `cp:${c.id}`, title: `节点：${c.title}`, dueAt: c.dueAt });
  for (const s of p.supervisions ?? [])
    for (const r of s.requests) if (r.status === 'open') items.push({ key: `rq:${r.id}`, title: `督办要求：${r.text}`, dueAt: r.dueAt });
  return items;
}

const escalatesAt = (dueAt: Date) => new Date(dueAt.getTime() + ESCALATION_DAYS * DAY_MS);

/** When the next reminder or escalation of this project falls due (absent: none can). */
export function nextAlertAt(p: ProjectRecord): Date | undefined {
  let next: number | undefined;
  for (const item of trackedItems(p)) {
    const state = p.alerts?.[item.key];
    const when = state === 'escalated' ? undefined : state === 'reminded' ? escalatesAt(item.dueAt) : item.dueAt;
    if (when && (next === undefined || when.getTime() < next)) next = when.getTime();
  }
  return next === undefined ? undefined : new Date(next);
}

/** A project with its alert time recomputed (every write calls it, so the timer's query stays exact). */
function withAlerts(p: ProjectRecord): ProjectRecord {
  return { ...p, alertAt: nextAlertAt(p) };
}

/** The reminders and escalations due now, and the alert states they leave. */
export function dueAlerts(
  p: ProjectRecord,
  at: Date,
): { items: (OverdueItem & { step: AlertState })[]; alerts: Record<string, AlertState> } {
  const alerts = { ...(p.alerts ?? {}) };
  const items: (OverdueItem & { step: AlertState })[] = [];
  for (const item of trackedItems(p)) {
    const state = alerts[item.key];
    if (state === 'escalated') continue;
    if (escalatesAt(item.dueAt).getTime() <= at.getTime()) {
      items.push({ ...item, step: 'escalated' });
      alerts[item.key] = 'escalated';
    } else if (!state && item.dueAt.getTime() <= at.getTime()) {
      items.push({ ...item, step: 'reminded' });
      alerts[item.key] = 'reminded';
    }
  }
  return { items, alerts };
}

export const projectPage = (id: string) => `packages/resident/project/project?id=${encodeURIComponent(id)}`;

export function overdueNotices(
  p: ProjectRecord,
  items: (OverdueItem & { step: AlertState })[],
  recipients: string[],
  at: Date,
): NotificationRequest[] {
  return items.flatMap((item) =>
    [...new Set(recipients)].map((recipient) => ({
      kind: item.step === 'escalated' ? 'project.escalated' : 'project.overdue',
      recipient,
      templateKey: 'reminder' as const,
      content: {
        subject: p.title,
        state: item.step === 'escalated' ? '超期督办' : '已超期',
        at: item.dueAt,
        hint: item.title,
      },
      page: projectPage(p._id),
      dedupeKey: `project:${p._id}:${item.key}:${item.step}:${recipient}`,
      streetId: p.streetId,
    })),
  );
}

/** Followers hear of each update. */
export function updateNotices(p: ProjectRecord, update: UpdateRecord, followers: string[]): NotificationRequest[] {
  return followers.map((recipient) => ({
    kind: 'project.update',
    recipient,
    templateKey: 'projectUpdate' as const,
    content: {
      subject: p.title,
      state: update.percent === 100 ? '已完工' : '有新进展',
      at: update.at,
      hint: `进度 ${update.percent}%${update.checkpointTitle ? `，完成「${update.checkpointTitle}」` : ''}`,
    },
    page: projectPage(p._id),
    dedupeKey: `project:${p._id}:update:${update.id}:${recipient}`,
    streetId: p.streetId,
  }));
}
