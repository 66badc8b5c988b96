import { call } from '../../services/api';
import { openPage } from '../../services/feedback';
import { definePage } from '../../services/page';
import { appendNextPage } from '../../services/paging';
import { routes } from '../../services/routes';
import { toCampaignRow, type CampaignRow } from '../../services/voting';

// 投票: the livelihood-project campaigns, open ones first by opening time; 20 a page.

interface VotingData {
  rows: CampaignRow[];
  nextCursor: string | null;
  loadingMore: boolean;
}

definePage({
  data: { rows: [], nextCursor: null, loadingMore: false } as VotingData,
  refresh: true,
  async firstScreen() {
    const page = await call('campaigns.list', {});
    return { status: page.items.length ? 'ready' : 'empty', rows: page.items.map(toCampaignRow), nextCursor: page.nextCursor };
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('campaigns.list', { cursor }), toCampaignRow);
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      const { id, status } = event.currentTarget.dataset as { id: string; status: string };
      openPage(`${status === 'open' ? routes.campaign : routes.results}?id=${id}`);
    },
    onOpenAbout() {
      openPage(routes.about);
    },
  },
});
