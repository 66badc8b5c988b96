import { callPhone } from '../../services/feedback';

// A message and its conversation, as both the resident and the delegate see it. Pages pass the
// prepared view (services/messages toEntryView) and own the actions below it.

Component({
  // The house's .yz-section cards come from app.wxss.
  options: { addGlobalClass: true },
  properties: {
    title: { type: String, value: '' },
    meta: { type: String, value: '' },
    statusLabel: { type: String, value: '' },
    /** t-tag theme of the status (services/messages statusThemes). */
    statusTheme: { type: String, value: 'primary' },
    /** The way so far as t-steps (services/messages progressOf); none given, none shown. */
    progress: { type: Object, value: { steps: [], current: 0 } },
    body: { type: String, value: '' },
    phone: { type: String, value: '' },
    /** Image sources of the message's photos (services/upload photoSource). */
    photos: { type: Array, value: [] as string[] },
    entries: { type: Array, value: [] },
  },
  /** A number shown in full (to the delegate handling the message) can be called with one tap. */
  data: { callable: false },
  observers: {
    phone(phone: string) {
      this.setData({ callable: Boolean(phone) && !phone.includes('*') });
    },
  },
  methods: {
    onCall() {
      callPhone(this.data.phone as string);
    },
    onPreview(event: WechatMiniprogram.TouchEvent) {
      wx.previewImage({ urls: this.data.photos as string[], current: event.currentTarget.dataset.src });
    },
  },
});
