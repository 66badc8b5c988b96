import * as z from 'zod';
import type { DataOf, PayloadOf, ProjectsActions } from '../../../../typings/contract';
import { PHOTOS_MAX } from '../../../../typings/contract/constants';
import type { ActionTable, TimerJob } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { ensure } from '../app/errors';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { cursor, id, isoTime, requestId, text } from '../app/validation';
import { findDelegate, findGroups, getGroupInTx, listDelegates } from '../directory/store';
import { oversightOf } from '../identity/oversight';
import { followersOf, setFollowInTx } from '../identity/store';
import { holdForReviewInTx, registerModerationSubject, screenTexts } from '../moderation/screening';
import { deliverQueued, queueNotifications } from '../notify/outbox';
import {
  afterPlan,
  afterRequestClosed,
  afterSupervision,
  afterUpdate,
  CHECKPOINTS_MAX,
  detailOf,
  dueAlerts,
  ensureAcceptable,
  ensureMaySupervise,
  ensureRatable,
  nextAlertAt,
  overdueNotices,
  planOf,
  projectNotFound,
  projectYear,
  ratingSummaryOf,
  REQUESTS_MAX,
  SAFEGUARDS_MAX,
  shanghaiMonthOf,
  staffProject,
  toLivelihoodProject,
  updateNotices,
  yearSummaryOf,
  type ProjectRecord,
} from './rules';
import { cycleTaskOf, superviseNotices, taskView, type TaskRecord } from './cycle';
import { projectsCsv } from './open-data';
import * as store from './store';

// 民生实事 after the vote (docs/architecture.md#projects): staff plan, report and accept; the supervising
// group's delegates 督办; delegates rate; everyone watches 实事成效 and may follow a project.

const projectCursor = z.strictObject({ votes: cursorPart.count(), id: cursorPart.text() });
/** Followers told of one update; more would not fit one run of the function (see the docs). */
const FOLLOWERS_NOTIFIED_MAX = 500;
const TASKS_LIMIT = 200;

async function listProjects(input: PayloadOf<'projects.list'>, ctx: RequestContext): Promise<DataOf<'projects.list'>> {
  const year = input.year ?? projectYear(ctx.now);
  const records = await store.listByYear(ctx.streetId, year, decodeCursor(input.cursor, projectCursor), rowsFor());
  return pageOf(
    records,
    (p) => ({ votes: p.votes, id: p._id }),
    (p) => toLivelihoodProject(p, ctx.now),
  );
}

async function getProject(input: PayloadOf<'projects.get'>, ctx: RequestContext): Promise<DataOf<'projects.get'>> {
  const [project, caller, staff] = await Promise.all([store.findProject(ctx.streetId, input.id), ctx.caller(), ctx.hasRole('staff')]);
  if (!project) throw projectNotFound();
  // A delegate's record says their group (who supervises) and whether they may still rate.
  const delegate = caller.delegateId ? await findDelegate(ctx.streetId, caller.delegateId) : null;
  const detail = detailOf(
    project,
    {
      staff,
      ...(delegate ? { delegate: { id: delegate._id, groupId: delegate.groupId, active: delegate.active } } : {}),
      following: (caller.user?.followedProjects ?? []).includes(project._id),
    },
    ctx.now,
  );
  return detail;
}

async function summary(input: PayloadOf<'projects.summary'>, ctx: RequestContext): Promise<DataOf<'projects.summary'>> {
  const year = input.year ?? projectYear(ctx.now);
  return yearSummaryOf(year, await store.figuresOfYear(ctx.streetId, year), ctx.now);
}

async function follow(input: PayloadOf<'projects.follow'>, ctx: RequestContext): Promise<DataOf<'projects.follow'>> {
  return runCommand(ctx, async ({ tx }) => {
    const project = await store.getInTx(tx, input.id);
    if (!project || project.streetId !== ctx.streetId) throw projectNotFound();
    return { following: await setFollowInTx(tx, ctx.streetId, ctx.now, ctx.openid, project._id, input.follow) };
  });
}

