import type { CampaignInput, CampaignStatus, CampaignSummary } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { toTrailRow, type TrailRow } from '../../../services/audit';
import { attempt, confirmAction, openPage, showError, showFieldError, showNotice, showSuccess } from '../../../services/feedback';
import { definePage, runStep } from '../../../services/page';
import { routes } from '../../../services/routes';
import { formatDateTime, hasPassed } from '../../../services/time';
import {
  campaignStatusLabels,
  collectCsv,
  saveCsv,
  toCampaignRow,
  toResultBars,
  type CampaignRow,
  type ResultBar,
} from '../../../services/voting';

// 票选管理 (staff): create a campaign with its candidate projects, schedule it (the rules freeze; the
// timer opens it), open early or close early with a reason, publish, select the projects to
// implement, export the ballots as CSV, and read each campaign's trail of who did what and why
// (docs/architecture.md#voting-lifecycle). Every action runs one at a time (services/page runStep),
// tells its outcome and reads the list again.

interface SelectRow extends ResultBar {
  checked: boolean;
}

interface AdminCampaignRow extends CampaignRow {
  opensAt: string;
  closesAt: string;
}

/** The step that needs a reason: opening before the announced opening, closing before the announced close. */
type EarlyStep = 'open' | 'close';

/** What the new-campaign form shows refusals under. */
const FORM_FIELDS = ['title', 'description', 'minChoices', 'maxChoices', 'opensAt', 'closesAt', 'projects'];

interface CampaignsData {
  tab: CampaignStatus;
  tabs: { key: CampaignStatus; label: string }[];
  rows: AdminCampaignRow[];
  creating: boolean;
  selecting: string;
  selectRows: SelectRow[];
  /** The campaign whose early open/close waits for a reason, and which step it is. */
  reasonFor: string;
  reasonStep: EarlyStep | '';
  reason: string;
  reasonError: string;
  /** The campaign whose trail is shown. */
  trailFor: string;
  trailStatus: 'loading' | 'ready' | 'error' | '';
  trail: TrailRow[];
  trailCursor: string;
  /** The campaign whose paper batches are shown, and its projects for the count-sheet form. */
  paperFor: string;
  paperProjects: { id: string; title: string }[];
  busy: boolean;
  /** The new-campaign form's refusals, under their fields. */
  fieldErrors: Record<string, string>;
}

const TABS: CampaignStatus[] = ['draft', 'scheduled', 'open', 'closed', 'published'];

const toAdminRow = (c: CampaignSummary): AdminCampaignRow => ({ ...toCampaignRow(c), opensAt: c.opensAt, closesAt: c.closesAt });

