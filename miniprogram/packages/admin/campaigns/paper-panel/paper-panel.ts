import type { PaperBatch, PaperBatchStatus, PaperFigures } from '../../../../../typings/contract';
import { call, messageOf } from '../../../../services/api';
import { showNotice, showSuccess } from '../../../../services/feedback';
import { formatDateTime } from '../../../../services/time';

// 纸质票 of one campaign on 票选管理 (docs/architecture.md#paper-ballots): staff enter a station's
// count sheet; another staff member enters it again without seeing the first entry; only agreeing
// entries count. A wrong first entry is discarded with a reason and the station entered again.

interface ProjectField {
  id: string;
  title: string;
  value: string;
}

interface BatchRow {
  id: string;
  stationName: string;
  status: PaperBatchStatus;
  statusLabel: string;
  meta: string;
  figures: string;
}

type FormMode = 'enter' | 'confirm' | 'discard' | '';

const STATUS_LABELS: Record<PaperBatchStatus, string> = { pending: '待复核', confirmed: '已计入', discarded: '已作废' };

function toBatchRow(batch: PaperBatch, titles: Map<string, string>): BatchRow {
  const parts = [`录入 ${formatDateTime(batch.enteredAt)}`];
  if (batch.confirmedAt) parts.push(`复核 ${formatDateTime(batch.confirmedAt)}`);
  if (batch.mismatches) parts.push(`复核不一致 ${batch.mismatches} 次`);
  const figures = batch.figures
    ? `${batch.figures.ballots} 张：${Object.entries(batch.figures.votes)
        .map(([id, n]) => `${titles.get(id) ?? id} ${n}`)
        .join('，')}`
    : '';
  return {
    id: batch.id,
    stationName: batch.stationName,
    status: batch.status,
    statusLabel: STATUS_LABELS[batch.status],
    meta: parts.join(' · '),
    figures,
  };
}

/** A typed number, or nothing when the box is empty (the server then says which figure is missing). */
const typed = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value.trim()));

Component({
  options: { addGlobalClass: true },
  properties: {
    campaignId: { type: String, value: '' },
    /** The campaign's projects: [{ id, title }]. */
    projects: { type: Array, value: [] },
  },
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    rows: [] as BatchRow[],
    totals: '',
    stations: [] as { id: string; name: string }[],
    mode: '' as FormMode,
    target: '',
    stationId: '',
    ballots: '',
    fields: [] as ProjectField[],
    reason: '',
    formError: '',
    mismatch: '',
    busy: false,
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    async load() {
      try {
        const [page, stations] = await Promise.all([
          call('admin.paper.list', { campaignId: this.data.campaignId }),
          call('stations.list', {}),
        ]);
        const titles = new Map((this.data.projects as { id: string; title: string }[]).map((p) => [p.id, p.title]));
        const { confirmed } = page;
        this.setData({
          status: 'ready',
          rows: page.items.map((b) => toBatchRow(b, titles)),
          totals: confirmed.batches ? `已计入 ${confirmed.batches} 个站点，共 ${confirmed.ballots} 张纸质票` : '尚无计入的纸质票',
          stations: stations.items.map((s) => ({ id: s.id, name: s.name })),
        });
      } catch {
        this.setData({ status: 'error' });
      }
    },
    openForm(mode: FormMode, target: string) {
      const fields = (this.data.projects as { id: string; title: string }[]).map((p) => ({ id: p.id, title: p.title, value: '' }));
      this.setData({ mode, target, stationId: '', ballots: '', fields, reason: '', formError: '', mismatch: '' });
    },
    onEnter() {
      this.openForm('enter', '');
    },
    onConfirm(event: WechatMiniprogram.TouchEvent) {
      this.openForm('confirm', event.currentTarget.dataset.id as string);
    },
    onDiscard(event: WechatMiniprogram.TouchEvent) {
      this.openForm('discard', event.currentTarget.dataset.id as string);
    },
    onCancel() {
      this.setData({ mode: '', target: '', formError: '' });
    },
    onStation(event: WechatMiniprogram.TouchEvent) {
      this.setData({ stationId: event.currentTarget.dataset.id as string, formError: '' });
    },
    onBallots(event: WechatMiniprogram.Input) {
      this.setData({ ballots: event.detail.value, formError: '' });
    },
    onVotes(event: WechatMiniprogram.Input) {
      this.setData({ [`fields[${Number(event.currentTarget.dataset.index)}].value`]: event.detail.value, formError: '' });
    },
    onReason(event: WechatMiniprogram.Input) {
      this.setData({ reason: event.detail.value, formError: '' });
    },
    figures(): PaperFigures {
      const votes: Record<string, number> = {};
      for (const field of this.data.fields) {
        const n = typed(field.value);
        if (n !== undefined) votes[field.id] = n;
      }
      return { ballots: typed(this.data.ballots) as number, votes };
    },
    async onSubmit() {
      if (this.data.busy) return;
      const { mode, target } = this.data;
      if (mode === 'enter' && !this.data.stationId) return this.setData({ formError: '请选择站点' });
      this.setData({ busy: true, formError: '', mismatch: '' });
      try {
        if (mode === 'enter') {
          await call('admin.paper.enter', { campaignId: this.data.campaignId, stationId: this.data.stationId, ...this.figures() });
          showSuccess('已录入，待复核');
        } else if (mode === 'confirm') {
          const answer = await call('admin.paper.confirm', { id: target, ...this.figures() });
          if (answer.status === 'mismatch') {
            // Nothing counts; say which figures differ, not the first entry's values.
            this.setData({
              mismatch: `与第一次录入不一致：${answer.differences.join('、')}。请核对统计表；如第一次录入有误，请作废后重新录入。`,
            });
            showNotice('两次录入不一致', '这批纸质票未计入。');
            return;
          }
          showSuccess('复核一致，已计入');
        } else if (mode === 'discard') {
          await call('admin.paper.discard', { id: target, reason: this.data.reason.trim() });
          showSuccess('已作废');
        }
        this.setData({ mode: '', target: '' });
        await this.load();
        this.triggerEvent('changed');
      } catch (error) {
        this.setData({ formError: messageOf(error) });
      } finally {
        this.setData({ busy: false });
      }
    },
    onRetry() {
      this.setData({ status: 'loading' });
      return this.load();
    },
  },
});
