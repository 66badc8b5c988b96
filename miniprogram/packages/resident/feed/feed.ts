import { call } from '../../../services/api';
import { openPage } from '../../../services/feedback';
import { toFeedRow, type FeedRow } from '../../../services/duties';
import { definePage } from '../../../services/page';
import { appendNextPage, emptyList, firstPage, type PagedData } from '../../../services/paging';
import { routes } from '../../../services/routes';

// 履职动态 (武进云上人大): delegates' public duty entries and the committee's news, newest first. A
// delegate's entry opens that delegate's report for the year.

definePage({
  data: emptyList<FeedRow>() as PagedData<FeedRow>,
  refresh: true,
  async firstScreen() {
    return firstPage(await call('duties.feed', {}), toFeedRow);
  },
  share() {
    return { title: '武进云上人大 · 履职动态', path: routes.dutyFeed };
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('duties.feed', { cursor }), toFeedRow);
    },
    onOpen(event: WechatMiniprogram.CustomEvent<{ id: string }>) {
      const row = this.data.rows.find((r) => r.id === event.detail.id);
      if (row?.delegateId) openPage(`${routes.dutyReport}?delegateId=${row.delegateId}&year=${row.year}`);
    },
  },
});
