import type { WallReviewItem, WallStatus } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { askText, confirmAction } from '../../../services/feedback';
import { definePage, runStep } from '../../../services/page';
import { appendNextPage, emptyList, listAsShown, type PagedData } from '../../../services/paging';
import { formatDate } from '../../../services/time';

// 留言墙管理 (staff): public messages by their place on the wall. Review before they appear (when the
// street turns review on), take one down with a reason, put it back. Each step is audited.

interface WallReviewRow {
  id: string;
  title: string;
  body: string;
  answer: string;
  meta: string;
  reason: string;
}

interface WallAdminData extends PagedData<WallReviewRow> {
  filter: WallStatus;
  filters: Array<{ key: WallStatus; label: string }>;
  busy: boolean;
}

const FILTERS: WallAdminData['filters'] = [
  { key: 'pending', label: '待审核' },
  { key: 'shown', label: '已展示' },
  { key: 'hidden', label: '已撤下' },
];

const toRow = (item: WallReviewItem): WallReviewRow => ({
  id: item.id,
  title: item.title,
  body: item.body,
  answer: item.answer ?? '',
  meta: `${item.category} · ${item.delegateName} · ${formatDate(item.resolvedAt)}`,
  reason: item.reason ? `撤下理由：${item.reason}` : '',
});

/** Why staff take an item down, kept for staff beside the item (admin.wall.hide: 2–200 characters). */
const TAKE_DOWN_REASON = { label: '撤下理由', placeholder: '如：涉及个人信息', maxLength: 200, minLength: 2 };

definePage({
  data: { ...emptyList<WallReviewRow>(), filter: 'pending', filters: FILTERS, busy: false } as WallAdminData,
  loadOn: 'show',
  refresh: true,
  async firstScreen() {
    const { filter } = this.data;
    return listAsShown(this, (cursor) => call('admin.wall.list', { status: filter, cursor }), toRow);
  },
  methods: {
    async onFilter(event: WechatMiniprogram.CustomEvent<{ value: WallStatus }>) {
      const filter = event.detail.value;
      if (filter === this.data.filter) return;
      this.setData({ filter, ...emptyList<WallReviewRow>() });
      await this.load();
    },
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('admin.wall.list', { status: this.data.filter, cursor }), toRow);
    },
    async onTakeDown(event: WechatMiniprogram.TouchEvent) {
      if (this.data.busy) return;
      const reason = await askText(
        '撤下',
        '撤下后其他居民不再看到这条留言。理由显示在本页「已撤下」中，仅工作人员可见。',
        TAKE_DOWN_REASON,
        { confirmText: '撤下', danger: true },
      );
      if (reason === null) return;
      await runStep(this, () => call('admin.wall.hide', { id: event.currentTarget.dataset.id, reason }), '已撤下');
    },
    async onPutBack(event: WechatMiniprogram.TouchEvent) {
      if (this.data.busy) return;
      if (!(await confirmAction('在留言墙展示', '展示后所有人都能看到这条留言（不显示留言人身份）。确定吗？'))) return;
      await runStep(this, () => call('admin.wall.show', { id: event.currentTarget.dataset.id }), '已展示');
    },
  },
});
