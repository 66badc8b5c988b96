import type { DutyKind, DutyStats, DutyTarget, ProjectTask } from '../../../../typings/contract';
import type { PageStatus } from '../../../components/page-state/page-state';
import { call, messageOf, newRequestId } from '../../../services/api';
import { openPage, showFieldError, showSuccess } from '../../../services/feedback';
import { currentYear, DUTY_KINDS, recentYears } from '../../../services/duties';
import { definePage } from '../../../services/page';
import { routes } from '../../../services/routes';

// 履职统计 (staff: the street; a group's liaison: the groups they follow): each group's and each
// delegate's entries of the year against the 履职清单, which staff set here. A delegate's row opens
// their annual report. A liaison's workspace also leads to their groups' overdue messages and shows
// their groups' open 督办 tasks (supervisions.tasks), to follow, not to record: a task opens the project.

interface TargetField {
  kind: DutyKind;
  /** What staff typed: '' for no target of this kind. */
  required: string;
}

interface GroupRow {
  groupId: string;
  name: string;
  meta: string;
}

interface DelegateRow {
  delegateId: string;
  groupId: string;
  name: string;
  meta: string;
  met: boolean;
}

interface TaskRow {
  id: string;
  projectId: string;
  title: string;
  meta: string;
}

interface DutyStatsData {
  years: number[];
  year: number;
  isStaff: boolean;
  targets: DutyTarget[];
  targetsText: string;
  editing: boolean;
  fields: TargetField[];
  targetsError: string;
  saving: boolean;
  groups: GroupRow[];
  delegates: DelegateRow[];
  /** The group whose delegates the list shows, '' for all. */
  groupId: string;
  requestId: string;
  /** The liaison's 督办 tasks: their own loading / empty / error frame, apart from the statistics. */
  tasksStatus: PageStatus;
  tasksError: string;
  tasks: TaskRow[];
}

const toTaskRow = (t: ProjectTask): TaskRow => ({
  id: t.id,
  projectId: t.projectId,
  title: t.projectTitle,
  meta: `${t.groupName ? `${t.groupName}小组 · ` : ''}${Number(t.month.slice(5))}月督办 · 待督办`,
});

definePage({
  data: {
    years: [],
    year: 0,
    isStaff: false,
    targets: [],
    targetsText: '',
    editing: false,
    fields: [],
    targetsError: '',
    saving: false,
    groups: [],
    delegates: [],
    groupId: '',
    requestId: '',
    tasksStatus: 'loading',
    tasksError: '',
    tasks: [],
  } as DutyStatsData,
  refresh: true,
  async firstScreen() {
    const year = this.data.year || currentYear();
    const stats = await call('duties.stats', { year });
    // The tasks come in their own frame, so a slow or failed list leaves the statistics readable.
    if (stats.scope === 'liaison') void this.loadTasks();
    return { status: 'ready', years: recentYears(), year, isStaff: stats.scope === 'street', ...viewOf(stats) };
  },
  methods: {
    onYear(event: WechatMiniprogram.TouchEvent) {
      this.setData({ year: Number(event.currentTarget.dataset.year), editing: false });
      return this.load();
    },
    onGroup(event: WechatMiniprogram.TouchEvent) {
      const groupId = event.currentTarget.dataset.id === this.data.groupId ? '' : (event.currentTarget.dataset.id as string);
      this.setData({ groupId });
    },
    onOpenDelegate(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.dutyReport}?delegateId=${event.currentTarget.dataset.id}&year=${this.data.year}`);
    },
    onOpenOverdue() {
      openPage(routes.adminOverdue);
    },
    async loadTasks() {
      this.setData({ tasksStatus: 'loading', tasksError: '' });
      try {
        const { items } = await call('supervisions.tasks', {});
        this.setData({ tasksStatus: items.length ? 'ready' : 'empty', tasks: items.map(toTaskRow) });
      } catch (error) {
        this.setData({ tasksStatus: 'error', tasksError: messageOf(error) });
      }
    },
    onRetryTasks() {
      return this.loadTasks();
    },
    onOpenTask(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.project}?id=${encodeURIComponent(event.currentTarget.dataset.project as string)}`);
    },
    onEditTargets() {
      const current = new Map(this.data.targets.map((t) => [t.kind, t.required]));
      this.setData({
        editing: !this.data.editing,
        targetsError: '',
        requestId: newRequestId(),
        fields: DUTY_KINDS.map((kind) => ({ kind, required: current.has(kind) ? String(current.get(kind)) : '' })),
      });
    },
    onTarget(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ [`fields[${Number(event.currentTarget.dataset.index)}].required`]: event.detail.value, targetsError: '' });
    },
    async onSaveTargets() {
      if (this.data.saving) return;
      const targets = this.data.fields.filter((f) => f.required.trim() !== '').map((f) => ({ kind: f.kind, required: Number(f.required) }));
      const bad = targets.find((t) => !Number.isInteger(t.required) || t.required < 1);
      if (bad) return this.setData({ targetsError: `「${bad.kind}」的次数请填写 1 以上的整数，不设要求请留空` });
      this.setData({ saving: true });
      try {
        await call('admin.duties.setTargets', { year: this.data.year, targets, requestId: this.data.requestId });
        showSuccess('履职清单已保存');
        this.setData({ editing: false });
        await this.load();
      } catch (error) {
        const fieldErrors = showFieldError(error, ['targets']);
        if (fieldErrors.targets) this.setData({ targetsError: fieldErrors.targets });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});

function viewOf(stats: DutyStats): Pick<DutyStatsData, 'targets' | 'targetsText' | 'groups' | 'delegates'> {
  const required = stats.targets.length;
  const groupNames = new Map(stats.groups.map((g) => [g.groupId, g.name]));
  return {
    targets: stats.targets,
    targetsText: required ? stats.targets.map((t) => `${t.kind} ≥ ${t.required}`).join('，') : '尚未设定',
    groups: stats.groups.map((g) => ({
      groupId: g.groupId,
      name: `${g.name}小组`,
      meta: `${g.delegates} 位代表 · 履职 ${g.total} 项${required ? ` · ${g.delegatesMet} 位完成清单` : ''}`,
    })),
    delegates: stats.delegates.map((d) => ({
      delegateId: d.delegateId,
      groupId: d.groupId,
      name: d.name,
      meta: `${groupNames.get(d.groupId) ?? ''} · 履职 ${d.total} 项${required ? ` · 清单 ${d.targetsMet}/${required}` : ''}`,
      met: required > 0 && d.targetsMet === required,
    })),
  };
}
