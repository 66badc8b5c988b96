import type { Satisfaction, Suggestion, SuggestionStep } from '../../../../typings/contract';
import { call, newRequestId } from '../../../services/api';
import { confirmAction, showError, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { routes } from '../../../services/routes';
import { ANSWER_CLASS_LABELS, SATISFACTION_LABELS, SUGGESTION_STATUS_LABELS } from '../../../services/suggestions';
import { formatDate, formatDateTime } from '../../../services/time';

// 代表建议: the suggestion, its answer and its steps. The filing delegate rates the answer here;
// 不满意 sends it back to the unit for 重新办理, so that choice is confirmed first.

const STEP_LABELS: Record<SuggestionStep['kind'], string> = {
  submitted: '代表提出',
  assigned: '交办承办单位',
  answered: '承办单位答复',
  rated: '代表评价',
  reopened: '重新办理',
};

interface SuggestionData {
  id: string;
  title: string;
  body: string;
  statusLabel: string;
  facts: string;
  answer: string;
  answerFacts: string;
  rating: string;
  steps: { title: string; content: string }[];
  canRate: boolean;
  ratingBusy: boolean;
}

function stepText(step: SuggestionStep): { title: string; content: string } {
  const note = step.kind === 'answered' && step.note ? ANSWER_CLASS_LABELS[step.note as 'A' | 'B' | 'C'] : step.note;
  return { title: STEP_LABELS[step.kind], content: [formatDateTime(step.at), note].filter(Boolean).join(' · ') };
}

function view(s: Suggestion): Partial<SuggestionData> {
  const facts = [`${s.delegateName}${s.coSignerNames.length ? `、${s.coSignerNames.join('、')}` : ''}`, s.category];
  if (s.unit) facts.push(`承办单位：${s.unit}`);
  if (s.status === 'assigned' && s.dueAt) facts.push(`办理期限：${formatDate(s.dueAt)}${s.overdue ? '（已超期）' : ''}`);
  return {
    title: s.title,
    body: s.body,
    statusLabel: SUGGESTION_STATUS_LABELS[s.status] + (s.round > 1 ? `（第 ${s.round} 轮）` : ''),
    facts: facts.join(' · '),
    answer: s.answer?.body ?? '',
    answerFacts: s.answer ? `${ANSWER_CLASS_LABELS[s.answer.class]} · ${formatDateTime(s.answer.at)}` : '',
    rating: s.satisfaction ? `代表评价：${SATISFACTION_LABELS[s.satisfaction]}` : '',
    steps: s.steps.map(stepText),
    canRate: s.can.rate,
  };
}

definePage({
  data: {
    id: '',
    title: '',
    body: '',
    statusLabel: '',
    facts: '',
    answer: '',
    answerFacts: '',
    rating: '',
    steps: [],
    canRate: false,
    ratingBusy: false,
  } as SuggestionData,
  refresh: true,
  query: (query) => ({ id: query.id ?? '' }),
  share() {
    return { title: this.data.title ? `代表建议：${this.data.title}` : '代表建议', path: `${routes.suggestion}?id=${this.data.id}` };
  },
  async firstScreen() {
    return { status: 'ready', ...view(await call('suggestions.get', { id: this.data.id })) };
  },
  methods: {
    async onRate(event: WechatMiniprogram.TouchEvent) {
      const satisfaction = event.currentTarget.dataset.value as Satisfaction;
      if (this.data.ratingBusy) return;
      if (
        satisfaction === 'dissatisfied' &&
        !(await confirmAction('评价为不满意', '这条建议将退回承办单位重新办理，并给出新的办理期限。确定吗？'))
      )
        return;
      this.setData({ ratingBusy: true });
      try {
        const { status } = await call('suggestions.rate', { id: this.data.id, satisfaction, requestId: newRequestId() });
        showSuccess(status === 'closed' ? '已评价，建议办结' : '已退回重新办理');
        await this.load();
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ ratingBusy: false });
      }
    },
  },
});
