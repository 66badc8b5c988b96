import type { Role } from '../../../typings/contract';
import { call } from '../../services/api';
import { openPage } from '../../services/feedback';
import { roleLabels } from '../../services/format';
import { definePage } from '../../services/page';
import { routes } from '../../services/routes';

// 我的: who I am (me.get), my roles, and the doors they open. Loaded on every show, so a person who
// has just bound a delegate code sees the workbench entry on coming back.

interface RoleTag {
  role: Role;
  label: string;
}

interface MeData {
  /** Staff grant roles by it, so the person can read it out or copy it. */
  openid: string;
  nickname: string;
  community: string;
  roles: RoleTag[];
  isDelegate: boolean;
  isStaff: boolean;
  /** A group liaison (not necessarily staff) follows their groups' overdue messages. */
  isLiaison: boolean;
}

definePage({
  data: {
    openid: '',
    nickname: '',
    community: '',
    roles: [],
    isDelegate: false,
    isStaff: false,
    isLiaison: false,
  } as MeData,
  loadOn: 'show',
  async firstScreen() {
    const me = await call('me.get', {});
    return {
      status: 'ready',
      openid: me.openid,
      nickname: me.profile.nickname || '微信用户',
      community: me.profile.community ?? '',
      roles: me.roles.map((role) => ({ role, label: roleLabels[role] })),
      isDelegate: me.roles.includes('delegate'),
      isStaff: me.roles.includes('staff'),
      isLiaison: (me.liaisonGroupIds?.length ?? 0) > 0,
    };
  },
  methods: {
    onOpenWorkbench() {
      openPage(routes.workbench);
    },
    onOpenBind() {
      openPage(routes.delegateBind);
    },
    onOpenAdmin() {
      openPage(routes.admin);
    },
    onOpenOverdue() {
      openPage(routes.adminOverdue);
    },
    onOpenMyMessages() {
      openPage(routes.myMessages);
    },
    onCopyOpenid() {
      wx.setClipboardData({ data: this.data.openid });
    },
    onOpenAbout() {
      openPage(routes.about);
    },
  },
});
