import { call } from '../../../services/api';
import { openPage, showError, showHint } from '../../../services/feedback';
import { formatDay } from '../../../services/time';
import { definePage } from '../../../services/page';
import { routes } from '../../../services/routes';
import { keptReceipt } from '../../../services/voting';

// 投票凭证: the receipt code (shown once by the server, kept on this phone), copyable, and a check
// that it was counted. Anyone can check any receipt: the answer says counted or not, never whose or what.

interface ReceiptData {
  campaignId: string;
  title: string;
  receipt: string;
  fresh: boolean;
  typed: string;
  verdict: string;
  counted: boolean;
  checking: boolean;
}

function verdictOf(answer: { counted: boolean; day?: string }): { verdict: string; counted: boolean } {
  return answer.counted
    ? { verdict: `已计入，${formatDay(answer.day!)}投票`, counted: true }
    : { verdict: '未找到这张凭证对应的选票，请核对凭证码', counted: false };
}

definePage({
  data: { campaignId: '', title: '', receipt: '', fresh: false, typed: '', verdict: '', counted: false, checking: false } as ReceiptData,
  query: ({ campaignId = '', receipt, fresh }) => ({ campaignId, receipt: receipt || keptReceipt(campaignId), fresh: fresh === '1' }),
  async firstScreen() {
    const { campaignId, receipt } = this.data;
    const [campaign, answer] = await Promise.all([
      call('campaigns.get', { id: campaignId }),
      receipt ? call('votes.verify', { campaignId, receipt }) : Promise.resolve(null),
    ]);
    return { status: 'ready', title: campaign.title, ...(answer ? verdictOf(answer) : {}) };
  },
  methods: {
    onCopy() {
      wx.setClipboardData({ data: this.data.receipt });
    },
    /** t-input's change, or its clear (no value). */
    onInput(event: WechatMiniprogram.CustomEvent<{ value?: string }>) {
      this.setData({ typed: event.detail.value ?? '' });
    },
    async onVerify() {
      const receipt = this.data.typed.trim() || this.data.receipt;
      if (!receipt) {
        showHint('请输入凭证码');
        return;
      }
      this.setData({ checking: true });
      try {
        this.setData(verdictOf(await call('votes.verify', { campaignId: this.data.campaignId, receipt })));
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ checking: false });
      }
    },
    onOpenResults() {
      openPage(`${routes.results}?id=${this.data.campaignId}`);
    },
  },
});
