import type { InboxCounts, MessageStatus, MessageSummary } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { definePage } from '../../../services/page';
import { openPage } from '../../../services/feedback';
import { toRow, type MessageRow } from '../../../services/messages';
import { appendNextPage, emptyList, listAsShown, type PagedData } from '../../../services/paging';
import { routes } from '../../../services/routes';

// 选民留言 (delegate inbox): filters 待回复 / 已回复 / 已转办 / 已办结 with counts; 20 a page.

type Filter = Extract<MessageStatus, 'pending' | 'replied' | 'forwarded' | 'resolved'>;

interface FilterTab {
  status: Filter;
  label: string;
  /** t-tabs' badge: the count beside the label (none at 0, so an empty filter reads quietly). */
  badge: { count: number; offset: [number, number] } | null;
}

interface InboxData extends PagedData<MessageRow> {
  filter: Filter;
  tabs: FilterTab[];
}

const LABELS: Record<Filter, string> = { pending: '待回复', replied: '已回复', forwarded: '已转办', resolved: '已办结' };
const toInboxRow = (m: MessageSummary): MessageRow => toRow(m, 'delegate');
const tabsOf = (counts: InboxCounts): FilterTab[] =>
  (Object.keys(LABELS) as Filter[]).map((status) => ({
    status,
    label: LABELS[status],
    badge: counts[status] ? { count: counts[status], offset: [-4, 4] } : null,
  }));

definePage({
  data: {
    filter: 'pending',
    tabs: tabsOf({ pending: 0, replied: 0, forwarded: 0, resolved: 0, closed: 0 }),
    ...emptyList<MessageRow>(),
  } as InboxData,
  refresh: true,
  loadOn: 'show',
  query: (query) => (query.status && query.status in LABELS ? { filter: query.status as Filter } : {}),
  async firstScreen() {
    const { filter } = this.data;
    const [counts, list] = await Promise.all([
      call('messages.inboxCounts', {}),
      listAsShown(this, (cursor) => call('messages.inbox', { status: filter, cursor }), toInboxRow),
    ]);
    return { tabs: tabsOf(counts), ...list };
  },
  methods: {
    onReachBottom() {
      const { filter } = this.data;
      return appendNextPage(this, (cursor) => call('messages.inbox', { status: filter, cursor }), toInboxRow);
    },
    onFilter(event: WechatMiniprogram.CustomEvent<{ value: Filter }>) {
      if (event.detail.value === this.data.filter) return;
      // A new list: its first page only, and the old filter's next page, if it arrives, is dropped.
      this.setData({ filter: event.detail.value, status: 'loading', ...emptyList<MessageRow>() });
      this.load();
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.delegateThread}?id=${event.currentTarget.dataset.id}`);
    },
  },
});
