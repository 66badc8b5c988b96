import { call } from '../../../services/api';
import { definePage } from '../../../services/page';
import { openPage, openTab } from '../../../services/feedback';
import { toRow, type MessageRow } from '../../../services/messages';
import { appendNextPage } from '../../../services/paging';
import { routes } from '../../../services/routes';

// 我的留言: what I wrote and where each stands; 20 a page, newest first.

interface MyMessagesData {
  rows: MessageRow[];
  nextCursor: string | null;
  loadingMore: boolean;
}

definePage({
  data: { rows: [], nextCursor: null, loadingMore: false } as MyMessagesData,
  loadOn: 'show',
  refresh: true,
  async firstScreen() {
    const page = await call('messages.mine', {});
    return {
      status: page.items.length ? 'ready' : 'empty',
      rows: page.items.map((m) => toRow(m, 'resident')),
      nextCursor: page.nextCursor,
    };
  },
  methods: {
    onReachBottom() {
      return appendNextPage(
        this,
        (cursor) => call('messages.mine', { cursor }),
        (m) => toRow(m, 'resident'),
      );
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.residentThread}?id=${event.currentTarget.dataset.id}`);
    },
    onWrite() {
      openTab(routes.delegates);
    },
  },
});
