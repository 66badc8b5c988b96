import { call } from '../../../services/api';
import { fillPage, retryPage, type PageStateData } from '../../../services/page-state';
import { openPage, openTab } from '../../../services/feedback';
import { toRow, type MessageRow } from '../../../services/messages';
import { appendNextPage } from '../../../services/paging';
import { routes } from '../../../services/routes';

// 我的留言: what I wrote and where each stands; 20 a page, newest first.

interface MyMessagesData extends PageStateData {
  rows: MessageRow[];
  nextCursor: string | null;
  loadingMore: boolean;
}

Component({
  data: { status: 'loading', errorText: '', rows: [], nextCursor: null, loadingMore: false } as MyMessagesData,
  methods: {
    onShow() {
      this.load();
    },
    load() {
      return fillPage(this, async () => {
        const page = await call('messages.mine', {});
        return {
          status: page.items.length ? 'ready' : 'empty',
          rows: page.items.map((m) => toRow(m, 'resident')),
          nextCursor: page.nextCursor,
        } satisfies Partial<MyMessagesData>;
      });
    },
    onReachBottom() {
      return appendNextPage(this as never, (cursor) => call('messages.mine', { cursor }), (m) => toRow(m, 'resident'));
    },
    onRetry() {
      retryPage(this);
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.residentThread}?id=${event.currentTarget.dataset.id}`);
    },
    onWrite() {
      openTab(routes.delegates);
    },
  },
});