async function rate(input: PayloadOf<'projects.rate'>, ctx: RequestContext): Promise<DataOf<'projects.rate'>> {
  const { delegateId } = await ctx.caller();
  const delegate = delegateId ? await findDelegate(ctx.streetId, delegateId) : null;
  ensure(delegate?.active, 'PERMISSION_DENIED', '只有在任的人大代表可以参加满意度测评');
  return runCommand(ctx, async ({ tx }) => {
    const project = await store.getInTx(tx, input.id);
    if (!project || project.streetId !== ctx.streetId) throw projectNotFound();
    ensureRatable(project, delegate!._id);
    const ratings = { ...(project.ratings ?? {}), [delegate!._id]: input.satisfaction };
    await store.putInTx(tx, { ...project, ratings, updatedAt: ctx.now });
    return { ratingCount: Object.keys(ratings).length };
  });
}

async function exportCsv(input: PayloadOf<'projects.export'>, ctx: RequestContext): Promise<DataOf<'projects.export'>> {
  const year = input.year ?? projectYear(ctx.now);
  const records = await store.allOfYear(ctx.streetId, year);
  return { filename: `${year}-民生实事.csv`, csv: projectsCsv(records) };
}

// ---- 督办

async function supervisorOf(ctx: RequestContext) {
  const [staff, caller] = await Promise.all([ctx.hasRole('staff'), ctx.caller()]);
  const delegate = caller.delegateId ? await findDelegate(ctx.streetId, caller.delegateId) : null;
  return { staff, ...(delegate ? { delegate: { groupId: delegate.groupId, active: delegate.active } } : {}) };
}

/**
 * Open 督办 tasks: a delegate's own group's (none once no longer serving); a group's liaison reads
 * their groups' and staff every group's (identity/oversight.ts), to follow them, not to record.
 */
async function openTasks(_input: PayloadOf<'supervisions.tasks'>, ctx: RequestContext): Promise<DataOf<'supervisions.tasks'>> {
  const { delegateId, liaisonGroupIds } = await ctx.caller();
  const delegate = delegateId ? await findDelegate(ctx.streetId, delegateId) : null;
  const own = delegate?.active ? [delegate.groupId] : [];
  const oversees = liaisonGroupIds.length > 0 || (await ctx.hasRole('staff'));
  const { groupIds } =
    delegateId && !oversees ? { groupIds: own } : await oversightOf(ctx, undefined, '只有代表、工作人员和小组联系委员可以查看督办任务');
  const groups = groupIds && [...new Set([...own, ...groupIds])];
  return { items: (await store.openSuperviseTasks(ctx.streetId, groups, TASKS_LIMIT)).map(taskView) };
}

async function record(input: PayloadOf<'supervisions.record'>, ctx: RequestContext): Promise<DataOf<'supervisions.record'>> {
  const who = await supervisorOf(ctx);
  // Who may is decided before a content check is spent on the text.
  const seen = await store.findProject(ctx.streetId, input.projectId);
  ensure(seen, 'NOT_FOUND', '项目不存在', 'projectId');
  ensureMaySupervise(seen, who);
  const texts = [input.findings, input.participants, ...input.requests.map((r) => r.text)];
  const verdict = who.staff ? 'pass' : await screenTexts(ctx, texts);
  return runCommand(ctx, async ({ tx }) => {
    const project = await store.getInTx(tx, input.projectId);
    ensure(project && project.streetId === ctx.streetId, 'NOT_FOUND', '项目不存在', 'projectId');
    ensureMaySupervise(project, who);
    const { next, supervision } = afterSupervision(project, input, { openid: ctx.openid, staff: who.staff }, ctx.now);
    // Held for review: recorded (its requests are tracked), public only once staff approve the text.
    const held = verdict === 'review';
    const recorded = held ? { ...next, supervisions: next.supervisions!.map((s) => (s.id === supervision.id ? { ...s, held } : s)) } : next;
    await store.putInTx(tx, await closeTasksInTx(tx, recorded, 'supervise', ctx));
    if (held)
      await holdForReviewInTx(tx, ctx, {
        kind: 'supervision',
        subjectId: project._id,
        entryId: supervision.id,
        text: texts.filter(Boolean).join('\n'),
      });
    return { id: supervision.id, requestIds: supervision.requests.map((r) => r.id), ...(held ? { held } : {}) };
  });
}

/** A 督办 record's held text: approval makes it public, rejection keeps it from all but staff. */
registerModerationSubject('supervision', {
  async approve(scope, item) {
    await markSupervisionInTx(scope.tx, item.subjectId, item.entryId!, { held: undefined });
  },
  async reject(tx, item) {
    await markSupervisionInTx(tx, item.subjectId, item.entryId!, { held: undefined, rejected: true });
  },
});

