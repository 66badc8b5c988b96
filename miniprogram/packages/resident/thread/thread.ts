import type { MessageThread, Satisfaction, WallStatus } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { confirmAction } from '../../../services/feedback';
import { definePage, runStep, type PageStateData } from '../../../services/page';
import { formatDateTime } from '../../../services/time';
import { EMPTY_THREAD_VIEW, limits, satisfactionLabels, toThreadView, type ThreadView } from '../../../services/messages';
import { requestSubscriptions } from '../../../services/subscriptions';

// 留言详情 (resident): every step the delegate took, a follow-up box while it is open, and the
// rating once it is resolved (不满意 sends it back to the delegate).

interface ResidentThreadData extends ThreadView {
  id: string;
  meta: string;
  canReply: boolean;
  canRate: boolean;
  isPublic: boolean;
  wallNote: string;
  /** What the image check still holds or refused of the author's photos (empty when nothing). */
  photoNote: string;
  draft: string;
  comment: string;
  replyMax: number;
  commentMax: number;
  busy: boolean;
}

definePage({
  data: {
    ...EMPTY_THREAD_VIEW,
    id: '',
    meta: '',
    canReply: false,
    canRate: false,
    isPublic: false,
    wallNote: '',
    photoNote: '',
    draft: '',
    comment: '',
    replyMax: limits.reply,
    commentMax: limits.comment,
    busy: false,
  } as ResidentThreadData,
  refresh: true,
  query: (query) => ({ id: query.id ?? '' }),
  async firstScreen() {
    const message = await call('messages.get', { id: this.data.id });
    return viewOf(message);
  },
  methods: {
    onDraft(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ draft: event.detail.value });
    },
    onComment(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ comment: event.detail.value });
    },
    async onReply() {
      const { id, draft, busy } = this.data;
      if (busy || !draft.trim()) return;
      await requestSubscriptions(['messageUpdate']);
      await runStep(this, () => call('messages.reply', { id, body: draft.trim() }), '已发送', { draft: '' });
    },
    /** Consent withdrawn: the message leaves the public wall at once and only staff still see it. */
    async onWithdrawPublic() {
      if (this.data.busy) return;
      if (!(await confirmAction('不再公开', '这条留言将从「留言墙」中撤下，其他居民将看不到它。确定吗？'))) return;
      await runStep(this, () => call('messages.withdrawPublic', { id: this.data.id }), '已撤下');
    },
    async onRate(event: WechatMiniprogram.TouchEvent) {
      const { id, comment, busy } = this.data;
      if (busy) return;
      const satisfaction = event.currentTarget.dataset.satisfaction as Satisfaction;
      const question =
        satisfaction === 'dissatisfied'
          ? '评价为“不满意”后，留言会退回给代表重新办理。评价提交后不能修改，确定吗？'
          : `评价为“${satisfactionLabels[satisfaction]}”，提交后不能修改。确定吗？`;
      if (!(await confirmAction('评价办理结果', question, { confirmText: '提交评价' }))) return;
      await runStep(
        this,
        () => call('messages.rate', { id, satisfaction, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
        '感谢您的评价',
        { comment: '' },
      );
    },
  },
});

/** What the author is told of their public message's place on the wall. */
const WALL_NOTES: Record<WallStatus, string> = {
  pending: '您同意公开这条留言，工作人员审核后将在「留言墙」中展示（不显示您的身份）。',
  shown: '这条留言办结后在「留言墙」中展示，不显示您的身份。',
  hidden: '工作人员已将这条留言从「留言墙」中撤下。',
};

function viewOf(message: MessageThread): Partial<ResidentThreadData & PageStateData> {
  return {
    status: 'ready',
    ...toThreadView(message),
    meta: `${message.category} · 致${message.delegateName} · ${formatDateTime(message.createdAt)}`,
    canReply: message.can.reply,
    canRate: message.can.rate,
    isPublic: message.isPublic,
    wallNote: WALL_NOTES[message.wall ?? 'shown'],
    photoNote: photoNoteOf(message.photoReview),
  };
}

/** The author's photos wait for WeChat's image check before the delegate sees them; refused ones never show. */
function photoNoteOf(review: MessageThread['photoReview']): string {
  if (!review) return '';
  return [
    review.waiting ? `${review.waiting} 张照片正在审核，通过后代表才能看到` : '',
    review.refused ? `${review.refused} 张照片未通过内容审核，代表看不到` : '',
  ]
    .filter(Boolean)
    .join('；');
}
