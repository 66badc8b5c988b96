import { ApiCallError, call, newRequestId } from '../../../services/api';
import { showError, showHint, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { dateFromToday, formatDate, shanghaiInstant } from '../../../services/time';

// 实施方案 (一项目一方案, staff): responsible unit, dates (date pickers), safeguards, the supervising
// 专业代表小组 and the checkpoint list. Saving again is a 方案调整: the earlier plan is kept and the
// reason is shown to everyone; checkpoints already reached stay.

interface CheckpointRow {
  /** The checkpoint's id when it is already in the plan (kept, with whether it was reached). */
  id: string;
  title: string;
  date: string;
  done: boolean;
}

interface PlanData {
  id: string;
  title: string;
  revising: boolean;
  groups: { id: string; name: string }[];
  groupIndex: number;
  unit: string;
  contact: string;
  budget: string;
  startDate: string;
  deadline: string;
  safeguards: string[];
  checkpoints: CheckpointRow[];
  reason: string;
  formError: string;
  errorField: string;
  busy: boolean;
  requestId: string;
}

definePage({
  data: {
    id: '',
    title: '',
    revising: false,
    groups: [],
    groupIndex: -1,
    unit: '',
    contact: '',
    budget: '',
    startDate: dateFromToday(0),
    deadline: dateFromToday(180),
    safeguards: [''],
    checkpoints: [{ id: '', title: '', date: dateFromToday(60), done: false }],
    reason: '',
    formError: '',
    errorField: '',
    busy: false,
    requestId: newRequestId(),
  } as PlanData,
  query: (query) => ({ id: query.id ?? '' }),
  async firstScreen() {
    const [detail, groups] = await Promise.all([call('projects.get', { id: this.data.id }), call('groups.list', {})]);
    if (!detail.can.editPlan) return { status: 'empty', title: detail.project.title };
    const plan = detail.plan;
    const choices = groups.items.map((g) => ({ id: g.id, name: g.name }));
    if (!plan)
      return {
        title: detail.project.title,
        groups: choices,
        budget: detail.project.budget !== undefined ? String(detail.project.budget) : '',
      };
    return {
      title: detail.project.title,
      revising: true,
      groups: choices,
      groupIndex: choices.findIndex((g) => g.id === plan.groupId),
      unit: plan.responsibleUnit,
      contact: plan.contact ?? '',
      budget: plan.budget !== undefined ? String(plan.budget) : '',
      startDate: plan.startAt ? formatDate(plan.startAt) : '',
      deadline: formatDate(plan.deadline),
      safeguards: plan.safeguards,
      checkpoints: plan.checkpoints.map((c) => ({ id: c.id, title: c.title, date: formatDate(c.dueAt), done: !!c.doneAt })),
    };
  },
  methods: {
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = event.currentTarget.dataset.field as 'unit' | 'contact' | 'budget' | 'reason';
      this.setData({ [field]: event.detail.value, formError: '' });
    },
    onDate(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = event.currentTarget.dataset.field as 'startDate' | 'deadline';
      this.setData({ [field]: event.detail.value, formError: '' });
    },
    onGroup(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ groupIndex: Number(event.detail.value), formError: '' });
    },
    onSafeguard(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ [`safeguards[${Number(event.currentTarget.dataset.index)}]`]: event.detail.value, formError: '' });
    },
    onAddSafeguard() {
      this.setData({ safeguards: [...this.data.safeguards, ''] });
    },
    onRemoveSafeguard(event: WechatMiniprogram.TouchEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ safeguards: this.data.safeguards.filter((_, i) => i !== index) });
    },
    onCheckpointTitle(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ [`checkpoints[${Number(event.currentTarget.dataset.index)}].title`]: event.detail.value, formError: '' });
    },
    onCheckpointDate(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ [`checkpoints[${Number(event.currentTarget.dataset.index)}].date`]: event.detail.value, formError: '' });
    },
    onAddCheckpoint() {
      this.setData({ checkpoints: [...this.data.checkpoints, { id: '', title: '', date: this.data.deadline, done: false }] });
    },
    onRemoveCheckpoint(event: WechatMiniprogram.TouchEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const row = this.data.checkpoints[index];
      if (row?.done) return showHint('已完成的节点不能删除');
      this.setData({ checkpoints: this.data.checkpoints.filter((_, i) => i !== index) });
    },
    async onSave() {
      const d = this.data;
      if (d.busy) return;
      const group = d.groups[d.groupIndex];
      if (!group) return this.setData({ formError: '请选择督办的专业代表小组', errorField: 'groupId' });
      const budget = d.budget.trim() ? Number(d.budget) : undefined;
      if (budget !== undefined && !Number.isFinite(budget))
        return this.setData({ formError: '「预算」请填写数字（万元）', errorField: 'budget' });
      this.setData({ busy: true });
      try {
        await call('admin.projects.savePlan', {
          id: d.id,
          responsibleUnit: d.unit,
          ...(d.contact.trim() ? { contact: d.contact } : {}),
          ...(budget !== undefined ? { budget } : {}),
          ...(d.startDate ? { startAt: shanghaiInstant(d.startDate, '00:00') } : {}),
          // The end of the chosen day on a Shanghai clock.
          deadline: shanghaiInstant(d.deadline, '23:59'),
          safeguards: d.safeguards.filter((s) => s.trim()),
          groupId: group.id,
          checkpoints: d.checkpoints.map((c) => ({
            ...(c.id ? { id: c.id } : {}),
            title: c.title,
            dueAt: shanghaiInstant(c.date, '23:59'),
          })),
          ...(d.revising && d.reason.trim() ? { reason: d.reason } : {}),
          requestId: d.requestId,
        });
        showSuccess(d.revising ? '方案已调整' : '方案已保存');
        wx.navigateBack({ fail: () => undefined });
      } catch (error) {
        if (error instanceof ApiCallError && error.field && error.field !== 'id')
          this.setData({ formError: error.message, errorField: error.field, requestId: newRequestId() });
        else showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
