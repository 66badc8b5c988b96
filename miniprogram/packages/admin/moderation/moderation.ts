import type { ModerationItem } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { confirmAction, askText } from '../../../services/feedback';
import { definePage, runStep } from '../../../services/page';
import { formatDateTime } from '../../../services/time';

// 内容审核 (staff): texts the content check held for review; approve delivers them, reject does not.

interface ModerationRow {
  id: string;
  kindLabel: string;
  text: string;
  time: string;
}

interface ModerationData {
  rows: ModerationRow[];
  busy: boolean;
}

const KIND_LABELS: Record<ModerationItem['kind'], string> = {
  message: '新留言',
  entry: '留言中的回复',
  duty: '代表履职记录',
  supervision: '督办记录',
};

/** The contract allows up to 200 characters; a reason is asked for so the audit trail says why. */
const REJECT_REASON = { label: '驳回理由', placeholder: '例如：含广告引流信息', maxLength: 200, minLength: 1 };

const toRow = (item: ModerationItem): ModerationRow => ({
  id: item.id,
  kindLabel: KIND_LABELS[item.kind],
  text: item.text,
  time: formatDateTime(item.createdAt),
});

definePage({
  data: { rows: [], busy: false } as ModerationData,
  loadOn: 'show',
  refresh: true,
  async firstScreen() {
    const page = await call('admin.moderation.list', { status: 'pending' });
    return { status: page.items.length ? 'ready' : 'empty', rows: page.items.map(toRow) };
  },
  methods: {
    async onApprove(event: WechatMiniprogram.TouchEvent) {
      if (!(await confirmAction('通过审核', '通过后内容立即送达并按原流程公开、通知，不能撤回。确定通过吗？', { confirmText: '通过' })))
        return;
      await runStep(this, () => call('admin.moderation.approve', { id: event.currentTarget.dataset.id }), '已通过，已送达');
    },
    async onReject(event: WechatMiniprogram.TouchEvent) {
      const id = event.currentTarget.dataset.id;
      const reason = await askText('驳回', '驳回后内容不会送达，也不会公开。理由记入审核记录，仅工作人员可见。', REJECT_REASON, {
        confirmText: '驳回',
        danger: true,
      });
      if (reason === null) return;
      await runStep(this, () => call('admin.moderation.reject', { id, reason }), '已驳回');
    },
  },
});
