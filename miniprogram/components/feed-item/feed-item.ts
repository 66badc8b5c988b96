import type { FeedRow } from '../../services/duties';

// One item of 履职动态 (a delegate's public entry or the committee's news), as 首页 and the feed page
// show it. The page decides what a tap opens: the item says `open` with its id.

Component({
  // The pressed state (yz-pressed) comes from app.wxss.
  options: { addGlobalClass: true },
  properties: {
    item: { type: Object, value: null as unknown as FeedRow | null },
    /** 首页 shows a short version: two lines of text, one photo. */
    compact: { type: Boolean, value: false },
  },
  methods: {
    onOpen() {
      const item = this.data.item as FeedRow | null;
      if (item) this.triggerEvent('open', { id: item.id });
    },
  },
});
