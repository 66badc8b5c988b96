import { ApiCallError, call } from '../../../../services/api';
import { confirmAction, showError, showHint, showNotice, showSuccess } from '../../../../services/feedback';
import { readChosenTextFile } from '../../../../services/files';

// 住户名册 of a resident campaign checked by phone, before voting starts: import a CSV file of the
// households' numbers (chosen from a WeChat chat with wx.chooseMessageFile), replace or remove it.
// The server keeps only keyed hashes and refuses a file with any bad line, naming the lines; the page
// reloads on `change`.

Component({
  options: { addGlobalClass: true },
  properties: {
    campaignId: { type: String, value: '' },
    /** Numbers on the roster now; 0 when there is none. */
    count: { type: Number, value: 0 },
  },
  data: { busy: false },
  methods: {
    async onImport() {
      if (this.data.busy) return;
      const text = await readChosenTextFile(['csv', 'txt']);
      if (text === null) return;
      this.setData({ busy: true });
      try {
        const { count, duplicates } = await call('admin.rosters.import', { campaignId: this.data.campaignId, csv: text });
        showSuccess(`已导入 ${count} 个号码`);
        if (duplicates) showHint(`已导入 ${count} 个号码，其中 ${duplicates} 个重复号码只计一次`);
        this.triggerEvent('change', { count });
      } catch (error) {
        // A refused file names its bad lines: a modal, so the whole message can be read.
        if (error instanceof ApiCallError && error.code === 'INVALID_ARGUMENT') showNotice('名册未导入', error.message);
        else showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onRemove() {
      if (this.data.busy) return;
      if (!(await confirmAction('移除住户名册', '移除后，所有验证过手机号的居民都可以投票。确定移除吗？'))) return;
      this.setData({ busy: true });
      try {
        await call('admin.rosters.remove', { campaignId: this.data.campaignId });
        showSuccess('已移除名册');
        this.triggerEvent('change', { count: 0 });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
