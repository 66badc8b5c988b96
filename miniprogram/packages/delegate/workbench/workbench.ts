import { call } from '../../../services/api';
import { openPage } from '../../../services/feedback';
import { fillPage, retryPage, type PageStateData } from '../../../services/page-state';
import { routes } from '../../../services/routes';
import { requestSubscriptions } from '../../../services/subscriptions';

// 代表工作台: a delegate's entry. The messages capability fills it with the inbox (messages.inbox);
// until then a delegate sees an empty to-do list, anyone else is asked to bind first.

interface WorkbenchData extends PageStateData {
  emptyText: string;
  isDelegate: boolean;
  /** Inbox figures (messages.inboxCounts), for a delegate. */
  pending: number;
  inProgress: number;
}

Component({
  data: {
    status: 'loading',
    errorText: '',
    emptyText: '',
    isDelegate: false,
    pending: 0,
    inProgress: 0,
  } as WorkbenchData,
  methods: {
    onLoad() {
      this.load();
    },
    load() {
      return fillPage(this, async () => {
        const me = await call('me.get', {});
        const isDelegate = me.roles.includes('delegate');
        if (isDelegate) {
          const counts = await call('messages.inboxCounts', {});
          return { status: 'ready', isDelegate, pending: counts.pending, inProgress: counts.replied + counts.forwarded } satisfies Partial<WorkbenchData>;
        }
        return {
          status: 'empty',
          isDelegate,
          emptyText: isDelegate ? '暂无待处理的留言' : '您还不是代表。代表请先使用工委发放的绑定码绑定身份。',
        } satisfies Partial<WorkbenchData>;
      });
    },
    onRetry() {
      retryPage(this);
    },
    onOpenBind() {
      openPage(routes.delegateBind);
    },
    async onOpenInbox() {
      // The workbench is the delegate's natural moment to keep hearing about new and overdue messages.
      await requestSubscriptions(['newMessage', 'reminder']);
      openPage(routes.inbox);
    },
  },
});
