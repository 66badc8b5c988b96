// A message and its conversation, as both the resident and the delegate see it. Pages pass the
// prepared view (services/messages toEntryView) and own the actions below it.

Component({
  // The house's .yz-section cards come from app.wxss.
  options: { addGlobalClass: true },
  properties: {
    title: { type: String, value: '' },
    meta: { type: String, value: '' },
    statusLabel: { type: String, value: '' },
    body: { type: String, value: '' },
    phone: { type: String, value: '' },
    entries: { type: Array, value: [] },
  },
});
