import type { MessageSummary } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { definePage } from '../../../services/page';
import { openPage } from '../../../services/feedback';
import { toRow, type MessageRow } from '../../../services/messages';
import { appendNextPage } from '../../../services/paging';
import { routes } from '../../../services/routes';

// 超期留言 (staff, group liaisons): messages without a first reply beyond the escalation time.

interface OverdueRow extends MessageRow {
  delegateName: string;
}

interface OverdueData {
  rows: OverdueRow[];
  nextCursor: string | null;
  loadingMore: boolean;
}

const toOverdueRow = (m: MessageSummary): OverdueRow => ({ ...toRow(m, 'delegate'), delegateName: m.delegateName });

definePage({
  data: { rows: [], nextCursor: null, loadingMore: false } as OverdueData,
  loadOn: 'show',
  refresh: true,
  async firstScreen() {
    const page = await call('messages.overdue', {});
    return {
      status: page.items.length ? 'ready' : 'empty',
      rows: page.items.map(toOverdueRow),
      nextCursor: page.nextCursor,
    };
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('messages.overdue', { cursor }), toOverdueRow);
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.delegateThread}?id=${event.currentTarget.dataset.id}`);
    },
  },
});