definePage({
  data: {
    tab: 'draft',
    tabs: TABS.map((key) => ({ key, label: campaignStatusLabels[key] })),
    rows: [],
    creating: false,
    selecting: '',
    selectRows: [],
    reasonFor: '',
    reasonStep: '',
    reason: '',
    reasonError: '',
    trailFor: '',
    trailStatus: '',
    trail: [],
    trailCursor: '',
    paperFor: '',
    paperProjects: [],
    busy: false,
    fieldErrors: {},
  } as CampaignsData,
  refresh: true,
  async firstScreen() {
    const page = await call('campaigns.list', { status: this.data.tab });
    return {
      status: 'ready',
      rows: page.items.map(toAdminRow),
      selecting: '',
      reasonFor: '',
      reasonStep: '' as const,
      trailFor: '',
      paperFor: '',
    };
  },
  methods: {
    onTab(event: WechatMiniprogram.CustomEvent<{ value: CampaignStatus }>) {
      if (event.detail.value === this.data.tab) return;
      this.setData({ tab: event.detail.value });
      this.load();
    },
    onNew() {
      this.setData({ creating: !this.data.creating, fieldErrors: {} });
    },
    /** The form hands over the campaign as typed; the server judges its rules. */
    async onCreate(event: WechatMiniprogram.CustomEvent<{ input: CampaignInput }>) {
      const { input } = event.detail;
      if (this.data.busy) return;
      this.setData({ busy: true, fieldErrors: {} });
      try {
        await call('admin.campaigns.create', input);
        showSuccess('已保存为草稿');
        this.setData({ creating: false, tab: 'draft' });
        await this.load();
      } catch (error) {
        // Under the field it names; anything else in a toast.
        this.setData({ fieldErrors: showFieldError(error, FORM_FIELDS) });
      } finally {
        this.setData({ busy: false });
      }
    },
    onFormEdit(event: WechatMiniprogram.CustomEvent<{ field: string }>) {
      if (this.data.fieldErrors[event.detail.field]) this.setData({ [`fieldErrors.${event.detail.field}`]: '' });
    },
    /** draft → scheduled, after the person confirms that the rules freeze. */
    async onSchedule(event: WechatMiniprogram.TouchEvent) {
      const row = this.rowOf(event);
      const question = `排期后规则冻结，不能再修改；将于 ${formatDateTime(row.opensAt)} 自动开启投票。确定排期吗？`;
      if (!(await confirmAction('排期', question))) return;
      await runStep(this, () => call('admin.campaigns.schedule', { id: row.id }), '已排期');
    },
    async onUnschedule(event: WechatMiniprogram.TouchEvent) {
      const row = this.rowOf(event);
      if (!(await confirmAction('撤回为草稿', '撤回后可以修改规则，修改后需要重新排期。确定撤回吗？'))) return;
      await runStep(this, () => call('admin.campaigns.unschedule', { id: row.id }), '已撤回为草稿');
    },
    /** Opening before the announced time asks for a reason; at or after it, a confirmation is enough. */
    async onOpen(event: WechatMiniprogram.TouchEvent) {
      const row = this.rowOf(event);
      if (!hasPassed(row.opensAt)) return this.askReason(row.id, 'open');
      if (!(await confirmAction('开启投票', '确定现在开启投票吗？'))) return;
      await runStep(this, () => call('admin.campaigns.open', { id: row.id }), '投票已开启');
    },
    /** Closing before the announced time asks for a reason; at or after it, a confirmation is enough. */
    async onClose(event: WechatMiniprogram.TouchEvent) {
      const row = this.rowOf(event);
      if (!hasPassed(row.closesAt)) return this.askReason(row.id, 'close');
      if (!(await confirmAction('截止投票', '截止后不能再投票，将立即复核计票。确定截止吗？'))) return;
      await runStep(this, () => this.closeNow(row.id));
    },
    askReason(id: string, step: EarlyStep) {
      this.setData({ reasonFor: id, reasonStep: step, reason: '', reasonError: '' });
    },
    onReasonInput(event: WechatMiniprogram.Input) {
      this.setData({ reason: event.detail.value, reasonError: '' });
    },
    onReasonCancel() {
      this.setData({ reasonFor: '', reasonStep: '', reason: '', reasonError: '' });
    },
    /** Sends the early step with its reason; a refusal about the reason is shown under the box. */
    async onReasonConfirm() {
      const { reasonFor: id, reasonStep: step } = this.data;
      // An empty box sends no reason, so the server's answer is "a reason is required", not "too short".
      const reason = this.data.reason.trim() || undefined;
      if (!id || this.data.busy) return;
      this.setData({ busy: true });
      try {
        if (step === 'open') {
          await call('admin.campaigns.open', { id, ...(reason ? { reason } : {}) });
          showSuccess('投票已开启');
        } else await this.closeNow(id, reason);
        this.setData({ reasonFor: '', reasonStep: '', reason: '' });
        await this.load();
      } catch (error) {
        this.setData({ reasonError: showFieldError(error, ['reason']).reason ?? '' });
      } finally {
        this.setData({ busy: false });
      }
    },
    async closeNow(id: string, reason?: string) {
      const { recount } = await call('admin.campaigns.close', { id, ...(reason ? { reason } : {}) });
      showNotice('投票已截止', recount.matches ? `复核一致：共 ${recount.ballots} 张选票。` : (recount.problem ?? '复核不一致'));
    },
    rowOf(event: WechatMiniprogram.TouchEvent): AdminCampaignRow {
      const id = event.currentTarget.dataset.id as string;
      return this.data.rows.find((r) => r.id === id)!;
    },
    /** Shows (or hides) a campaign's paper batches (paper-panel reads and writes them itself). */
    onAssisted(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.adminAssisted}?id=${event.currentTarget.dataset.id}`);
    },
    async onPaper(event: WechatMiniprogram.TouchEvent) {
      const id = event.currentTarget.dataset.id as string;
      if (this.data.paperFor === id) return this.setData({ paperFor: '' });
      await attempt(async () => {
        const campaign = await call('campaigns.get', { id });
        this.setData({ paperFor: id, paperProjects: campaign.projects.map((p) => ({ id: p.id, title: p.title })) });
      });
    },
    /** Shows (or hides) a campaign's trail, newest first, a page at a time. */
    async onTrail(event: WechatMiniprogram.TouchEvent) {
      const id = event.currentTarget.dataset.id as string;
      if (this.data.trailFor === id) return this.setData({ trailFor: '', trail: [], trailStatus: '' });
      this.setData({ trailFor: id, trail: [], trailCursor: '', trailStatus: 'loading' });
      await this.loadTrail(id, undefined);
    },
    onMoreTrail() {
      return this.loadTrail(this.data.trailFor, this.data.trailCursor);
    },
    async loadTrail(id: string, cursor: string | undefined) {
      try {
        const page = await call('admin.audit.list', { subject: id, ...(cursor ? { cursor } : {}) });
        if (this.data.trailFor !== id) return;
        this.setData({
          trail: [...this.data.trail, ...page.items.map(toTrailRow)],
          trailCursor: page.nextCursor ?? '',
          trailStatus: 'ready',
        });
      } catch (error) {
        if (this.data.trailFor === id) this.setData({ trailStatus: 'error' });
        showError(error);
      }
    },
    onRetryTrail() {
      const id = this.data.trailFor;
      this.setData({ trail: [], trailCursor: '', trailStatus: 'loading' });
      return this.loadTrail(id, undefined);
    },
    onPublish(event: WechatMiniprogram.TouchEvent) {
      return runStep(this, async () => {
        await call('admin.campaigns.publish', { id: event.currentTarget.dataset.id });
        showSuccess('结果已公布');
      });
    },
    async onStartSelect(event: WechatMiniprogram.TouchEvent) {
      const id = event.currentTarget.dataset.id as string;
      await attempt(async () => {
        const campaign = await call('campaigns.get', { id });
        const bars = toResultBars(campaign.results?.totals ?? [], campaign.projects);
        this.setData({ selecting: id, selectRows: bars.map((bar) => ({ ...bar, checked: bar.selected })) });
      });
    },
    onToggleSelect(event: WechatMiniprogram.TouchEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ [`selectRows[${index}].checked`]: !this.data.selectRows[index].checked });
    },
    onSaveSelect() {
      return runStep(this, async () => {
        const { selected } = await call('admin.campaigns.select', {
          id: this.data.selecting,
          projectIds: this.data.selectRows.filter((r) => r.checked).map((r) => r.projectId),
        });
        showSuccess(`已列入 ${selected.length} 个民生实事`);
      });
    },
    async onExport(event: WechatMiniprogram.TouchEvent) {
      const id = event.currentTarget.dataset.id as string;
      this.setData({ busy: true });
      try {
        const { csv, rows } = await collectCsv((cursor) => call('admin.campaigns.exportBallots', { id, ...(cursor ? { cursor } : {}) }));
        saveCsv(`ballots-${id}.csv`, csv, rows);
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onOpenResults(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.results}?id=${event.currentTarget.dataset.id}`);
    },
  },
});
