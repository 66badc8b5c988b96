import type { MessageSummary } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { definePage } from '../../../services/page';
import { openPage, openTab } from '../../../services/feedback';
import { toRow, type MessageRow } from '../../../services/messages';
import { appendNextPage, emptyList, listAsShown, type PagedData } from '../../../services/paging';
import { routes } from '../../../services/routes';

// 我的留言: what I wrote and where each stands; 20 a page, newest first.

type MyMessagesData = PagedData<MessageRow>;

const toMyRow = (m: MessageSummary): MessageRow => toRow(m, 'resident');

definePage({
  data: emptyList<MessageRow>() as MyMessagesData,
  loadOn: 'show',
  refresh: true,
  async firstScreen() {
    return listAsShown(this, (cursor) => call('messages.mine', { cursor }), toMyRow);
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('messages.mine', { cursor }), toMyRow);
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.residentThread}?id=${event.currentTarget.dataset.id}`);
    },
    onWrite() {
      openTab(routes.delegates);
    },
  },
});
