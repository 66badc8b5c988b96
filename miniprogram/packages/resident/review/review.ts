import type { Review } from '../../../../typings/contract';
import { call, newRequestId } from '../../../services/api';
import { showError, showHint, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { verifySharedPhone, type PhoneNumberDetail } from '../../../services/phone';
import { REVIEW_STATUS_LABELS } from '../../../services/reviews';
import { routes } from '../../../services/routes';
import { formatDate, formatDay } from '../../../services/time';

// 专项评议: what is reviewed and how; while open, a delegate or a verified resident scores each
// criterion 1–5 once (with an optional comment that only staff read); once published, the averages
// and the department's 整改事项 with their progress.

interface ReviewData {
  id: string;
  title: string;
  statusLabel: string;
  facts: string;
  topics: string[];
  criteria: { name: string; score: number; average: string }[];
  canScore: boolean;
  needsPhone: boolean;
  scoredOn: string;
  comment: string;
  submitting: boolean;
  requestId: string;
  resultsLine: string;
  rectifications: { id: string; text: string; state: string }[];
}

function view(r: Review): Partial<ReviewData> {
  return {
    title: r.title,
    statusLabel: REVIEW_STATUS_LABELS[r.status],
    facts: `被评议部门：${r.department} · ${formatDate(r.opensAt)} 至 ${formatDate(r.closesAt)}`,
    topics: r.topics,
    criteria: r.criteria.map((name, i) => {
      const average = r.results?.averages[i];
      return { name, score: 0, average: average === null || average === undefined ? '' : `${average} 分` };
    }),
    canScore: r.status === 'open' && !r.mine.scored && !r.mine.blocked,
    needsPhone: r.status === 'open' && r.mine.blocked === 'verify_phone',
    scoredOn: r.mine.scored && r.mine.day ? `您已于${formatDay(r.mine.day)}参加本次评议` : '',
    resultsLine: r.results ? `共 ${r.results.count} 人参加评议（代表 ${r.results.delegates} 人、居民 ${r.results.residents} 人）` : '',
    rectifications: r.rectifications.map((item) => ({
      id: item.id,
      text: item.text,
      state: item.status === 'done' ? `已完成${item.note ? `：${item.note}` : ''}` : '整改中',
    })),
  };
}

definePage({
  data: {
    id: '',
    title: '',
    statusLabel: '',
    facts: '',
    topics: [],
    criteria: [],
    canScore: false,
    needsPhone: false,
    scoredOn: '',
    comment: '',
    submitting: false,
    requestId: '',
    resultsLine: '',
    rectifications: [],
  } as ReviewData,
  refresh: true,
  query: (query) => ({ id: query.id ?? '' }),
  share() {
    return { title: this.data.title || '专项评议', path: `${routes.review}?id=${this.data.id}` };
  },
  async firstScreen() {
    return { status: 'ready', ...view(await call('reviews.get', { id: this.data.id })) };
  },
  methods: {
    onScore(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ [`criteria[${Number(event.currentTarget.dataset.index)}].score`]: event.detail.value });
    },
    onComment(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ comment: event.detail.value });
    },
    async onPhone(event: WechatMiniprogram.CustomEvent<PhoneNumberDetail>) {
      if (await verifySharedPhone(event.detail)) this.load();
    },
    async onSubmit() {
      if (this.data.submitting) return;
      const missing = this.data.criteria.find((c) => !c.score);
      if (missing) {
        showHint(`请为“${missing.name}”打分`);
        return;
      }
      // One key per score until it is answered: a resend after a lost answer counts nothing twice.
      const requestId = this.data.requestId || newRequestId();
      this.setData({ submitting: true, requestId });
      try {
        await call('reviews.score', {
          id: this.data.id,
          scores: this.data.criteria.map((c) => c.score),
          ...(this.data.comment.trim() ? { comment: this.data.comment.trim() } : {}),
          requestId,
        });
        showSuccess('感谢参加评议');
        this.setData({ requestId: '', comment: '' });
        await this.load();
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
