import type { MessageThread, Satisfaction } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { fillPage, retryPage, type PageStateData } from '../../../services/page-state';
import { formatDateTime } from '../../../services/time';
import { limits, runStep, toThreadView, type ThreadView } from '../../../services/messages';
import { requestSubscriptions } from '../../../services/subscriptions';

// 留言详情 (resident): every step the delegate took, a follow-up box while it is open, and the
// rating once it is resolved (不满意 sends it back to the delegate).

interface ResidentThreadData extends PageStateData, ThreadView {
  id: string;
  meta: string;
  canReply: boolean;
  canRate: boolean;
  draft: string;
  comment: string;
  replyMax: number;
  commentMax: number;
  busy: boolean;
}

Component({
  data: {
    status: 'loading',
    errorText: '',
    id: '',
    title: '',
    meta: '',
    statusLabel: '',
    body: '',
    phone: '',
    photos: [],
    entries: [],
    canReply: false,
    canRate: false,
    draft: '',
    comment: '',
    replyMax: limits.reply,
    commentMax: limits.comment,
    busy: false,
  } as ResidentThreadData,
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ id: options.id ?? '' });
      this.load();
    },
    load() {
      return fillPage(this, async () => {
        const message = await call('messages.get', { id: (this.data as ResidentThreadData).id });
        return viewOf(message) satisfies Partial<ResidentThreadData>;
      });
    },
    onRetry() {
      retryPage(this);
    },
    onDraft(event: WechatMiniprogram.Input) {
      this.setData({ draft: event.detail.value });
    },
    onComment(event: WechatMiniprogram.Input) {
      this.setData({ comment: event.detail.value });
    },
    async onReply() {
      const { id, draft, busy } = this.data as ResidentThreadData;
      if (busy || !draft.trim()) return;
      await requestSubscriptions(['messageUpdate']);
      await runStep(this as never, () => call('messages.reply', { id, body: draft.trim() }), '已发送', { draft: '' });
    },
    async onRate(event: WechatMiniprogram.TouchEvent) {
      const { id, comment, busy } = this.data as ResidentThreadData;
      if (busy) return;
      const satisfaction = event.currentTarget.dataset.satisfaction as Satisfaction;
      await runStep(this as never, () => call('messages.rate', { id, satisfaction, ...(comment.trim() ? { comment: comment.trim() } : {}) }), '感谢您的评价', { comment: '' });
    },
  },
});

function viewOf(message: MessageThread): Partial<ResidentThreadData> {
  return {
    status: 'ready',
    ...toThreadView(message),
    meta: `${message.category} · 致${message.delegateName} · ${formatDateTime(message.createdAt)}`,
    canReply: message.can.reply,
    canRate: message.can.rate,
  };
}
