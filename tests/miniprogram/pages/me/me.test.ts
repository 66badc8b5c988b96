import { startTestEmulator } from '../../../support/emulator';
import { becomeDelegate, FIRST_SCREEN_BUDGET, renderPage } from '../../../support/miniprogram';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  // staff-openid is bootstrap staff, as ADMIN_OPENIDS makes someone staff in production.
  emulator = await startTestEmulator({ env: { ADMIN_OPENIDS: 'staff-openid' } });
});
afterAll(() => emulator.stop());

describe('我的', () => {
  it('shows a resident their role from me.get and offers to bind a delegate identity, in one setData', async () => {
    const view = await renderPage('pages/me/me', { emulator, openid: 'me-resident' });

    expect(view.apiCalls.map((call) => call.action)).toEqual(['me.get']);
    expect(view.text('.me__nickname')).toBe('微信用户');
    expect(view.texts('.me__role')).toEqual(['居民']);
    expect(view.has('.me__bind')).toBe(true);
    expect(view.has('.me__workbench')).toBe(false);
    expect(view.has('.me__admin')).toBe(false);
    expect(view.setDataStats.firstRender.calls).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.calls);
    expect(view.setDataStats.firstRender.bytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.bytes);

    await view.tap('.me__bind');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/delegate/bind/bind' }]);
  });

  it('shows staff their roles as tags and takes them to the admin area', async () => {
    const view = await renderPage('pages/me/me', { emulator, openid: 'staff-openid' });

    expect(view.texts('.me__role')).toEqual(['居民', '工作人员']);
    await view.tap('.me__admin');

    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/admin/index/index' }]);
    expect(view.toasts).toEqual([]);
  });

  it('never shows a resident their openid; a colleague becomes staff with an invitation code instead', async () => {
    const before = await renderPage('pages/me/me', { emulator, openid: 'me-future-staff' });
    expect(before.text()).not.toContain('me-future-staff');
    expect(before.has('.me__admin')).toBe(false);

    const invited = await emulator.call('staff-openid', 'admin.staff.invite', {});
    if (!invited.ok) throw new Error(JSON.stringify(invited.error));
    const { code } = invited.data;
    before.answerNextModal({ confirm: false });
    await before.tap('.me__claim-invite'); // cancelled: nothing is sent
    expect(before.apiCalls.filter((c) => c.action === 'me.claimInvite')).toEqual([]);
    before.answerNextModal({ confirm: true, content: code });
    await before.tap('.me__claim-invite');
    expect(before.texts('.me__role')).toEqual(['居民', '工作人员']);
    expect(before.has('.me__admin')).toBe(true);
  });

  it("takes a group liaison who is not staff to their groups' overdue messages", async () => {
    const group = await emulator.call('staff-openid', 'admin.groups.create', {
      name: '民主法治',
      liaison: { name: '蒋委员' },
      liaisonOpenid: 'me-liaison',
    });
    expect(group.ok).toBe(true);
    const view = await renderPage('pages/me/me', { emulator, openid: 'me-liaison' });
    expect(view.has('.me__admin')).toBe(false);
    await view.tap('.me__overdue');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/admin/overdue/overdue' }]);
    // The liaison's workspace: their groups' delegates and duty statistics (issue 12, item 6).
    await view.tap('.me__liaison');
    expect(view.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/packages/admin/duties/duties' });

    const overdue = await renderPage('packages/admin/overdue/overdue', { emulator, openid: 'me-liaison' });
    expect(overdue.apiCalls.find((c) => c.action === 'messages.overdue')?.result).toMatchObject({ ok: true });

    const workspace = await renderPage('packages/admin/duties/duties', { emulator, openid: 'me-liaison' });
    expect(workspace.apiCalls.find((c) => c.action === 'duties.stats')?.result).toMatchObject({ ok: true, data: { scope: 'liaison' } });
  });

  it('shows a bound delegate the workbench instead of the binding entry', async () => {
    await becomeDelegate(emulator, 'me-delegate');
    const view = await renderPage('pages/me/me', { emulator, openid: 'me-delegate' });

    expect(view.texts('.me__role')).toEqual(['居民', '代表']);
    expect(view.has('.me__bind')).toBe(false);
    await view.tap('.me__workbench');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/delegate/workbench/workbench' }]);
  });

  it('asks the server again each time the tab is shown, without going back to the spinner', async () => {
    const view = await renderPage('pages/me/me', { emulator, openid: 'me-resident' });

    await view.lifecycle('onShow');

    expect(view.apiCalls.map((call) => call.action)).toEqual(['me.get', 'me.get']);
    expect(view.setDataStats.calls).toBe(2);
    expect(view.text('.me__roles')).toBe('居民');
  });

  it('says the network is poor when it is, and recovers on 重新加载', async () => {
    const view = await renderPage('pages/me/me', { emulator, openid: 'me-resident', online: false });
    expect(view.text('.page-state')).toContain('网络不给力，请稍后重试');

    view.setOnline(true);
    await view.tap('.page-state >>> .page-state__retry');
    expect(view.text('.me__roles')).toBe('居民');
  });

  it('lets a resident set the name and community the delegates see, instead of 微信用户 (issue 13, item 9, part)', async () => {
    const view = await renderPage('pages/me/me', { emulator, openid: 'me-profile' });
    await view.tap('.me__profile-edit');
    await view.fire('.me__input--nickname', 'change', { value: ' 王阿姨 ' });
    await view.fire('.me__input--community', 'change', { value: '清风社区' });
    await view.tap('.me__save');
    expect(view.toasts).toContain('已保存');
    expect(view.text('.me__nickname')).toBe('王阿姨');
    expect(view.text('.me__community')).toBe('清风社区');
    expect(view.has('.me__editor')).toBe(false);
    const saved = view.apiCalls.find((c) => c.action === 'me.update')!;
    expect((saved.payload as { requestId?: string }).requestId).toBeTruthy();
    const again = await renderPage('pages/me/me', { emulator, openid: 'me-profile' });
    expect(again.text('.me__nickname')).toBe('王阿姨');
  });

  it("shows the server's refusal under the field it names, not in a toast, until that field is edited", async () => {
    const view = await renderPage('pages/me/me', { emulator, openid: 'me-profile-refused' });
    await view.tap('.me__profile-edit');
    await view.fire('.me__input--nickname', 'change', { value: '王'.repeat(21) });
    await view.tap('.me__save');
    expect(view.text('.me__input--nickname')).toContain('「称呼」');
    expect(view.toasts).toEqual([]);
    expect(view.has('.me__editor')).toBe(true);
    await view.fire('.me__input--nickname', 'change', { value: '王阿姨' });
    expect(view.text('.me__input--nickname')).not.toContain('「称呼」');
  });

  describe('手机号验证 (issue 9, item 2)', () => {
    it('verifies the phone in one tap on 验证手机号 and shows only the masked number', async () => {
      const view = await renderPage('pages/me/me', { emulator, openid: 'me-phone' });
      expect(view.text('.me__phone')).toContain('验证手机号');
      expect(view.has('.me__phone-verified')).toBe(false);

      await view.sharePhone('.me__verify-phone', '13812341234');

      expect(view.apiCalls.map((c) => c.action)).toEqual(['me.get', 'me.verifyPhone']);
      expect(view.toasts).toContain('手机号已验证');
      expect(view.text('.me__phone-verified')).toBe('已验证 138****1234');
      expect(view.text('.me__verify-phone')).toBe('更换号码');
      expect(view.text()).not.toContain('13812341234');

      const again = await renderPage('pages/me/me', { emulator, openid: 'me-phone' });
      expect(again.text('.me__phone-verified')).toBe('已验证 138****1234');
    });

    it('takes a refusal kindly: a hint, no call, and the button stays for later', async () => {
      const view = await renderPage('pages/me/me', { emulator, openid: 'me-phone-declines' });
      await view.refusePhone('.me__verify-phone');

      expect(view.apiCalls.map((c) => c.action)).toEqual(['me.get']);
      expect(view.toasts).toEqual(['未验证手机号。需要参与投票时，可随时再来验证']);
      expect(view.has('.me__phone-verified')).toBe(false);
      expect(view.text('.me__verify-phone')).toBe('验证手机号');
      expect(await emulator.call('me-phone-declines', 'me.get')).toMatchObject({ ok: true, data: { phoneVerified: false } });
    });

    it('says what to do when the code is no longer valid, and lets the person try again', async () => {
      const view = await renderPage('pages/me/me', { emulator, openid: 'me-phone-late' });
      const stale = await emulator.phoneCode('me-phone-late', '13900001111');
      await emulator.call('someone-else', 'me.verifyPhone', { code: stale });
      await view.fire('.me__verify-phone', 'getphonenumber', { code: stale, errMsg: 'getPhoneNumber:ok' });

      expect(view.toasts).toEqual(['手机号验证已失效，请重新点击“验证手机号”']);
      expect(view.has('.me__phone-verified')).toBe(false);

      await view.sharePhone('.me__verify-phone', '13900001111');
      expect(view.text('.me__phone-verified')).toBe('已验证 139****1111');
    });
  });

  it('关怀模式 makes every page large-text and high-contrast, and stays on (issue 13, item 7)', async () => {
    const me = await renderPage('pages/me/me', { emulator, openid: 'care-resident' });
    expect(me.page.data.careFont).toBe('system');
    await me.fire('.page-state >>> .me__care-switch', 'change', { value: true });
    expect(me.page.data).toMatchObject({ careMode: true, careFont: '20px' });
    expect(String(me.page.data.careStyle)).toContain('--yz-ink-secondary');

    // Another page opened afterwards follows it, in its first screen's one setData.
    const home = await renderPage('pages/home/home', { emulator, openid: 'care-resident' });
    expect(home.page.data).toMatchObject({ careMode: true, careFont: '20px' });
    expect(home.setDataStats.firstRender.calls).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.calls);

    await me.fire('.page-state >>> .me__care-switch', 'change', { value: false });
    const after = await renderPage('pages/home/home', { emulator, openid: 'care-resident' });
    expect(after.page.data).toMatchObject({ careMode: false, careFont: 'system', careStyle: '' });
  });
});
