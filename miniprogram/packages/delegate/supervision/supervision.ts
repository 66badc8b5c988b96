import type { SupervisionRating } from '../../../../typings/contract';
import { ApiCallError, call, newRequestId } from '../../../services/api';
import { confirmAction, showError, showHint, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { SUPERVISION_RATING_LABELS } from '../../../services/projects';
import { dateFromToday, shanghaiInstant } from '../../../services/time';

// 记录督办 (双月督办): the supervising group's delegate (or staff) records the visit — the day, who took
// part, what they found, how the project stands, and the requests the responsible unit must answer by a
// date. Staff track each request until the unit's answer closes it.

interface RequestRow {
  text: string;
  date: string;
}

interface SupervisionData {
  projectId: string;
  title: string;
  group: string;
  date: string;
  participants: string;
  findings: string;
  rating: SupervisionRating | '';
  ratings: { key: SupervisionRating; label: string }[];
  requests: RequestRow[];
  formError: string;
  busy: boolean;
  requestId: string;
}

definePage({
  data: {
    projectId: '',
    title: '',
    group: '',
    date: dateFromToday(0),
    participants: '',
    findings: '',
    rating: '',
    ratings: (Object.keys(SUPERVISION_RATING_LABELS) as SupervisionRating[]).map((key) => ({ key, label: SUPERVISION_RATING_LABELS[key] })),
    requests: [],
    formError: '',
    busy: false,
    requestId: newRequestId(),
  } as SupervisionData,
  query: (query) => ({ projectId: query.projectId ?? '' }),
  async firstScreen() {
    const detail = await call('projects.get', { id: this.data.projectId });
    if (!detail.can.supervise)
      return { status: 'empty', title: detail.project.title, errorText: '' } as Partial<SupervisionData & { status: 'empty' }>;
    return { title: detail.project.title, group: detail.plan?.groupName ?? '' };
  },
  methods: {
    onDate(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ date: event.detail.value, formError: '' });
    },
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = event.currentTarget.dataset.field as 'participants' | 'findings';
      this.setData({ [field]: event.detail.value, formError: '' });
    },
    onRating(event: WechatMiniprogram.TouchEvent) {
      this.setData({ rating: event.currentTarget.dataset.key as SupervisionRating, formError: '' });
    },
    onAddRequest() {
      this.setData({ requests: [...this.data.requests, { text: '', date: dateFromToday(30) }] });
    },
    onRemoveRequest(event: WechatMiniprogram.TouchEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ requests: this.data.requests.filter((_, i) => i !== index) });
    },
    onRequestText(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ [`requests[${Number(event.currentTarget.dataset.index)}].text`]: event.detail.value, formError: '' });
    },
    onRequestDate(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ [`requests[${Number(event.currentTarget.dataset.index)}].date`]: event.detail.value, formError: '' });
    },
    async onSubmit() {
      const { projectId, date, participants, findings, rating, requests, busy, requestId } = this.data;
      if (busy) return;
      if (!rating) return this.setData({ formError: '请选择督办评价' });
      if (!(await confirmAction('提交督办记录', `督办记录和 ${requests.length} 项督办要求将向社会公开。确定提交吗？`))) return;
      this.setData({ busy: true });
      try {
        const answer = await call('supervisions.record', {
          projectId,
          date: shanghaiInstant(date, '12:00'),
          ...(participants.trim() ? { participants } : {}),
          findings,
          rating,
          requests: requests.map((r) => ({ text: r.text, dueAt: shanghaiInstant(r.date, '23:59') })),
          requestId,
        });
        // Held by the content check: recorded, public once staff approve it.
        if (answer.held) showHint('督办记录已提交，内容审核通过后公开');
        else showSuccess('督办已记录');
        wx.navigateBack({ fail: () => undefined });
      } catch (error) {
        if (error instanceof ApiCallError && error.field && error.field !== 'projectId')
          this.setData({ formError: error.message, requestId: newRequestId() });
        else showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
