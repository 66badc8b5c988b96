import type { CampaignInput, CampaignProjectInput } from '../../../../../typings/contract';
import { shanghai, shanghaiInstant } from '../../../../services/time';

// The new-campaign form of 票选管理: rules as staff think of them (Shanghai times picked on a
// calendar, one candidate project per line). It hands the page a CampaignInput in `save` (detail:
// { input }); the page hands back the server's refusals by field (`fieldErrors`), shown under each.

interface Draft {
  title: string;
  description: string;
  eligibility: 'residents' | 'delegates';
  minChoices: number;
  maxChoices: number;
  /** Shanghai wall-clock time, "2026-03-01 09:00", as the picker shows it. */
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

type TimeField = 'opensAt' | 'closesAt';
const PICKER_FORMAT = 'YYYY-MM-DD HH:mm';

const EMPTY: Draft = {
  title: '',
  description: '',
  eligibility: 'residents',
  minChoices: 1,
  maxChoices: 3,
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
    /** The server's refusals by field (title, opensAt, closesAt, minChoices, maxChoices, projects…). */
    fieldErrors: { type: Object, value: {} },
  },
  data: {
    form: { ...EMPTY },
    eligibilityOptions: [
      { value: 'residents', label: '居民意向投票' },
      { value: 'delegates', label: '代表票决' },
    ],
    /** The time being picked ('' : the picker is closed). */
    picking: '' as TimeField | '',
    pickerValue: '',
    pickerStart: '',
    pickerEnd: '',
  },
  methods: {
    edited(field: string) {
      this.triggerEvent('edit', { field });
    },
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = String(event.currentTarget.dataset.field);
      this.setData({ [`form.${field}`]: event.detail.value });
      this.edited(field);
    },
    onCount(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      const field = String(event.currentTarget.dataset.field);
      this.setData({ [`form.${field}`]: Number(event.detail.value) });
      this.edited(field);
    },
    onEligibility(event: WechatMiniprogram.CustomEvent<{ value: Draft['eligibility'] }>) {
      this.setData({ 'form.eligibility': event.detail.value });
    },
    onPhoneCheck(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.phoneCheck': event.detail.value });
    },
    onLive(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.live': event.detail.value });
    },
    /** Opens the calendar on the time already chosen, or on the next whole hour (a close on the day after the open). */
    onPickTime(event: WechatMiniprogram.TouchEvent) {
      const field = event.currentTarget.dataset.field as TimeField;
      const form = this.data.form as Draft;
      const nextHour = shanghai().add(1, 'hour').startOf('hour');
      const suggested = field === 'closesAt' && form.opensAt ? shanghai(shanghaiInstant(form.opensAt)).add(7, 'day') : nextHour;
      this.setData({
        picking: field,
        pickerValue: form[field] || suggested.format(PICKER_FORMAT),
        pickerStart: shanghai().startOf('day').format(PICKER_FORMAT),
        pickerEnd: shanghai().add(2, 'year').format(PICKER_FORMAT),
      });
    },
    onTimePicked(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = this.data.picking;
      if (!field) return;
      this.setData({ [`form.${field}`]: event.detail.value, picking: '' });
      this.edited(field);
    },
    onPickerClosed() {
      this.setData({ picking: '' });
    },
    onSave() {
      this.triggerEvent('save', { input: toCampaignInput(this.data.form as Draft) });
    },
  },
});