async function markSupervisionInTx(
  tx: Parameters<typeof store.getInTx>[0],
  projectId: string,
  supervisionId: string,
  change: { held?: undefined; rejected?: true },
): Promise<void> {
  const project = await store.getInTx(tx, projectId);
  if (!project?.supervisions?.some((s) => s.id === supervisionId && s.held)) return;
  const supervisions = project.supervisions.map((s) => {
    if (s.id !== supervisionId) return s;
    const { held: _held, ...rest } = s;
    return { ...rest, ...(change.rejected ? { rejected: true } : {}) };
  });
  await store.putInTx(tx, { ...project, supervisions });
}

/** Closes the project's open cycle tasks of `kind` (an update answers 单月公告, a 督办 record 双月督办). */
async function closeTasksInTx(
  tx: Parameters<typeof store.getTaskInTx>[0],
  p: ProjectRecord,
  kind: TaskRecord['kind'],
  ctx: RequestContext,
) {
  const remaining: string[] = [];
  for (const taskId of p.openTaskIds ?? []) {
    const task = await store.getTaskInTx(tx, taskId);
    if (task && task.status === 'open' && task.kind === kind)
      await store.putTaskInTx(tx, { ...task, status: 'done', doneAt: ctx.now, doneBy: ctx.openid });
    else if (task && task.status === 'open') remaining.push(taskId);
  }
  return { ...p, openTaskIds: remaining };
}

async function closeRequest(
  input: PayloadOf<'admin.supervisions.closeRequest'>,
  ctx: RequestContext,
): Promise<DataOf<'admin.supervisions.closeRequest'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const project = await store.getInTx(tx, input.projectId);
      ensure(project && project.streetId === ctx.streetId, 'NOT_FOUND', '项目不存在', 'projectId');
      await store.putInTx(tx, afterRequestClosed(project, input.itemId, input.answer, ctx.openid, ctx.now));
      return { status: 'closed' as const };
    },
    { subject: input.projectId, trail: { to: 'closed', reason: input.itemId } },
  );
}

// ---- staff

async function create(input: PayloadOf<'admin.projects.create'>, ctx: RequestContext): Promise<DataOf<'admin.projects.create'>> {
  const year = input.year ?? projectYear(ctx.now);
  ensure(Math.abs(year - projectYear(ctx.now)) <= 1, 'INVALID_ARGUMENT', '「年份」只能是今年、去年或明年', 'year');
  return runCommand(ctx, async ({ tx }) => {
    const project = staffProject(ctx.streetId, input, year, ctx.now);
    await store.putInTx(tx, project);
    return { id: project._id };
  });
}

async function savePlan(input: PayloadOf<'admin.projects.savePlan'>, ctx: RequestContext): Promise<DataOf<'admin.projects.savePlan'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const project = await store.getInTx(tx, input.id);
      if (!project || project.streetId !== ctx.streetId) throw projectNotFound();
      const group = await getGroupInTx(tx, input.groupId);
      const { plan, seq } = planOf(project, input, group && group.streetId === ctx.streetId ? group : null, ctx.openid, ctx.now);
      await store.putInTx(tx, afterPlan(project, plan, seq, ctx.now));
      return { checkpointIds: plan.checkpoints.map((c) => c.id) };
    },
    { subject: input.id, trail: (answer) => ({ to: 'planned', ...(input.reason ? { reason: input.reason } : {}) }) },
  );
}

async function postUpdate(
  input: PayloadOf<'admin.projects.postUpdate'>,
  ctx: RequestContext,
): Promise<DataOf<'admin.projects.postUpdate'>> {
  let told: { project: ProjectRecord; update: ReturnType<typeof afterUpdate>['update'] } | undefined;
  const answer = await runCommand(
    ctx,
    async ({ tx }) => {
      const project = await store.getInTx(tx, input.id);
      if (!project || project.streetId !== ctx.streetId) throw projectNotFound();
      const { next, update } = afterUpdate(project, input, ctx.openid, ctx.now);
      await store.putInTx(tx, await closeTasksInTx(tx, next, 'announce', ctx));
      told = { project: next, update };
      return { id: update.id, status: next.status };
    },
    { subject: input.id, trail: (a) => ({ to: a.status }) },
  );
  // Followers hear after the commit; a failure stays in the outbox for the timer (never an error here).
  if (told) await tellFollowers(ctx, told.project, told.update).catch((error) => console.error('[projects] update notices failed', error));
  return answer;
}

