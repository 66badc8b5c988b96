import type { MessageSummary } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { fillPage, retryPage, type PageStateData } from '../../../services/page-state';
import { openPage } from '../../../services/feedback';
import { toRow, type MessageRow } from '../../../services/messages';
import { appendNextPage } from '../../../services/paging';
import { routes } from '../../../services/routes';

// 超期留言 (staff, group liaisons): messages without a first reply beyond the escalation time.

interface OverdueRow extends MessageRow {
  delegateName: string;
}

interface OverdueData extends PageStateData {
  rows: OverdueRow[];
  nextCursor: string | null;
  loadingMore: boolean;
}

const toOverdueRow = (m: MessageSummary): OverdueRow => ({ ...toRow(m, 'delegate'), delegateName: m.delegateName });

Component({
  data: { status: 'loading', errorText: '', rows: [], nextCursor: null, loadingMore: false } as OverdueData,
  methods: {
    onShow() {
      this.load();
    },
    load() {
      return fillPage(this, async () => {
        const page = await call('messages.overdue', {});
        return {
          status: page.items.length ? 'ready' : 'empty',
          rows: page.items.map(toOverdueRow),
          nextCursor: page.nextCursor,
        } satisfies Partial<OverdueData>;
      });
    },
    onReachBottom() {
      return appendNextPage(this as never, (cursor) => call('messages.overdue', { cursor }), toOverdueRow);
    },
    onRetry() {
      retryPage(this);
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.delegateThread}?id=${event.currentTarget.dataset.id}`);
    },
  },
});
