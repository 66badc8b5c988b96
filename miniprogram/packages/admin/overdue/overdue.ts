import type { MessageSummary } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { definePage } from '../../../services/page';
import { openPage } from '../../../services/feedback';
import { toRow, type MessageRow } from '../../../services/messages';
import { appendNextPage, emptyList, listAsShown, type PagedData } from '../../../services/paging';
import { routes } from '../../../services/routes';

// 超期留言 (staff, group liaisons): messages without a first reply beyond the escalation time.

interface OverdueRow extends MessageRow {
  delegateName: string;
}

type OverdueData = PagedData<OverdueRow>;

const toOverdueRow = (m: MessageSummary): OverdueRow => ({ ...toRow(m, 'delegate'), delegateName: m.delegateName });

definePage({
  data: emptyList<OverdueRow>() as OverdueData,
  loadOn: 'show',
  refresh: true,
  async firstScreen() {
    return listAsShown(this, (cursor) => call('messages.overdue', { cursor }), toOverdueRow);
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