async function tellFollowers(ctx: RequestContext, project: ProjectRecord, update: ReturnType<typeof afterUpdate>['update']) {
  const followers = await followersOf(project._id, FOLLOWERS_NOTIFIED_MAX);
  if (followers.length === 0) return;
  await deliverQueued(ctx, await queueNotifications(ctx, updateNotices(project, update, followers)));
}

async function accept(input: PayloadOf<'admin.projects.accept'>, ctx: RequestContext): Promise<DataOf<'admin.projects.accept'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const project = await store.getInTx(tx, input.id);
      if (!project || project.streetId !== ctx.streetId) throw projectNotFound();
      ensureAcceptable(project);
      const rating = ratingSummaryOf(project.ratings);
      await store.putInTx(tx, { ...project, status: 'accepted', ratingSummary: rating, acceptedAt: ctx.now, updatedAt: ctx.now });
      return { status: 'accepted' as const, rating };
    },
    { subject: input.id, trail: { from: 'completed', to: 'accepted' } },
  );
}

async function tasks(input: PayloadOf<'admin.projects.tasks'>, ctx: RequestContext): Promise<DataOf<'admin.projects.tasks'>> {
  const month = input.month ?? shanghaiMonthOf(ctx.now);
  return { month, items: (await store.tasksOfMonth(ctx.streetId, month, TASKS_LIMIT)).map(taskView) };
}

// ---- schemas

const day = isoTime;
const planInput = z.strictObject({
  id: id(),
  responsibleUnit: text(2, 40),
  contact: text(2, 40).optional(),
  budget: z.number().min(0).max(100000).optional(),
  startAt: day().optional(),
  deadline: day(),
  safeguards: z.array(text(2, 200)).min(1).max(SAFEGUARDS_MAX),
  groupId: id(),
  checkpoints: z
    .array(z.strictObject({ id: id().optional(), title: text(2, 40), dueAt: day() }))
    .min(1)
    .max(CHECKPOINTS_MAX),
  reason: text(2, 200).optional(),
  requestId: requestId().optional(),
});
const photos = z
  .array(
    z
      .string()
      .max(512)
      .regex(/^cloud:\/\/\S+$/),
  )
  .max(PHOTOS_MAX);
const satisfaction = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']);
const year = z.number().int().min(2000).max(2100);

export const projectsActions: ActionTable<keyof ProjectsActions> = {
  'projects.list': { allow: 'anyone', input: z.strictObject({ year: year.optional(), cursor: cursor() }), handle: listProjects },
  'projects.get': { allow: 'anyone', input: z.strictObject({ id: id() }), handle: getProject },
  'projects.summary': { allow: 'anyone', input: z.strictObject({ year: year.optional() }), handle: summary },
  'projects.follow': {
    allow: 'anyone',
    input: z.strictObject({ id: id(), follow: z.boolean(), requestId: requestId().optional() }),
    handle: follow,
  },
  'projects.rate': {
    allow: ['delegate'],
    input: z.strictObject({ id: id(), satisfaction, requestId: requestId().optional() }),
    handle: rate,
  },
  'projects.export': { allow: 'anyone', input: z.strictObject({ year: year.optional() }), handle: exportCsv },
  'supervisions.tasks': { allow: 'anyone', input: z.strictObject({}), handle: openTasks },
  'supervisions.record': {
    allow: ['staff', 'delegate'],
    input: z.strictObject({
      projectId: id(),
      date: day(),
      participants: text(2, 200).optional(),
      findings: text(5, 2000),
      rating: z.enum(['on_track', 'minor_issues', 'delayed']),
      requests: z.array(z.strictObject({ text: text(2, 200), dueAt: day() })).max(REQUESTS_MAX),
      requestId: requestId().optional(),
    }),
    handle: record,
  },
  'admin.projects.create': {
    allow: ['staff'],
    input: z.strictObject({
      title: text(2, 40),
      summary: text(2, 500),
      category: text(1, 20),
      budget: z.number().min(0).max(100000).optional(),
      location: text(1, 60).optional(),
      year: year.optional(),
      requestId: requestId().optional(),
    }),
    handle: create,
  },
  'admin.projects.savePlan': { allow: ['staff'], input: planInput, handle: savePlan },
  'admin.projects.postUpdate': {
    allow: ['staff'],
    input: z.strictObject({
      id: id(),
      body: text(5, 1000),
      percent: z.number().int().min(0).max(100),
      photos: photos.optional(),
      checkpointId: id().optional(),
      reason: text(2, 200).optional(),
      requestId: requestId().optional(),
    }),
    handle: postUpdate,
  },
  'admin.projects.accept': { allow: ['staff'], input: z.strictObject({ id: id(), requestId: requestId().optional() }), handle: accept },
  'admin.projects.tasks': {
    allow: ['staff'],
    input: z.strictObject({
      month: z
        .string()
        .regex(/^20\d\d-(0[1-9]|1[0-2])$/)
        .optional(),
    }),
    handle: tasks,
  },
  'admin.supervisions.closeRequest': {
    allow: ['staff'],
    input: z.strictObject({ projectId: id(), itemId: id(), answer: text(2, 1000), requestId: requestId().optional() }),
    handle: closeRequest,
  },
};

