import type { Role } from '../../../typings/contract';
import { call } from '../../services/api';
import { askText, attempt, confirmAction, openPage, showFieldError, showSuccess } from '../../services/feedback';
import { roleLabels } from '../../services/format';
import { refreshPendingBadge } from '../../services/badge';
import { careData, setCareMode } from '../../services/care';
import { definePage } from '../../services/page';
import { verifySharedPhone, type PhoneNumberDetail } from '../../services/phone';
import { routes } from '../../services/routes';

// 我的: who I am (me.get), my roles, and the doors they open. Loaded on every show, so a person who
// has just bound a delegate code sees the workbench entry on coming back.

/** Fields of the profile form the server may name in a refusal. */
const PROFILE_FIELDS = ['nickname', 'community'] as const;

interface RoleTag {
  role: Role;
  label: string;
}

interface MeData {
  /** Staff grant roles by it, so the person can read it out or copy it. */
  nickname: string;
  community: string;
  roles: RoleTag[];
  isDelegate: boolean;
  isStaff: boolean;
  /** A group liaison (not necessarily staff) follows their groups' overdue messages. */
  isLiaison: boolean;
  /** Verified with WeChat (手机号快速验证): phone-verified votes need it. Only the masked number is known. */
  phoneVerified: boolean;
  maskedPhone: string;
  verifyingPhone: boolean;
  /** The profile editor: what the person is typing, shown until saved or cancelled. */
  editing: boolean;
  draft: { nickname: string; community: string };
  /** The server's refusal, under the field it names. */
  profileErrors: Record<string, string>;
  saving: boolean;
}

/** The one-time code of admin.staff.invite (printed as 5-5 letters and digits). */
const INVITE_CODE = { label: '邀请码', placeholder: '例如 7KQ4M-2XW9H', maxLength: 20, minLength: 1 };

/** What a person without a chosen name is called. */
const DEFAULT_NAME = '微信用户';

definePage({
  data: {
    nickname: '',
    community: '',
    roles: [],
    isDelegate: false,
    isStaff: false,
    isLiaison: false,
    phoneVerified: false,
    maskedPhone: '',
    verifyingPhone: false,
    editing: false,
    draft: { nickname: '', community: '' },
    profileErrors: {},
    saving: false,
  } as MeData,
  loadOn: 'show',
  async firstScreen() {
    const me = await call('me.get', {});
    if (me.roles.includes('delegate')) void refreshPendingBadge();
    return {
      status: 'ready',
      nickname: me.profile.nickname || DEFAULT_NAME,
      community: me.profile.community ?? '',
      roles: me.roles.map((role) => ({ role, label: roleLabels[role] })),
      isDelegate: me.roles.includes('delegate'),
      isStaff: me.roles.includes('staff'),
      isLiaison: (me.liaisonGroupIds?.length ?? 0) > 0,
      phoneVerified: me.phoneVerified,
      maskedPhone: me.maskedPhone ?? '',
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
    /** The liaison's workspace: their groups' delegates and duty statistics, and the way to the overdue messages. */
    onOpenLiaison() {
      openPage(routes.adminDuties);
    },
    onOpenMyMessages() {
      openPage(routes.myMessages);
    },
    /** A one-time invitation (admin.staff.invite) makes this person staff or a group's liaison: no openid to copy or type. */
    async onClaimInvite() {
      const code = await askText('输入邀请码', '工作人员或联系委员的邀请码由街道人大工委发给您，只能使用一次。', INVITE_CODE, {
        confirmText: '开通',
      });
      if (!code) return;
      await attempt(async () => {
        const { roles } = await call('me.claimInvite', { code });
        showSuccess(roles.includes('staff') ? '已开通管理后台' : '已开通联系小组');
        await this.load();
      });
    },
    onOpenAbout() {
      openPage(routes.about);
    },
    /** Large text and high contrast, kept on the phone; this page changes at once, others as they show. */
    onCareMode(event: { detail: { value: boolean } }) {
      setCareMode(event.detail.value);
      this.setData({ ...careData(event.detail.value) });
    },
    onOpenPrivacy() {
      openPage(routes.privacy);
    },
    /** Everything the service keeps of the person, as JSON on the clipboard (查阅、复制权). */
    async onExportData() {
      await attempt(async () => {
        const data = await call('me.export', {});
        await wx.setClipboardData({ data: JSON.stringify(data, null, 2) });
        showSuccess(`已复制（${data.messages.length} 条留言）`);
      });
    },
    /** Deleting cannot be undone: asked twice, and a delegate or staff member is told why not first. */
    async onDeleteAccount() {
      if (
        !(await confirmAction('注销账号', '注销后，您的称呼、社区、手机号、订阅和接待日登记将被删除，无法恢复；给代表的留言将匿名保留。'))
      )
        return;
      if (!(await confirmAction('确认注销', '确定要注销账号吗？'))) return;
      await attempt(async () => {
        await call('me.delete', {});
        showSuccess('账号已注销');
        await this.load();
      });
    },
    async onPhoneShared(event: { detail: PhoneNumberDetail }) {
      if (this.data.verifyingPhone) return;
      this.setData({ verifyingPhone: true });
      const maskedPhone = await verifySharedPhone(event.detail);
      this.setData({ verifyingPhone: false, ...(maskedPhone ? { phoneVerified: true, maskedPhone } : {}) });
    },
    onEditProfile() {
      const { nickname, community } = this.data;
      this.setData({ editing: true, profileErrors: {}, draft: { nickname: nickname === DEFAULT_NAME ? '' : nickname, community } });
    },
    /** t-input's change, or its clear (no value). */
    onDraft(event: WechatMiniprogram.CustomEvent<{ value?: string }>) {
      const field = event.currentTarget.dataset.field as string;
      this.setData({ [`draft.${field}`]: event.detail.value ?? '', [`profileErrors.${field}`]: '' });
    },
    onCancelProfile() {
      this.setData({ editing: false });
    },
    async onSaveProfile() {
      if (this.data.saving) return;
      this.setData({ saving: true });
      try {
        // An empty field clears it (the server's rule); names are trimmed there too.
        const { profile } = await call('me.update', {
          nickname: this.data.draft.nickname.trim(),
          community: this.data.draft.community.trim(),
        });
        this.setData({ editing: false, nickname: profile.nickname || DEFAULT_NAME, community: profile.community ?? '' });
        showSuccess('已保存');
      } catch (error) {
        this.setData({ profileErrors: showFieldError(error, PROFILE_FIELDS) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
