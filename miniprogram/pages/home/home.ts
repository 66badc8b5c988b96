import type { YearSummary } from '../../../typings/contract';
import { call } from '../../services/api';
import { PRIVACY_NOTICE_VERSION } from '../../generated/contract';
import { attempt, openPage, openTab } from '../../services/feedback';
import { refreshPendingBadge } from '../../services/badge';
import { definePage } from '../../services/page';
import { routes } from '../../services/routes';
import { toCampaignCard, type CampaignCard } from '../../services/voting';

// 首页: what the committee does and the three ways in. Each section of the first screen is fetched in
// parallel and lands in ONE setData (budget: first screen ≤ 1 setData, ≤ 32 KB).

interface HomeData {
  greeting: string;
  /** The person has not agreed to the privacy notice in force: asked at first use, once per version. */
  askConsent: boolean;
  consenting: boolean;
  isDelegate: boolean;
  yearSummary: YearSummary | null;
  /** The newest open campaign's card; null hides it (and so does a failure: the voting tab tells errors). */
  campaign: CampaignCard | null;
}

definePage({
  data: {
    greeting: '',
    askConsent: false,
    consenting: false,
    isDelegate: false,
    yearSummary: null,
    campaign: null,
  } as HomeData,
  async firstScreen() {
    // Capability sections add their call here (voting: campaigns.list; messages: the year's totals).
    const [me, yearSummary, campaign] = await Promise.all([
      call('me.get', {}),
      call('stats.summary', {}),
      call('campaigns.list', { status: 'open' }).then(
        (page) => (page.items[0] ? toCampaignCard(page.items[0]) : null),
        () => null,
      ),
    ]);
    const nickname = me.profile.nickname;
    const isDelegate = me.roles.includes('delegate');
    // Beside the first screen, not in it: the 我的 tab's badge never holds the page back (and costs no setData).
    if (isDelegate) void refreshPendingBadge();
    return {
      status: 'ready',
      greeting: nickname ? `${nickname}，您好` : '您好',
      askConsent: me.privacyConsent !== PRIVACY_NOTICE_VERSION,
      isDelegate,
      yearSummary,
      campaign,
    };
  },
  methods: {
    onOpenDelegates() {
      openTab(routes.delegates);
    },
    onOpenStations() {
      openPage(routes.stations);
    },
    onOpenVoting() {
      openTab(routes.voting);
    },
    /** One tap from 首页 to the delegate's inbox. */
    onOpenInbox() {
      openPage(routes.inbox);
    },
    onOpenAbout() {
      openPage(routes.about);
    },
    onOpenPrivacy() {
      openPage(routes.privacy);
    },
    async onConsent() {
      if (this.data.consenting) return;
      this.setData({ consenting: true });
      await attempt(async () => {
        await call('me.consent', { version: PRIVACY_NOTICE_VERSION });
        this.setData({ askConsent: false });
      });
      this.setData({ consenting: false });
    },
  },
});
