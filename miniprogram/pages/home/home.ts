import type { PageStatus } from '../../components/page-state/page-state';
import { call, messageOf } from '../../services/api';
import { openPage, openTab } from '../../services/feedback';
import { routes } from '../../services/routes';

// 首页: what the committee does and the three ways in. Each section of the first screen is fetched in
// parallel and lands in ONE setData (budget: first screen ≤ 1 setData, ≤ 32 KB).

interface HomeData {
  status: PageStatus;
  errorText: string;
  greeting: string;
  isDelegate: boolean;
}

Component({
  data: {
    status: 'loading',
    errorText: '',
    greeting: '',
    isDelegate: false,
  } as HomeData,
  methods: {
    onLoad() {
      this.load();
    },
    async load() {
      try {
        // Capability sections add their call here (voting: campaigns.list; messages: the year's totals).
        const [me] = await Promise.all([call('me.get', {})]);
        const nickname = me.profile.nickname;
        this.setData({
          status: 'ready',
          greeting: nickname ? `${nickname}，您好` : '您好',
          isDelegate: me.roles.includes('delegate'),
        } satisfies Partial<HomeData>);
      } catch (error) {
        this.setData({ status: 'error', errorText: messageOf(error) } satisfies Partial<HomeData>);
      }
    },
    onRetry() {
      this.setData({ status: 'loading' });
      this.load();
    },
    onOpenDelegates() {
      openTab(routes.delegates);
    },
    onOpenStations() {
      openPage(routes.stations);
    },
    onOpenVoting() {
      openTab(routes.voting);
    },
    onOpenWorkbench() {
      openPage(routes.workbench);
    },
    onOpenAbout() {
      openPage(routes.about);
    },
  },
});
