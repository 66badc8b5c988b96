import type { ProjectDetail, Satisfaction } from '../../../../typings/contract';
import { call, newRequestId } from '../../../services/api';
import { confirmAction, openPage, showHint } from '../../../services/feedback';
import { definePage, runStep } from '../../../services/page';
import { PROJECT_SATISFACTION_LABELS, PROJECT_STATUS_LABELS, SUPERVISION_RATING_LABELS } from '../../../services/projects';
import { routes } from '../../../services/routes';
import { requestSubscriptions } from '../../../services/subscriptions';
import { formatDate } from '../../../services/time';
import { photoSource } from '../../../services/upload';

// 实事成效 · one project: the plan (一项目一方案) and its adjustments, the timeline of progress updates,
// 督办 findings with the responsible unit's answers, and the delegates' rating once accepted. Anyone
// follows it (and is told of each update) or shares it; delegates rate it once completed; staff and
// the supervising group's delegates find their next step here.

interface CheckpointView {
  id: string;
  title: string;
  when: string;
  state: string;
}
interface UpdateView {
  id: string;
  when: string;
  percent: number;
  body: string;
  note: string;
  photos: string[];
}
interface RequestView {
  id: string;
  text: string;
  state: string;
  answer: string;
  open: boolean;
}
interface SupervisionView {
  id: string;
  when: string;
  rating: string;
  findings: string;
  participants: string;
  requests: RequestView[];
}

interface ProjectData {
  id: string;
  title: string;
  summary: string;
  statusLabel: string;
  percent: number;
  delayed: boolean;
  facts: string;
  hasPlan: boolean;
  plan: { unit: string; contact: string; dates: string; group: string; safeguards: string[]; revision: string };
  checkpoints: CheckpointView[];
  revisions: { revision: string; reason: string; when: string }[];
  updates: UpdateView[];
  supervisions: SupervisionView[];
  rating: string;
  ratingCount: number;
  following: boolean;
  can: ProjectDetail['can'];
  myRating: string;
  busy: boolean;
  answerFor: string;
  answerText: string;
}

function view(d: ProjectDetail): Partial<ProjectData> {
  const p = d.project;
  const plan = d.plan;
  const facts = [p.category, p.campaignId ? `票选得票 ${p.votes}` : '代表票决确定'];
  if (p.budget !== undefined) facts.push(`预算 ${p.budget} 万元`);
  if (p.location) facts.push(p.location);
  return {
    title: p.title,
    summary: p.summary,
    statusLabel: PROJECT_STATUS_LABELS[p.status],
    percent: p.percent,
    delayed: p.delayed,
    facts: facts.join(' · '),
    hasPlan: !!plan,
    plan: plan
      ? {
          unit: plan.responsibleUnit,
          contact: plan.contact ?? '',
          dates: `${plan.startAt ? `${formatDate(plan.startAt)} 至 ` : '完成期限 '}${formatDate(plan.deadline)}`,
          group: plan.groupName,
          safeguards: plan.safeguards,
          revision: plan.revision > 1 ? `第 ${plan.revision} 版（${formatDate(plan.savedAt)}调整）` : `${formatDate(plan.savedAt)}制定`,
        }
      : { unit: '', contact: '', dates: '', group: '', safeguards: [], revision: '' },
    checkpoints: (plan?.checkpoints ?? []).map((c) => ({
      id: c.id,
      title: c.title,
      when: formatDate(c.dueAt),
      state: c.doneAt ? `已完成（${formatDate(c.doneAt)}）` : c.overdue ? '已超期' : '未到期',
    })),
    revisions: plan?.reason
      ? [{ revision: `第 ${plan.revision} 版`, reason: plan.reason, when: formatDate(plan.savedAt) }].concat(
          d.revisions
            .filter((r) => r.reason)
            .map((r) => ({ revision: `第 ${r.revision} 版`, reason: r.reason!, when: formatDate(r.savedAt) })),
        )
      : [],
    updates: d.updates.map((u) => ({
      id: u.id,
      when: formatDate(u.at),
      percent: u.percent,
      body: u.body,
      note: [u.checkpointTitle ? `完成节点「${u.checkpointTitle}」` : '', u.reason ? `进度下调：${u.reason}` : '']
        .filter(Boolean)
        .join(' · '),
      photos: u.photos.map(photoSource),
    })),
    supervisions: d.supervisions.map((s) => ({
      id: s.id,
      when: formatDate(s.date),
      rating: SUPERVISION_RATING_LABELS[s.rating],
      findings: s.findings,
      participants: s.participants ?? '',
      requests: s.requests.map((r) => ({
        id: r.id,
        text: r.text,
        open: r.status === 'open',
        state:
          r.status === 'closed' ? '已办结' : r.overdue ? `已超期（期限 ${formatDate(r.dueAt)}）` : `办理中（期限 ${formatDate(r.dueAt)}）`,
        answer: r.answer ?? '',
      })),
    })),
    rating: d.rating
      ? `满意 ${d.rating.satisfied} 人，基本满意 ${d.rating.basically_satisfied} 人，不满意 ${d.rating.dissatisfied} 人，满意率 ${d.rating.satisfactionRate}%`
      : '',
    ratingCount: d.ratingCount,
    following: d.following,
    can: d.can,
    myRating: d.myRating ? PROJECT_SATISFACTION_LABELS[d.myRating] : '',
  };
}

