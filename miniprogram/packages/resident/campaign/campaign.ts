import type { Campaign, MyVote } from '../../../../typings/contract';
import { ApiCallError, call, newRequestId } from '../../../services/api';
import { openPage, replacePage, showError, showHint } from '../../../services/feedback';
import { formatDateTime, formatDay, hasPassed } from '../../../services/time';
import { definePage } from '../../../services/page';
import { verifySharedPhone, type PhoneNumberDetail } from '../../../services/phone';
import { routes } from '../../../services/routes';
import { requestSubscriptions } from '../../../services/subscriptions';
import { choiceRule, eligibilityLabels, keepBallot, keptBallot, pendingBallot } from '../../../services/voting';

// 项目票选: read the candidate projects, choose between min and max, check the summary, confirm.
// The ballot is final once cast, so the confirm step repeats the choices in full before sending.
// The server knows only whether and on which day this voter voted; the choices and the receipt are
// kept on this phone (services/voting.ts) and shown from there.

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
  /** "2026年12月3日投票" once voted. */
  votedOn: string;
  /** The receipt kept on this phone, when this phone cast the ballot. */
  receipt: string;
  liveResults: boolean;
  submitting: boolean;
  /** The vote is checked by phone and this account has not verified: confirming verifies first, in the same tap. */
  needsPhone: boolean;
  /** The verified number is not on the campaign's roster: why this person cannot vote. */
  notOnRoster: string;
  /** The pass votes.mine gave (a vote checked by phone): sent with the ballot, it spares the server a lookup. */
  pass: string;
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

function stepOf(campaign: Campaign, mine: MyVote): Step {
  if (mine.voted) return 'voted';
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
    votedOn: '',
    receipt: '',
    liveResults: false,
    submitting: false,
    needsPhone: false,
    notOnRoster: '',
    pass: '',
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
    // Only a ballot this phone cast (and the server counts) shows its choices.
    const kept = mine.voted ? keptBallot(id) : null;
    const chosen = new Set(kept?.projectIds ?? []);
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
      votedOn: mine.day ? `${formatDay(mine.day)}投票` : '',
      receipt: kept?.receipt ?? '',
      liveResults: (campaign.resultsVisibility === 'live' && campaign.eligibility === 'residents') || campaign.status === 'published',
      needsPhone: mine.blocked === 'verify_phone',
      notOnRoster:
        mine.blocked === 'not_on_roster'
          ? `您验证的手机号${mine.maskedPhone ? ` ${mine.maskedPhone} ` : ''}不在本次投票的住户名册中。如有疑问，请联系社区工作人员`
          : '',
      pass: mine.pass ?? '',
    };
  },
  methods: {
    /** t-checkbox / t-radio change: `checked` is what the tap asks for. */
    onToggle(event: WechatMiniprogram.CustomEvent<{ checked: boolean }>) {
      if (this.data.step !== 'choose') return;
      const index = Number(event.currentTarget.dataset.index);
      const { projects, maxChoices, chosenCount } = this.data;
      const project = projects[index];
      const checked = Boolean(event.detail.checked);
      if (checked === project.checked) return;
      if (checked && maxChoices === 1) {
        // One to choose: the new choice replaces the old, as radios do.
        this.setData({ projects: projects.map((p, i) => ({ ...p, checked: i === index })), chosenCount: 1 });
        return;
      }
      if (checked && chosenCount >= maxChoices) {
        showHint(`最多只能选择 ${maxChoices} 个项目`);
        return;
      }
      this.setData({ [`projects[${index}].checked`]: checked, chosenCount: chosenCount + (checked ? 1 : -1) });
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
      await this.cast();
    },
    /** 验证手机号并投票: the number WeChat hands over is verified, then the ballot is cast, in one tap. */
    async onPhoneAndConfirm(event: WechatMiniprogram.CustomEvent<PhoneNumberDetail>) {
      if (this.data.submitting) return;
      this.setData({ submitting: true });
      const maskedPhone = await verifySharedPhone(event.detail);
      if (!maskedPhone) {
        this.setData({ submitting: false });
        return;
      }
      this.setData({ needsPhone: false });
      await this.cast();
    },
    /** A different number (the verified one is not on the roster): verify it, then read the page again. */
    async onChangePhone(event: WechatMiniprogram.CustomEvent<PhoneNumberDetail>) {
      if (await verifySharedPhone(event.detail)) this.load();
    },
    async cast() {
      const campaignId = this.data.id;
      const projectIds = this.data.projects.filter((p) => p.checked).map((p) => p.id);
      // Kept before sending: if no answer comes, the next tap resends the same request and gets the same receipt.
      const { requestId } = pendingBallot(campaignId, projectIds, newRequestId);
      try {
        const pass = this.data.pass;
        const { receipt, day } = await call('votes.cast', { campaignId, projectIds, requestId, ...(pass ? { pass } : {}) });
        keepBallot(campaignId, { projectIds, receipt, day });
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
