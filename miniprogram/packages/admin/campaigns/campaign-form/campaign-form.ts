import type { CampaignInput, CampaignProjectInput } from '../../../../../typings/contract';
import { shanghaiInstant } from '../../../../services/time';

// The new-campaign form of 票选管理: rules typed as staff think of them (Shanghai times, one
// candidate project per line). It hands the page a CampaignInput in `save` (detail: { input }).

interface Draft {
  title: string;
  description: string;
  eligibility: 'residents' | 'delegates';
  minChoices: string;
  maxChoices: string;
  opensAt: string;
  closesAt: string;
  live: boolean;
  /** Residents: one verified phone number, one vote (off: one WeChat account, one vote). */
  phoneCheck: boolean;
  projects: string;
}

/** One project per line: 名称｜类别｜简介｜预算（万元，可不填）｜地点（可不填） */
export function parseProjects(text: string): CampaignProjectInput[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [title = '', category = '', summary = '', budget = '', location = ''] = line.split(/[|｜]/).map((part) => part.trim());
      return {
        title,
        category,
        summary: summary || title,
        ...(budget && Number.isFinite(Number(budget)) ? { budget: Number(budget) } : {}),
        ...(location ? { location } : {}),
      };
    });
}

export function toCampaignInput(f: Draft): CampaignInput {
  return {
    title: f.title,
    description: f.description,
    eligibility: f.eligibility,
    minChoices: Number(f.minChoices),
    maxChoices: Number(f.maxChoices),
    opensAt: shanghaiInstant(f.opensAt),
    closesAt: shanghaiInstant(f.closesAt),
    resultsVisibility: f.live ? 'live' : 'after_close',
    ...(f.eligibility === 'residents' ? { verification: f.phoneCheck ? ('phone' as const) : ('none' as const) } : {}),
    projects: parseProjects(f.projects),
  };
}

const EMPTY: Draft = {
  title: '',
  description: '',
  eligibility: 'residents',
  minChoices: '1',
  maxChoices: '3',
  opensAt: '',
  closesAt: '',
  live: false,
  phoneCheck: true,
  projects: '',
};

Component({
  options: { addGlobalClass: true },
  properties: {
    saving: { type: Boolean, value: false },
  },
  data: { form: { ...EMPTY } },
  methods: {
    onField(event: WechatMiniprogram.Input) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value });
    },
    onEligibility(event: WechatMiniprogram.TouchEvent) {
      this.setData({ 'form.eligibility': event.currentTarget.dataset.value });
    },
    onPhoneCheck() {
      this.setData({ 'form.phoneCheck': !this.data.form.phoneCheck });
    },
    onLive() {
      this.setData({ 'form.live': !this.data.form.live });
    },
    onSave() {
      this.triggerEvent('save', { input: toCampaignInput(this.data.form as Draft) });
    },
  },
});
