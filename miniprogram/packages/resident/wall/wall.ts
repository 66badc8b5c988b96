import type { WallItem } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { definePage } from '../../../services/page';
import { formatDate } from '../../../services/time';
import { appendNextPage, emptyList, firstPage, type PagedData } from '../../../services/paging';
import { routes } from '../../../services/routes';

// 留言墙: resolved messages their writers allowed to be public, without who wrote them.

interface WallRow extends Pick<WallItem, 'id' | 'category' | 'title' | 'body' | 'delegateName'> {
  answer: string;
  resolvedOn: string;
}

type WallData = PagedData<WallRow>;

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
  data: emptyList<WallRow>() as WallData,
  refresh: true,
  share() {
    return { title: '留言墙：代表办结的群众留言', path: routes.wall };
  },
  async firstScreen() {
    return firstPage(await call('messages.wall', {}), toRow);
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('messages.wall', { cursor }), toRow);
    },
  },
});
