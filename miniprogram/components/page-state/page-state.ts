// The loading / empty / error frame every page wraps its content in, so the three states look and
// read the same everywhere. The page owns its data and sets `status`; this component only shows it.

export type PageStatus = 'loading' | 'ready' | 'empty' | 'error';

Component({
  options: { multipleSlots: true },
  properties: {
    status: { type: String, value: 'loading' },
    /** Shown in the empty state: say what is missing and, if possible, what to do. */
    emptyText: { type: String, value: '暂无内容' },
    /** Shown in the error state: the server's message, or the network message. */
    errorText: { type: String, value: '加载失败' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
