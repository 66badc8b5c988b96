import type { WallItem } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { definePage } from '../../../services/page';
import { formatDate } from '../../../services/time';
import { appendNextPage } from '../../../services/paging';
import { routes } from '../../../services/routes';

// 留言墙: resolved messages their writers allowed to be public, without who wrote them.

interface WallRow extends Pick<WallItem, 'id' | 'category' | 'title' | 'body' | 'delegateName'> {
  answer: string;
  resolvedOn: string;
}

interface WallData {
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

definePage({
  data: { rows: [], nextCursor: null, loadingMore: false } as WallData,
  refresh: true,
  share() {
    return { title: '留言墙：代表办结的群众留言', path: routes.wall };
  },
  async firstScreen() {
    const page = await call('messages.wall', {});
    return { status: page.items.length ? 'ready' : 'empty', rows: page.items.map(toRow), nextCursor: page.nextCursor };
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('messages.wall', { cursor }), toRow);
    },
  },
});
