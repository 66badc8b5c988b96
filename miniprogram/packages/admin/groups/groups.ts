import type { Group } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { submitForm } from '../../../services/directory';
import { definePage } from '../../../services/page';

// 专业代表小组 (staff): each group with its duty area and the committee member who follows it.

interface Form {
  id: string;
  name: string;
  duty: string;
  liaisonName: string;
  liaisonTitle: string;
  /** The liaison's 我的编号; left empty on an edit, the linked person stays as is. */
  liaisonOpenid: string;
}

interface AdminGroupsData {
  groups: Group[];
  form: Form | null;
  saving: boolean;
}

definePage({
  data: { groups: [], form: null, saving: false } as AdminGroupsData,
  refresh: true,
  async firstScreen() {
    const { items } = await call('groups.list', {});
    return { status: 'ready', groups: items };
  },
  methods: {
    onNew() {
      this.setData({ form: { id: '', name: '', duty: '', liaisonName: '', liaisonTitle: '', liaisonOpenid: '' } });
    },
    onEdit(event: WechatMiniprogram.TouchEvent) {
      const g = this.data.groups.find((item) => item.id === event.currentTarget.dataset.id);
      if (!g) return;
      this.setData({
        form: {
          id: g.id,
          name: g.name,
          duty: g.duty ?? '',
          liaisonName: g.liaison?.name ?? '',
          liaisonTitle: g.liaison?.title ?? '',
          liaisonOpenid: '',
        },
      });
    },
    onField(event: WechatMiniprogram.Input) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value });
    },
    onCancel() {
      this.setData({ form: null });
    },
    onSave() {
      const form = this.data.form;
      if (!form) return;
      const liaison = form.liaisonName.trim()
        ? { name: form.liaisonName.trim(), ...(form.liaisonTitle.trim() ? { title: form.liaisonTitle.trim() } : {}) }
        : undefined;
      const linked = form.liaisonOpenid.trim();
      const fields = {
        name: form.name.trim(),
        ...(form.duty.trim() ? { duty: form.duty.trim() } : {}),
        ...(liaison ? { liaison } : {}),
        ...(linked ? { liaisonOpenid: linked } : {}),
      };
      return submitForm(this, () =>
        form.id ? call('admin.groups.update', { id: form.id, ...fields }) : call('admin.groups.create', fields),
      );
    },
  },
});
