import type { ProjectTask } from '../../../../typings/contract';
import type { NotificationRequest } from '../notify/rules';
import { shanghai } from '../platform/time';
import { projectPage, type ProjectRecord } from './rules';

// 单月公告、双月督办 (docs/architecture.md#projects): pure rules of the tasks the timer opens on the first of
// each Shanghai month, and of the announcement draft it prefills.

export interface TaskRecord {
  _id: string; // `${projectId}:${month}`: one task per project and month
  streetId: string;
  kind: ProjectTask['kind'];
  month: string;
  projectId: string;
  projectTitle: string;
  groupId?: string;
  groupName?: string;
  status: ProjectTask['status'];
  draft?: string;
  openedAt: Date;
  doneAt?: Date;
  doneBy?: string;
}

export const taskId = (projectId: string, month: string) => `${projectId}:${month}`;

/** Odd months announce (单月公告), even months supervise (双月督办). */
export const cycleKindOf = (month: string): ProjectTask['kind'] => (Number(month.slice(5, 7)) % 2 === 1 ? 'announce' : 'supervise');

const monthDay = (at: Date) => shanghai(at).format('M月D日');

/** An announcement prefilled from the last two months' updates and checkpoints, for staff to edit and post. */
export function announcementDraft(p: ProjectRecord, month: string): string {
  const start = shanghai(new Date(`${month}-01T00:00:00+08:00`));
  const since = start.subtract(2, 'month').toDate().getTime();
  const until = start.toDate().getTime();
  const within = (d: Date) => d.getTime() >= since && d.getTime() < until;
  const lines = [`【民生实事进展公告】${p.title}（${start.format('YYYY年M月')}）`];
  if (p.plan) lines.push(`责任单位：${p.plan.responsibleUnit}；完成期限：${monthDay(p.plan.deadline)}`);
  lines.push(`当前进度：${p.percent ?? 0}%`);
  const updates = (p.updates ?? []).filter((u) => within(u.at));
  lines.push(updates.length ? '近两月进展：' : '近两月没有发布进展。');
  for (const u of updates) lines.push(`· ${monthDay(u.at)}：${u.body}（${u.percent}%）`);
  const checkpoints = p.plan?.checkpoints ?? [];
  for (const c of checkpoints.filter((c) => c.doneAt && within(c.doneAt))) lines.push(`· 完成节点「${c.title}」（${monthDay(c.doneAt!)}）`);
  for (const c of checkpoints.filter((c) => !c.doneAt && c.dueAt.getTime() < until))
    lines.push(`· 节点「${c.title}」计划 ${monthDay(c.dueAt)} 完成，尚未完成`);
  const next = checkpoints.find((c) => !c.doneAt && c.dueAt.getTime() >= until);
  if (next) lines.push(`下一节点：${next.title}，计划 ${monthDay(next.dueAt)} 完成。`);
  return lines.join('\n');
}

export function cycleTaskOf(p: ProjectRecord, month: string, at: Date): TaskRecord {
  const kind = cycleKindOf(month);
  return {
    _id: taskId(p._id, month),
    streetId: p.streetId,
    kind,
    month,
    projectId: p._id,
    projectTitle: p.title,
    ...(p.plan ? { groupId: p.plan.groupId, groupName: p.plan.groupName } : {}),
    status: 'open',
    ...(kind === 'announce' ? { draft: announcementDraft(p, month) } : {}),
    openedAt: at,
  };
}

/** The liaison and the group's delegates hear that a 督办 is due this month. */
export function superviseNotices(task: TaskRecord, recipients: string[], at: Date): NotificationRequest[] {
  return [...new Set(recipients)].map((recipient) => ({
    kind: 'project.supervise',
    recipient,
    templateKey: 'reminder' as const,
    content: { subject: task.projectTitle, state: '待督办', at, hint: `${task.groupName ?? '专业代表小组'}本月督办` },
    page: projectPage(task.projectId),
    dedupeKey: `project:${task._id}:supervise:${recipient}`,
    streetId: task.streetId,
  }));
}

export function taskView(t: TaskRecord): ProjectTask {
  return {
    id: t._id,
    kind: t.kind,
    month: t.month,
    projectId: t.projectId,
    projectTitle: t.projectTitle,
    ...(t.groupId ? { groupId: t.groupId } : {}),
    ...(t.groupName ? { groupName: t.groupName } : {}),
    status: t.status,
    ...(t.draft ? { draft: t.draft } : {}),
    ...(t.doneAt ? { doneAt: t.doneAt.toISOString() } : {}),
  };
}