definePage({
  data: {
    id: '',
    title: '',
    summary: '',
    statusLabel: '',
    percent: 0,
    delayed: false,
    facts: '',
    hasPlan: false,
    plan: { unit: '', contact: '', dates: '', group: '', safeguards: [], revision: '' },
    checkpoints: [],
    revisions: [],
    updates: [],
    supervisions: [],
    rating: '',
    ratingCount: 0,
    following: false,
    can: { editPlan: false, postUpdate: false, supervise: false, rate: false, accept: false, closeRequests: false },
    myRating: '',
    busy: false,
    answerFor: '',
    answerText: '',
  } as ProjectData,
  refresh: true,
  loadOn: 'show',
  query: (query) => ({ id: query.id ?? '' }),
  share() {
    return {
      title: this.data.title ? `民生实事：${this.data.title}` : '民生实事',
      path: `${routes.project}?id=${encodeURIComponent(this.data.id)}`,
    };
  },
  async firstScreen() {
    return { status: 'ready', ...view(await call('projects.get', { id: this.data.id })) };
  },
  methods: {
    async onFollow() {
      const follow = !this.data.following;
      // A tap is the moment WeChat allows asking: each accepted subscription is one update told.
      if (follow) await requestSubscriptions(['projectUpdate']);
      await runStep(
        this,
        () => call('projects.follow', { id: this.data.id, follow, requestId: newRequestId() }),
        follow ? '已关注' : '已取消关注',
      );
    },
    async onRate(event: WechatMiniprogram.TouchEvent) {
      const satisfaction = event.currentTarget.dataset.value as Satisfaction;
      if (!(await confirmAction('满意度测评', `评价为“${PROJECT_SATISFACTION_LABELS[satisfaction]}”，提交后不能修改。确定吗？`))) return;
      await runStep(this, () => call('projects.rate', { id: this.data.id, satisfaction, requestId: newRequestId() }), '已提交测评');
    },
    async onAccept() {
      if (!(await confirmAction('项目验收', `共有 ${this.data.ratingCount} 位代表参加测评。验收后测评结果向社会公布，确定验收吗？`)))
        return;
      await runStep(this, () => call('admin.projects.accept', { id: this.data.id, requestId: newRequestId() }), '已验收');
    },
    onEditPlan() {
      openPage(`${routes.adminProjectPlan}?id=${encodeURIComponent(this.data.id)}`);
    },
    onPostUpdate() {
      openPage(`${routes.adminProjectUpdate}?id=${encodeURIComponent(this.data.id)}`);
    },
    onSupervise() {
      openPage(`${routes.supervision}?projectId=${encodeURIComponent(this.data.id)}`);
    },
    onPreview(event: WechatMiniprogram.TouchEvent) {
      const { url, urls } = event.currentTarget.dataset as { url: string; urls: string[] };
      wx.previewImage({ current: url, urls });
    },
    onStartAnswer(event: WechatMiniprogram.TouchEvent) {
      const id = event.currentTarget.dataset.id as string;
      this.setData({ answerFor: this.data.answerFor === id ? '' : id, answerText: '' });
    },
    onAnswerText(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ answerText: event.detail.value });
    },
    async onCloseRequest() {
      const { id, answerFor: itemId, answerText: answer } = this.data;
      if (!itemId) return;
      if (answer.trim().length < 2) {
        showHint('请填写承办单位的答复');
        return;
      }
      await runStep(
        this,
        () => call('admin.supervisions.closeRequest', { projectId: id, itemId, answer, requestId: newRequestId() }),
        '已登记答复',
        { answerFor: '', answerText: '' },
      );
    },
  },
});
