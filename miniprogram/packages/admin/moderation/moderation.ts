import type { ModerationItem } from '../../../../typings/contract';
import { call } from '../../../services/api';
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
      await runStep(this, () => call('admin.moderation.approve', { id: event.currentTarget.dataset.id }), '已通过，已送达');
    },
    async onReject(event: WechatMiniprogram.TouchEvent) {
      await runStep(this, () => call('admin.moderation.reject', { id: event.currentTarget.dataset.id }), '已驳回');
    },
  },
});
