// The foot of a paged list (services/paging.ts): loading the next page, the next page failed with a
// retry right there (a toast would vanish and leave the list stuck), or the end of the list.

Component({
  properties: {
    loading: { type: Boolean, value: false },
    failed: { type: Boolean, value: false },
    /** Every row is shown: says so, so nobody keeps scrolling for more. */
    ended: { type: Boolean, value: false },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
