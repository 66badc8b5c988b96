import type { Campaign, MyBallot } from '../../../../typings/contract';
import { ApiCallError, call } from '../../../services/api';
import { openPage, replacePage, showError, showHint } from '../../../services/feedback';
import { formatDateTime, hasPassed } from '../../../services/time';
import { definePage } from '../../../services/page';
import { routes } from '../../../services/routes';
import { requestSubscriptions } from '../../../services/subscriptions';
import { choiceRule, eligibilityLabels, keepReceipt } from '../../../services/voting';

// 项目票选: read the candidate projects, choose between min and max, check the summary, confirm.
// The ballot is final once cast, so the confirm step repeats the choices in full before sending.

interface ProjectRow {
  id: string;
  title: string;
  summary: string;
  facts: string;
  checked: boolean;
}

type Step = 'choose' | 'confirm' | 'voted' | 'ended';

interface CampaignData {
  id: string;
  title: string;
  description: string;
  rule: string;
  facts: string;
  minChoices: number;
  maxChoices: number;
  projects: ProjectRow[];
  step: Step;
  chosenCount: number;
  chosenTitles: string[];
  liveResults: boolean;
  submitting: boolean;
}

function projectFacts(p: Campaign['projects'][number]): string {
  return [
    p.category,
    p.budget !== undefined ? `预算约 ${p.budget} 万元` : '',
    p.location ?? '',
    p.responsibleUnit ? `责任单位：${p.responsibleUnit}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function stepOf(campaign: Campaign, mine: MyBallot | null): Step {
  if (mine) return 'voted';
  return campaign.status === 'open' && !hasPassed(campaign.closesAt) ? 'choose' : 'ended';
}

definePage({
  data: {
    id: '',
    title: '',
    description: '',
    rule: '',
    facts: '',
    minChoices: 1,
    maxChoices: 1,
    projects: [],
    step: 'choose',
    chosenCount: 0,
    chosenTitles: [],
    liveResults: false,
    submitting: false,
  } as CampaignData,
  share() {
    return {
      title: this.data.title ? `请为「${this.data.title}」投上一票` : '民生实事项目票选',
      path: `${routes.campaign}?id=${this.data.id}`,
    };
  },
  query: (query) => ({ id: query.id ?? '' }),
  async firstScreen() {
    const id = this.data.id;
    const [campaign, mine] = await Promise.all([call('campaigns.get', { id }), call('votes.mine', { campaignId: id })]);
    const chosen = new Set(mine?.projectIds ?? []);
    return {
      status: 'ready',
      title: campaign.title,
      description: campaign.description,
      rule: choiceRule(campaign.minChoices, campaign.maxChoices),
      facts: `${eligibilityLabels[campaign.eligibility]} · 截止 ${formatDateTime(campaign.closesAt)}`,
      minChoices: campaign.minChoices,
      maxChoices: campaign.maxChoices,
      projects: campaign.projects.map((p) => ({
        id: p.id,
        title: p.title,
        summary: p.summary,
        facts: projectFacts(p),
        checked: chosen.has(p.id),
      })),
      step: stepOf(campaign, mine),
      chosenCount: chosen.size,
      chosenTitles: campaign.projects.filter((p) => chosen.has(p.id)).map((p) => p.title),
      liveResults: campaign.resultsVisibility === 'live' || campaign.status !== 'open',
    };
  },
  methods: {
    onToggle(event: WechatMiniprogram.TouchEvent) {
      if (this.data.step !== 'choose') return;
      const index = Number(event.currentTarget.dataset.index);
      const project = this.data.projects[index];
      if (!project.checked && this.data.chosenCount >= this.data.maxChoices) {
        showHint(`最多只能选择 ${this.data.maxChoices} 个项目`);
        return;
      }
      this.setData({ [`projects[${index}].checked`]: !project.checked, chosenCount: this.data.chosenCount + (project.checked ? -1 : 1) });
    },
    onReview() {
      if (this.data.chosenCount < this.data.minChoices) {
        showHint(`请至少选择 ${this.data.minChoices} 个项目`);
        return;
      }
      this.setData({ step: 'confirm', chosenTitles: this.data.projects.filter((p) => p.checked).map((p) => p.title) });
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
    },
    onBack() {
      this.setData({ step: 'choose' });
    },
    async onConfirm() {
      if (this.data.submitting) return;
      this.setData({ submitting: true });
      // Asked from the tap, as WeChat requires: "tell me when results are published".
      await requestSubscriptions(['voteResult']);
      const campaignId = this.data.id;
      try {
        const { receipt } = await call('votes.cast', {
          campaignId,
          projectIds: this.data.projects.filter((p) => p.checked).map((p) => p.id),
        });
        keepReceipt(campaignId, receipt);
        replacePage(`${routes.receipt}?campaignId=${campaignId}&receipt=${receipt}&fresh=1`);
      } catch (error) {
        showError(error);
        if (error instanceof ApiCallError && error.code !== 'NETWORK') this.load();
      } finally {
        this.setData({ submitting: false });
      }
    },
    onOpenReceipt() {
      openPage(`${routes.receipt}?campaignId=${this.data.id}`);
    },
    onOpenResults() {
      openPage(`${routes.results}?id=${this.data.id}`);
    },
  },
});
