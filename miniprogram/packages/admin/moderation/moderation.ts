import type { ModerationItem } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { fillPage, retryPage, type PageStateData } from '../../../services/page-state';
import { showError, showSuccess } from '../../../services/feedback';
import { formatDateTime } from '../../../services/time';

// 内容审核 (staff): texts the content check held for review; approve delivers them, reject does not.

interface ModerationRow {
  id: string;
  kindLabel: string;
  text: string;
  time: string;
}

interface ModerationData extends PageStateData {
  rows: ModerationRow[];
  busy: boolean;
}

const toRow = (item: ModerationItem): ModerationRow => ({
  id: item.id,
  kindLabel: item.kind === 'message' ? '新留言' : '留言中的回复',
  text: item.text,
  time: formatDateTime(item.createdAt),
});

Component({
  data: { status: 'loading', errorText: '', rows: [], busy: false } as ModerationData,
  methods: {
    onShow() {
      this.load();
    },
    load() {
      return fillPage(this, async () => {
        const page = await call('admin.moderation.list', { status: 'pending' });
        return { status: page.items.length ? 'ready' : 'empty', rows: page.items.map(toRow) } satisfies Partial<ModerationData>;
      });
    },
    onRetry() {
      retryPage(this);
    },
    async onApprove(event: WechatMiniprogram.TouchEvent) {
      await this.decide(() => call('admin.moderation.approve', { id: event.currentTarget.dataset.id }), '已通过，已送达');
    },
    async onReject(event: WechatMiniprogram.TouchEvent) {
      await this.decide(() => call('admin.moderation.reject', { id: event.currentTarget.dataset.id }), '已驳回');
    },
    async decide(work: () => Promise<unknown>, done: string) {
      if ((this.data as ModerationData).busy) return;
      this.setData({ busy: true });
      try {
        await work();
        showSuccess(done);
        await this.load();
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
