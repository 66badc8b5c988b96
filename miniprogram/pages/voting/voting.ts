import { call } from '../../services/api';
import { openPage } from '../../services/feedback';
import { fillPage, retryPage, type PageStateData } from '../../services/page-state';
import { appendNextPage } from '../../services/paging';
import { routes } from '../../services/routes';
import { toCampaignRow, type CampaignRow } from '../../services/voting';

// 投票: the livelihood-project campaigns, open ones first by opening time; 20 a page.

interface VotingData extends PageStateData {
  rows: CampaignRow[];
  nextCursor: string | null;
  loadingMore: boolean;
}

Component({
  data: { status: 'loading', errorText: '', rows: [], nextCursor: null, loadingMore: false } as VotingData,
  methods: {
    onLoad() {
      this.load();
    },
    load() {
      return fillPage(this, async () => {
        const page = await call('campaigns.list', {});
        return { status: page.items.length ? 'ready' : 'empty', rows: page.items.map(toCampaignRow), nextCursor: page.nextCursor } satisfies Partial<VotingData>;
      });
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      return appendNextPage(this as never, (cursor) => call('campaigns.list', { cursor }), toCampaignRow);
    },
    onRetry() {
      retryPage(this);
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
