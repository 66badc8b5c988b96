import type { MessageThread } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { definePage, runStep, type PageStateData } from '../../../services/page';
import { formatDateTime } from '../../../services/time';
import { EMPTY_THREAD_VIEW, limits, toThreadView, type ThreadView } from '../../../services/messages';
import { requestSubscriptions } from '../../../services/subscriptions';
import { confirmAction, showHint } from '../../../services/feedback';

// 处理留言 (delegate, or staff): reply, forward to a department (转办) and record its answer, resolve.
// A group's liaison opens it from 超期留言 to read only (phone masked): the page says so and offers nothing.
// What the delegate writes is the reply text; department and note come from their own fields.

interface DelegateThreadData extends ThreadView {
  id: string;
  meta: string;
  can: MessageThread['can'];
  /** The caller is the group's liaison: read-only. */
  readOnly: boolean;
  draft: string;
  department: string;
  replyMax: number;
  busy: boolean;
}

definePage({
  data: {
    ...EMPTY_THREAD_VIEW,
    id: '',
    meta: '',
    can: { reply: false, forward: false, answer: false, resolve: false, rate: false },
    readOnly: false,
    draft: '',
    department: '',
    replyMax: limits.reply,
    busy: false,
  } as DelegateThreadData,
  refresh: true,
  query: (query) => ({ id: query.id ?? '' }),
  async firstScreen() {
    const message = await call('messages.get', { id: this.data.id });
    return viewOf(message);
  },
  methods: {
    onDraft(event: WechatMiniprogram.Input) {
      this.setData({ draft: event.detail.value });
    },
    onDepartment(event: WechatMiniprogram.Input) {
      this.setData({ department: event.detail.value });
    },
    async onReply() {
      const { id, draft } = this.data;
      if (!draft.trim()) return showHint('请先写下回复内容');
      // The workbench's natural moment: the delegate keeps hearing about new messages and reminders.
      await requestSubscriptions(['newMessage', 'reminder']);
      await this.step(() => call('messages.reply', { id, body: draft.trim() }), '已回复');
    },
    async onForward() {
      const { id, draft, department } = this.data;
      if (!department.trim()) return showHint('请填写承办部门');
      await this.step(
        () =>
          call('messages.transition', {
            id,
            to: 'forwarded',
            department: department.trim(),
            ...(draft.trim() ? { note: draft.trim() } : {}),
          }),
        '已转办',
      );
    },
    async onAnswer() {
      const { id, draft } = this.data;
      if (!draft.trim()) return showHint('请先写下部门的答复');
      await this.step(() => call('messages.recordAnswer', { id, body: draft.trim() }), '已登记');
    },
    async onResolve() {
      const { id, draft, busy } = this.data;
      if (busy) return;
      const question = '办结后留言人会收到通知并可以评价；评价为不满意时留言会退回给您重新办理。确定办结吗？';
      if (!(await confirmAction('标记办结', question, { confirmText: '办结' }))) return;
      await this.step(() => call('messages.transition', { id, to: 'resolved', ...(draft.trim() ? { note: draft.trim() } : {}) }), '已办结');
    },
    step(work: () => Promise<unknown>, done: string) {
      return runStep(this, work, done, { draft: '', department: '' });
    },
  },
});

function viewOf(message: MessageThread): Partial<DelegateThreadData & PageStateData> {
  return {
    status: 'ready',
    ...toThreadView(message),
    meta: `${message.category} · ${formatDateTime(message.createdAt)}${message.waitingDays ? ` · 已等待 ${message.waitingDays} 天` : ''}`,
    can: message.can,
    readOnly: message.viewer === 'liaison',
  };
}
