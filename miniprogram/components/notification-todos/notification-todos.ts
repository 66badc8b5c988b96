import type { NotificationTodo } from '../../../typings/contract';
import { call } from '../../services/api';
import { formatDateTime } from '../../services/time';
import { openPage } from '../../services/feedback';

// Notifications WeChat would not deliver (no subscription credit left, 43101): never silently lost,
// they wait here until opened. Loads itself, so the page's first setData does not wait for it.

interface TodoRow {
  id: string;
  summary: string;
  page: string;
  time: string;
}

const toRow = (todo: NotificationTodo): TodoRow => ({
  id: todo.id,
  summary: todo.summary,
  page: todo.page,
  time: formatDateTime(todo.createdAt),
});

Component({
  // The house's .yz-section cards come from app.wxss.
  options: { addGlobalClass: true },
  data: { rows: [] as TodoRow[] },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  pageLifetimes: {
    show() {
      this.load();
    },
  },
  methods: {
    async load() {
      try {
        const { items } = await call('notifications.todos', {});
        this.setData({ rows: items.map(toRow) });
      } catch {
        // A to-do list that cannot load now shows next time; the page itself stays usable.
      }
    },
    async onOpen(event: WechatMiniprogram.TouchEvent) {
      const { id, page } = event.currentTarget.dataset as { id: string; page: string };
      this.setData({ rows: (this.data.rows as TodoRow[]).filter((row) => row.id !== id) });
      openPage(`/${page}`);
      await call('notifications.dismiss', { id }).catch(() => undefined);
    },
  },
});
