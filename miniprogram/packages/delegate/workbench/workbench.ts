import type { ProjectTask } from '../../../../typings/contract';
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
  /** The delegate's group's open 督办 tasks (双月督办). */
  tasks: { id: string; projectId: string; title: string; month: string }[];
}

const toTaskRow = (t: ProjectTask) => ({
  id: t.id,
  projectId: t.projectId,
  title: t.projectTitle,
  month: `${Number(t.month.slice(5))}月督办`,
});

definePage({
  data: {
    emptyText: '',
    isDelegate: false,
    pending: 0,
    inProgress: 0,
    tasks: [],
  } as WorkbenchData,
  refresh: true,
  async firstScreen() {
    const me = await call('me.get', {});
    const isDelegate = me.roles.includes('delegate');
    if (isDelegate) {
      const [counts, tasks] = await Promise.all([call('messages.inboxCounts', {}), call('supervisions.tasks', {})]);
      return {
        status: 'ready',
        isDelegate,
        pending: counts.pending,
        inProgress: counts.replied + counts.forwarded,
        tasks: tasks.items.map(toTaskRow),
      };
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
    onOpenTask(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.supervision}?projectId=${encodeURIComponent(event.currentTarget.dataset.project as string)}`);
    },
    onOpenProjects() {
      openPage(routes.projects);
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
