import type { StaffMember } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { attempt, confirmAction, showSuccess } from '../../../services/feedback';
import { formatDate, formatDateTime } from '../../../services/time';
import { definePage } from '../../../services/page';

// 工作人员 (staff): who may use the admin pages. Bootstrap staff come from the function's
// ADMIN_OPENIDS and cannot be revoked here; others are invited with a one-time code they enter on 我的.

interface StaffRow {
  openid: string;
  label: string;
  revocable: boolean;
}

interface AdminStaffData {
  rows: StaffRow[];
  /** The invitation just issued: shown once, here, to hand to the colleague. */
  invite: { code: string; until: string } | null;
  saving: boolean;
}

function toRow(member: StaffMember): StaffRow {
  const who = member.nickname ? `${member.nickname}（${member.openid}）` : member.openid;
  const since = member.bootstrap ? '系统配置' : member.grantedAt ? `${formatDate(member.grantedAt)} 授权` : '已授权';
  return { openid: member.openid, label: `${who} · ${since}`, revocable: !member.bootstrap };
}

definePage({
  data: { rows: [], invite: null, saving: false } as AdminStaffData,
  refresh: true,
  async firstScreen() {
    const { items } = await call('admin.staff.list', {});
    return { status: 'ready', rows: items.map(toRow) };
  },
  methods: {
    async onInvite() {
      if (this.data.saving) return;
      this.setData({ saving: true });
      await attempt(async () => {
        // Sent once: a lost answer is reported, never retried into a second code.
        const { code, expiresAt } = await call('admin.staff.invite', {});
        this.setData({ invite: { code, until: formatDateTime(expiresAt) } });
      });
      this.setData({ saving: false });
    },
    onCopyInvite() {
      if (this.data.invite) wx.setClipboardData({ data: this.data.invite.code });
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
