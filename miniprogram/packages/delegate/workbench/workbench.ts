import type { PageStatus } from '../../../components/page-state/page-state';
import { call, messageOf } from '../../../services/api';
import { openPage } from '../../../services/feedback';
import { routes } from '../../../services/routes';

// 代表工作台: a delegate's entry. The messages capability fills it with the inbox (messages.inbox);
// until then a delegate sees an empty to-do list, anyone else is asked to bind first.

interface WorkbenchData {
  status: PageStatus;
  errorText: string;
  emptyText: string;
  isDelegate: boolean;
}

Component({
  data: {
    status: 'loading',
    errorText: '',
    emptyText: '',
    isDelegate: false,
  } as WorkbenchData,
  methods: {
    onLoad() {
      this.load();
    },
    async load() {
      try {
        const me = await call('me.get', {});
        const isDelegate = me.roles.includes('delegate');
        this.setData({
          status: 'empty',
          isDelegate,
          emptyText: isDelegate ? '暂无待处理的留言' : '您还不是代表。代表请先使用工委发放的绑定码绑定身份。',
        } satisfies Partial<WorkbenchData>);
      } catch (error) {
        this.setData({ status: 'error', errorText: messageOf(error) } satisfies Partial<WorkbenchData>);
      }
    },
    onRetry() {
      this.setData({ status: 'loading' });
      this.load();
    },
    onOpenBind() {
      openPage(routes.delegateBind);
    },
  },
});
