import type { Group } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { onFormField, submitForm } from '../../../services/directory';
import { attempt, confirmAction } from '../../../services/feedback';
import { formatDateTime } from '../../../services/time';
import { definePage } from '../../../services/page';

// 专业代表小组 (staff): each group with its duty area and the committee member who follows it.

interface Form {
  id: string;
  name: string;
  duty: string;
  liaisonName: string;
  liaisonTitle: string;
}

interface AdminGroupsData {
  groups: Group[];
  form: Form | null;
  /** The server's refusal under the field it names (services/directory submitForm). */
  fieldErrors: Record<string, string>;
  saving: boolean;
}

definePage({
  data: { groups: [], form: null, fieldErrors: {}, saving: false } as AdminGroupsData,
  refresh: true,
  async firstScreen() {
    const { items } = await call('groups.list', {});
    return { status: 'ready', groups: items };
  },
  methods: {
    onNew() {
      this.setData({ form: { id: '', name: '', duty: '', liaisonName: '', liaisonTitle: '' } });
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
        },
      });
    },
    /**
     * The committee member who follows the group gets a one-time code to enter on 我的: then they see the
     * group's overdue messages and duty figures. Shown once, here; sent once (no retry into a second code).
     */
    async onInviteLiaison(event: WechatMiniprogram.TouchEvent) {
      const groupId = String(event.currentTarget.dataset.id);
      await attempt(async () => {
        const { code, expiresAt } = await call('admin.staff.invite', { groupId });
        const copy = await confirmAction(
          '联系委员邀请码',
          `${code}\n请发给该小组的联系委员，在「我的 → 输入邀请码」中输入。${formatDateTime(expiresAt)} 前有效，只能使用一次。`,
          { confirmText: '复制' },
        );
        if (copy) await wx.setClipboardData({ data: code });
      });
    },
    onField(event: WechatMiniprogram.Input) {
      onFormField(this, event);
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
      const fields = {
        name: form.name.trim(),
        ...(form.duty.trim() ? { duty: form.duty.trim() } : {}),
        ...(liaison ? { liaison } : {}),
      };
      return submitForm(this, () =>
        form.id ? call('admin.groups.update', { id: form.id, ...fields }) : call('admin.groups.create', fields),
      );
    },
  },
});
