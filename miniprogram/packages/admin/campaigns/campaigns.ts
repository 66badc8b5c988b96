import type { CampaignInput, CampaignStatus } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { attempt, openPage, showError, showHint, showNotice, showSuccess } from '../../../services/feedback';
import { definePage, runStep } from '../../../services/page';
import { routes } from '../../../services/routes';
import { campaignStatusLabels, toCampaignRow, toResultBars, type CampaignRow, type ResultBar } from '../../../services/voting';

// 票选管理 (staff): create a campaign with its candidate projects, open / close / publish it, select
// the projects to implement, export the ballots as CSV for audit. Every action runs one at a time
// (services/page runStep), tells its outcome and reads the list again.

interface SelectRow extends ResultBar {
  checked: boolean;
}

interface CampaignsData {
  tab: CampaignStatus;
  tabs: { key: CampaignStatus; label: string }[];
  rows: CampaignRow[];
  creating: boolean;
  selecting: string;
  selectRows: SelectRow[];
  busy: boolean;
}

const TABS: CampaignStatus[] = ['draft', 'open', 'closed', 'published'];

definePage({
  data: {
    tab: 'draft',
    tabs: TABS.map((key) => ({ key, label: campaignStatusLabels[key] })),
    rows: [],
    creating: false,
    selecting: '',
    selectRows: [],
    busy: false,
  } as CampaignsData,
  refresh: true,
  async firstScreen() {
    const page = await call('campaigns.list', { status: this.data.tab });
    return { status: 'ready', rows: page.items.map(toCampaignRow), selecting: '' };
  },
  methods: {
    onTab(event: WechatMiniprogram.TouchEvent) {
      this.setData({ tab: event.currentTarget.dataset.key as CampaignStatus });
      this.load();
    },
    onNew() {
      this.setData({ creating: !this.data.creating });
    },
    /** The form hands over the campaign as typed; the server judges its rules. */
    async onCreate(event: WechatMiniprogram.CustomEvent<{ input: CampaignInput }>) {
      const { input } = event.detail;
      await runStep(this, async () => {
        await call('admin.campaigns.create', input);
        showSuccess('已保存为草稿');
        this.setData({ creating: false, tab: 'draft' });
      });
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      return runStep(this, async () => {
        await call('admin.campaigns.open', { id: event.currentTarget.dataset.id });
        showSuccess('投票已开启');
      });
    },
    onClose(event: WechatMiniprogram.TouchEvent) {
      return runStep(this, async () => {
        const { recount } = await call('admin.campaigns.close', { id: event.currentTarget.dataset.id });
        showNotice('投票已截止', recount.matches ? `复核一致：共 ${recount.ballots} 张选票。` : (recount.problem ?? '复核不一致'));
      });
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
        const parts: string[] = [];
        let cursor: string | undefined;
        let rows = 0;
        do {
          const page = await call('admin.campaigns.exportBallots', { id, ...(cursor ? { cursor } : {}) });
          if (page.csv) parts.push(page.csv);
          rows += page.rows;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        saveCsv(`ballots-${id}.csv`, parts.join('\n'), rows);
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

/** Writes the CSV into the mini-program's files and offers to send it; falls back to the clipboard. */
function saveCsv(name: string, csv: string, rows: number): void {
  const filePath = `${wx.env.USER_DATA_PATH}/${name}`;
  try {
    wx.getFileSystemManager().writeFileSync(filePath, `\ufeff${csv}`, 'utf8');
    wx.shareFileMessage({ filePath, fileName: name, fail: () => showSuccess(`已导出 ${rows} 张选票`) });
  } catch {
    wx.setClipboardData({ data: csv });
    showHint(`已复制 ${rows} 张选票的 CSV`);
  }
}
