import type { ProjectTask } from '../../../../typings/contract';
import { ApiCallError, call, newRequestId } from '../../../services/api';
import { openPage, showError, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { appendNextPage, emptyList, type PagedData } from '../../../services/paging';
import { toProjectRow, type ProjectRow } from '../../../services/projects';
import { routes } from '../../../services/routes';
import { currentMonth, shanghai } from '../../../services/time';

// 民生实事管理 (staff): the month's cycle tasks (单月公告 to post, 双月督办 the groups are due to hold),
// the year's projects with their state, and a form to add a project the delegates' 票决 decided.

interface TaskRow {
  id: string;
  kind: ProjectTask['kind'];
  projectId: string;
  title: string;
  label: string;
  state: string;
  open: boolean;
}

interface StaffProjectsData extends PagedData<ProjectRow> {
  month: string;
  monthLabel: string;
  tasks: TaskRow[];
  creating: boolean;
  form: { title: string; summary: string; category: string; budget: string };
  formError: string;
  busy: boolean;
  requestId: string;
}

function toTaskRow(t: ProjectTask): TaskRow {
  return {
    id: t.id,
    kind: t.kind,
    projectId: t.projectId,
    title: t.projectTitle,
    label: t.kind === 'announce' ? '单月公告' : `双月督办 · ${t.groupName ?? ''}`,
    state: t.status === 'done' ? '已完成' : t.kind === 'announce' ? '待发布公告' : '待小组督办',
    open: t.status === 'open',
  };
}

const emptyForm = () => ({ title: '', summary: '', category: '', budget: '' });

definePage({
  data: {
    ...emptyList<ProjectRow>(),
    month: currentMonth(),
    monthLabel: shanghai().format('YYYY年M月'),
    tasks: [],
    creating: false,
    form: emptyForm(),
    formError: '',
    busy: false,
    requestId: '',
  } as StaffProjectsData,
  refresh: true,
  loadOn: 'show',
  async firstScreen() {
    // The server's month: tasks are opened by its clock on the first of the month (Asia/Shanghai).
    const [page, tasks] = await Promise.all([call('projects.list', {}), call('admin.projects.tasks', {})]);
    return {
      month: tasks.month,
      monthLabel: `${Number(tasks.month.slice(0, 4))}年${Number(tasks.month.slice(5))}月`,
      status: page.items.length || tasks.items.length ? 'ready' : 'empty',
      rows: page.items.map(toProjectRow),
      nextCursor: page.nextCursor,
      tasks: tasks.items.map(toTaskRow),
    };
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('projects.list', { cursor }), toProjectRow);
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.project}?id=${encodeURIComponent(event.currentTarget.dataset.id as string)}`);
    },
    onTask(event: WechatMiniprogram.TouchEvent) {
      const { kind, project } = event.currentTarget.dataset as { kind: ProjectTask['kind']; project: string };
      const id = encodeURIComponent(project);
      openPage(kind === 'announce' ? `${routes.adminProjectUpdate}?id=${id}&draft=1` : `${routes.supervision}?projectId=${id}`);
    },
    onToggleCreate() {
      this.setData({ creating: !this.data.creating, formError: '', requestId: newRequestId() });
    },
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = event.currentTarget.dataset.field as keyof StaffProjectsData['form'];
      this.setData({ [`form.${field}`]: event.detail.value, formError: '' });
    },
    async onCreate() {
      const { form, busy, requestId } = this.data;
      if (busy) return;
      const budget = form.budget.trim() ? Number(form.budget) : undefined;
      if (budget !== undefined && !Number.isFinite(budget)) {
        this.setData({ formError: '「预算」请填写数字（万元）' });
        return;
      }
      this.setData({ busy: true });
      try {
        const { id } = await call('admin.projects.create', {
          title: form.title,
          summary: form.summary,
          category: form.category,
          ...(budget !== undefined ? { budget } : {}),
          requestId,
        });
        showSuccess('已添加');
        this.setData({ creating: false, form: emptyForm() });
        openPage(`${routes.adminProjectPlan}?id=${encodeURIComponent(id)}`);
      } catch (error) {
        if (error instanceof ApiCallError && error.field) this.setData({ formError: error.message });
        else showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
