import { call } from '../../../services/api';
import { openPage } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { routes } from '../../../services/routes';
import { requestSubscriptionsOnce } from '../../../services/subscriptions';

// 代表工作台: a delegate's entry. The messages capability fills it with the inbox (messages.inbox);
// until then a delegate sees an empty to-do list, anyone else is asked to bind first.

interface WorkbenchData {
  emptyText: string;
  isDelegate: boolean;
  /** Inbox figures (messages.inboxCounts), for a delegate. */
  pending: number;
  inProgress: number;
}

definePage({
  data: {
    emptyText: '',
    isDelegate: false,
    pending: 0,
    inProgress: 0,
  } as WorkbenchData,
  refresh: true,
  async firstScreen() {
    const me = await call('me.get', {});
    const isDelegate = me.roles.includes('delegate');
    if (isDelegate) {
      const counts = await call('messages.inboxCounts', {});
      return { status: 'ready', isDelegate, pending: counts.pending, inProgress: counts.replied + counts.forwarded };
    }
    return {
      status: 'empty',
      isDelegate,
      emptyText: isDelegate ? '暂无待处理的留言' : '您还不是代表。代表请先使用工委发放的绑定码绑定身份。',
    };
  },
  methods: {
    onOpenSuggestions() {
      openPage(routes.delegateSuggestions);
    },
    onOpenDuties() {
      openPage(routes.dutyHandbook);
    },
    onOpenBind() {
      openPage(routes.delegateBind);
    },
    async onOpenInbox() {
      // The workbench is the delegate's natural moment to keep hearing about new and overdue messages.
      await requestSubscriptionsOnce(['newMessage', 'reminder']);
      openPage(routes.inbox);
    },
  },
});
