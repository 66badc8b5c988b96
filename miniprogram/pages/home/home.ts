import type { YearSummary } from '../../../typings/contract';
import { call } from '../../services/api';
import { config } from '../../services/config';
import { PRIVACY_NOTICE_VERSION } from '../../generated/contract';
import { attempt, openPage, openTab } from '../../services/feedback';
import { refreshPendingBadge } from '../../services/badge';
import { definePage } from '../../services/page';
import { routes } from '../../services/routes';
import { yearLine } from '../../services/projects';
import { toCampaignCard, type CampaignCard } from '../../services/voting';
import { toFeedRow, type FeedRow } from '../../services/duties';

/** Items of 履职动态 首页 shows under 武进云上人大. */
const FEED_ON_HOME = 3;

// 首页: what the committee does and the three ways in. Each section of the first screen is fetched in
// parallel and lands in ONE setData (budget: first screen ≤ 1 setData, ≤ 32 KB).

interface HomeData {
  /** 湖塘街道人大工委: the committee by the street's configured name. */
  committee: string;
  greeting: string;
  /** The person has not agreed to the privacy notice in force: asked at first use, once per version. */
  askConsent: boolean;
  consenting: boolean;
  isDelegate: boolean;
  yearSummary: YearSummary | null;
  /** The newest open campaign's card; null hides it (and so does a failure: the voting tab tells errors). */
  campaign: CampaignCard | null;
  /** 武进云上人大 · 履职动态: the newest few (a failure shows none; the feed page tells errors). */
  feed: FeedRow[];
  /** 实事成效's line: 2026 年民生实事 8 项，已完工 3 项，按期完成 2 项 (empty before any project). */
  projectsLine: string;
}

definePage({
  data: {
    committee: config.committee,
    greeting: '',
    askConsent: false,
    consenting: false,
    isDelegate: false,
    yearSummary: null,
    campaign: null,
    feed: [],
    projectsLine: '',
  } as HomeData,
  async firstScreen() {
    // Capability sections add their call here (voting: campaigns.list; messages: the year's totals).
    const [me, yearSummary, campaign, feed, projectsLine] = await Promise.all([
      call('me.get', {}),
      call('stats.summary', {}),
      call('campaigns.list', { status: 'open' }).then(
        (page) => (page.items[0] ? toCampaignCard(page.items[0]) : null),
        () => null,
      ),
      call('duties.feed', {}).then(
        (page) => page.items.slice(0, FEED_ON_HOME).map(toFeedRow),
        () => [],
      ),
      // 实事成效 tells its own errors; here a failure only hides the line.
      call('projects.summary', {}).then(yearLine, () => ''),
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
      feed,
      projectsLine,
    };
  },
  methods: {
    onOpenDelegates() {
      openTab(routes.delegates);
    },
    onOpenStations() {
      openPage(routes.stations);
    },
    onOpenProjects() {
      openPage(routes.projects);
    },
    onOpenVoting() {
      openTab(routes.voting);
    },
    /** One tap from 首页 to the delegate's inbox. */
    onOpenInbox() {
      openPage(routes.inbox);
    },
    onOpenFeed() {
      openPage(routes.dutyFeed);
    },
    onOpenFeedItem(event: WechatMiniprogram.CustomEvent<{ id: string }>) {
      const row = this.data.feed.find((r) => r.id === event.detail.id);
      openPage(row?.delegateId ? `${routes.dutyReport}?delegateId=${row.delegateId}&year=${row.year}` : routes.dutyFeed);
    },
    onOpenWall() {
      openPage(routes.wall);
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
