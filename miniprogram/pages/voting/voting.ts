import { call } from '../../services/api';
import { openPage } from '../../services/feedback';
import { definePage } from '../../services/page';
import { appendNextPage, emptyList, firstPage, type PagedData } from '../../services/paging';
import { routes } from '../../services/routes';
import { toCampaignRow, type CampaignRow } from '../../services/voting';

// 投票: the livelihood-project campaigns, open ones first by opening time; 20 a page.

type VotingData = PagedData<CampaignRow>;

definePage({
  data: emptyList<CampaignRow>() as VotingData,
  refresh: true,
  async firstScreen() {
    return firstPage(await call('campaigns.list', {}), toCampaignRow);
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('campaigns.list', { cursor }), toCampaignRow);
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      const { id, status } = event.currentTarget.dataset as { id: string; status: string };
      openPage(`${status === 'open' ? routes.campaign : routes.results}?id=${id}`);
    },
    onOpenProjects() {
      openPage(routes.projects);
    },
    onOpenAbout() {
      openPage(routes.about);
    },
  },
});
