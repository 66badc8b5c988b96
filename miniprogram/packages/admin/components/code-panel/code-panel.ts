import { saveCodePanel, type CodePanel } from '../../../../services/directory';

// A 代表码 or 站点码 shown for printing, shared by 代表管理 and 家站点管理: the code, what scanning it
// does (`hint`), saving it to the album; the page hides it on `close`.

Component({
  options: { addGlobalClass: true },
  properties: {
    panel: { type: Object, value: { name: '', image: '' } },
    hint: { type: String, value: '' },
  },
  methods: {
    onSave() {
      return saveCodePanel(this.data.panel as CodePanel);
    },
    onClose() {
      this.triggerEvent('close');
    },
  },
});