// ---- the timer: 单月公告、双月督办 on the first of the month; overdue reminders and escalations

const CYCLE_BATCH = 50;
const ALERT_BATCH = 50;

/** The liaison's and the active delegates' WeChat of each group (one query for the groups, one per group). */
async function groupRecipients(groupIds: string[]): Promise<Map<string, { liaison?: string; delegates: string[] }>> {
  const groups = await findGroups(groupIds);
  const out = new Map<string, { liaison?: string; delegates: string[] }>();
  for (const group of groups) {
    const members = await listDelegates(group.streetId, { groupId: group._id, activeOnly: true }, null, 100);
    out.set(group._id, {
      ...(group.liaisonOpenid ? { liaison: group.liaisonOpenid } : {}),
      delegates: members.filter((d) => d.openid).map((d) => d.openid!),
    });
  }
  return out;
}

export const projectCycle: TimerJob = {
  name: 'projects.cycle',
  async run(ctx) {
    const month = shanghaiMonthOf(ctx.now);
    const due = await store.dueForCycle(month, CYCLE_BATCH);
    if (due.length === 0) return { opened: 0, month: Number(month.replace('-', '')) };
    const recipients = await groupRecipients(due.map((p) => p.plan?.groupId ?? '').filter(Boolean));
    let opened = 0;
    for (const seen of due) {
      try {
        await runCommand(ctx, async ({ tx, notify }) => {
          const project = await store.getInTx(tx, seen._id);
          if (!project || project.status !== 'in_progress' || project.cycleMonth === month) return;
          const task = cycleTaskOf(project, month, ctx.now);
          if (!(await store.getTaskInTx(tx, task._id))) {
            await store.putTaskInTx(tx, task);
            opened++;
          }
          await store.putInTx(tx, { ...project, cycleMonth: month, openTaskIds: [...new Set([...(project.openTaskIds ?? []), task._id])] });
          const group = task.groupId ? recipients.get(task.groupId) : undefined;
          if (task.kind === 'supervise' && group)
            await notify(superviseNotices(task, [...(group.liaison ? [group.liaison] : []), ...group.delegates], ctx.now));
        });
      } catch (error) {
        console.error(`[projects] cycle task of ${seen._id} failed; the next run retries`, error);
      }
    }
    return { opened, month: Number(month.replace('-', '')) };
  },
};

export const projectAlerts: TimerJob = {
  name: 'projects.overdue',
  async run(ctx) {
    const due = await store.dueForAlerts(ctx.now, ALERT_BATCH);
    if (due.length === 0) return { reminded: 0, escalated: 0 };
    const recipients = await groupRecipients(due.map((p) => p.plan?.groupId ?? '').filter(Boolean));
    let reminded = 0;
    let escalated = 0;
    for (const seen of due) {
      try {
        await runCommand(ctx, async ({ tx, notify }) => {
          const project = await store.getInTx(tx, seen._id);
          if (!project) return;
          const { items, alerts } = dueAlerts(project, ctx.now);
          const next = { ...project, alerts };
          await store.putInTx(tx, { ...next, alertAt: nextAlertAt(next) });
          const liaison = project.plan ? recipients.get(project.plan.groupId)?.liaison : undefined;
          const people = [...(project.plan ? [project.plan.savedBy] : []), ...(liaison ? [liaison] : [])];
          await notify(overdueNotices(project, items, people, ctx.now));
          reminded += items.filter((i) => i.step === 'reminded').length;
          escalated += items.filter((i) => i.step === 'escalated').length;
        });
      } catch (error) {
        console.error(`[projects] overdue reminders of ${seen._id} failed; the next run retries`, error);
      }
    }
    return { reminded, escalated };
  },
};

export const projectsTimerJobs: TimerJob[] = [projectCycle, projectAlerts];
