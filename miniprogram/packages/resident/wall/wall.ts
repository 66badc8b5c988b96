import type { WallItem } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { fillPage, retryPage, type PageStateData } from '../../../services/page-state';
import { formatDate } from '../../../services/time';
import { appendNextPage } from '../../../services/paging';

// 留言墙: resolved messages their writers allowed to be public, without who wrote them.

interface WallRow extends Pick<WallItem, 'id' | 'category' | 'title' | 'body' | 'delegateName'> {
  answer: string;
  resolvedOn: string;
}

interface WallData extends PageStateData {
  rows: WallRow[];
  nextCursor: string | null;
  loadingMore: boolean;
}

const toRow = (item: WallItem): WallRow => ({
  id: item.id,
  category: item.category,
  title: item.title,
  body: item.body,
  delegateName: item.delegateName,
  answer: item.answer ?? '',
  resolvedOn: formatDate(item.resolvedAt),
});

Component({
  data: { status: 'loading', errorText: '', rows: [], nextCursor: null, loadingMore: false } as WallData,
  methods: {
    onLoad() {
      this.load();
    },
    load() {
      return fillPage(this, async () => {
        const page = await call('messages.wall', {});
        return { status: page.items.length ? 'ready' : 'empty', rows: page.items.map(toRow), nextCursor: page.nextCursor } satisfies Partial<WallData>;
      });
    },
    onReachBottom() {
      return appendNextPage(this as never, (cursor) => call('messages.wall', { cursor }), toRow);
    },
    onRetry() {
      retryPage(this);
    },
  },
});
