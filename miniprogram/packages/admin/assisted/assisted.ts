import { ApiCallError, call, newRequestId } from '../../../services/api';
import { showError, showHint } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { PHONE_DECLINED_HINT, PHONE_UNAVAILABLE_HINT, type PhoneNumberDetail } from '../../../services/phone';
import { formatDateTime, formatDay } from '../../../services/time';
import { choiceRule } from '../../../services/voting';

// 代办投票 at a 家站点 (docs/architecture.md#assisted-ballots): a staff member helps a resident who
// cannot vote on their own phone. The resident chooses; then the resident themself taps the button and
// verifies their own number on this phone (WeChat lets them use another number with an SMS code); the
// ballot is the resident's. The receipt is shown for the resident to note and kept nowhere here.

interface ProjectRow {
  id: string;
  title: string;
  summary: string;
  checked: boolean;
}

type Step = 'choose' | 'confirm' | 'done';

interface AssistedData {
  id: string;
  title: string;
  facts: string;
  rule: string;
  minChoices: number;
  maxChoices: number;
  stations: { id: string; name: string }[];
  stationId: string;
  stationName: string;
  projects: ProjectRow[];
  chosenCount: number;
  chosenTitles: string[];
  step: Step;
  submitting: boolean;
  /** One ballot's key, kept until it is answered: a resend after a lost answer gets the same receipt. */
  requestId: string;
  receipt: string;
  votedOn: string;
  /** Ballots cast on this page since it opened (this phone, this visit): a count, nothing else. */
  castHere: number;
}

definePage({
  data: {
    id: '',
    title: '',
    facts: '',
    rule: '',
    minChoices: 1,
    maxChoices: 1,
    stations: [],
    stationId: '',
    stationName: '',
    projects: [],
    chosenCount: 0,
    chosenTitles: [],
    step: 'choose',
    submitting: false,
    requestId: '',
    receipt: '',
    votedOn: '',
    castHere: 0,
  } as AssistedData,
  query: (query) => ({ id: query.id ?? '' }),
  async firstScreen() {
    const [campaign, stations] = await Promise.all([call('campaigns.get', { id: this.data.id }), call('stations.list', {})]);
    if (campaign.status !== 'open' || campaign.eligibility !== 'residents' || campaign.verification !== 'phone')
      return { status: 'empty', errorText: '' };
    return {
      status: 'ready',
      title: campaign.title,
      facts: `截止 ${formatDateTime(campaign.closesAt)}`,
      rule: choiceRule(campaign.minChoices, campaign.maxChoices),
      minChoices: campaign.minChoices,
      maxChoices: campaign.maxChoices,
      stations: stations.items.map((s) => ({ id: s.id, name: s.name })),
      projects: campaign.projects.map((p) => ({ id: p.id, title: p.title, summary: p.summary, checked: false })),
    };
  },
  methods: {
    onStation(event: WechatMiniprogram.TouchEvent) {
      const station = this.data.stations.find((s) => s.id === event.currentTarget.dataset.id);
      if (station) this.setData({ stationId: station.id, stationName: station.name });
    },
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
      if (!this.data.stationId) {
        showHint('请先选择代办所在的站点');
        return;
      }
      if (this.data.chosenCount < this.data.minChoices) {
        showHint(`请至少选择 ${this.data.minChoices} 个项目`);
        return;
      }
      // A new ballot gets a new key; going back and changing the choices keeps it until it is answered.
      this.setData({
        step: 'confirm',
        chosenTitles: this.data.projects.filter((p) => p.checked).map((p) => p.title),
        requestId: this.data.requestId || newRequestId(),
      });
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
    },
    onBack() {
      this.setData({ step: 'choose' });
    },
    /** The resident's own tap: their number is verified and their ballot cast, in one step. */
    async onResidentPhone(event: WechatMiniprogram.CustomEvent<PhoneNumberDetail>) {
      if (this.data.submitting) return;
      const { code, errMsg } = event.detail ?? {};
      if (!code) {
        showHint(/deny|cancel/.test(errMsg ?? '') ? PHONE_DECLINED_HINT : PHONE_UNAVAILABLE_HINT);
        return;
      }
      this.setData({ submitting: true });
      try {
        const { receipt, day } = await call('admin.votes.castAssisted', {
          campaignId: this.data.id,
          stationId: this.data.stationId,
          code,
          projectIds: this.data.projects.filter((p) => p.checked).map((p) => p.id),
          requestId: this.data.requestId,
        });
        this.setData({ step: 'done', receipt, votedOn: `${formatDay(day)}投票`, requestId: '', castHere: this.data.castHere + 1 });
      } catch (error) {
        // A refusal is final for this ballot (already voted, not on the roster): the next person starts afresh.
        // Anything else (a lost answer, a spent code) keeps the key, so the resident's next tap gets the same answer.
        if (error instanceof ApiCallError && ['ALREADY_EXISTS', 'FAILED_PRECONDITION'].includes(error.code))
          this.setData({ requestId: '' });
        showError(error);
      } finally {
        this.setData({ submitting: false });
      }
    },
    /** The next resident: nothing of the last ballot stays on the screen. */
    onNext() {
      this.setData({
        step: 'choose',
        receipt: '',
        votedOn: '',
        chosenCount: 0,
        chosenTitles: [],
        projects: this.data.projects.map((p) => ({ ...p, checked: false })),
      });
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
    },
  },
});
