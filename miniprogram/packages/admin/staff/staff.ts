import type { StaffMember } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { submitForm } from '../../../services/directory';
import { attempt, confirmAction, showHint, showSuccess } from '../../../services/feedback';
import { formatDate } from '../../../services/time';
import { definePage } from '../../../services/page';

// 工作人员 (staff): who may use the admin pages. Bootstrap staff come from the function's
// ADMIN_OPENIDS and cannot be revoked here; others are granted by openid.

interface StaffRow {
  openid: string;
  label: string;
  revocable: boolean;
}

interface AdminStaffData {
  rows: StaffRow[];
  /** The openid being granted; `form` follows the shared form convention (null when closed). */
  form: { openid: string } | null;
  saving: boolean;
}

function toRow(member: StaffMember): StaffRow {
  const who = member.nickname ? `${member.nickname}（${member.openid}）` : member.openid;
  const since = member.bootstrap ? '系统配置' : member.grantedAt ? `${formatDate(member.grantedAt)} 授权` : '已授权';
  return { openid: member.openid, label: `${who} · ${since}`, revocable: !member.bootstrap };
}

definePage({
  data: { rows: [], form: { openid: '' }, saving: false } as AdminStaffData,
  refresh: true,
  async firstScreen() {
    const { items } = await call('admin.staff.list', {});
    return { status: 'ready', rows: items.map(toRow), form: { openid: '' } };
  },
  methods: {
    onInput(event: WechatMiniprogram.Input) {
      this.setData({ form: { openid: event.detail.value.trim() } });
    },
    onGrant() {
      const openid = this.data.form?.openid ?? '';
      if (!openid) return showHint('请输入对方的用户编号');
      return submitForm(
        this,
        () => call('admin.staff.grant', { openid }),
        () => showSuccess('已授权'),
      );
    },
    async onRevoke(event: WechatMiniprogram.TouchEvent) {
      const openid = String(event.currentTarget.dataset.openid);
      if (!(await confirmAction('撤销权限', '撤销后，对方将无法再使用管理后台。确定撤销吗？'))) return;
      await attempt(async () => {
        await call('admin.staff.revoke', { openid });
        showSuccess('已撤销');
        await this.load();
      });
    },
  },
});
