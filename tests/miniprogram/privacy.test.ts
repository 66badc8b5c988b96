import { PRIVACY_NOTICE_VERSION } from '../../typings/contract/constants';
import { startTestEmulator } from '../support/emulator';
import { renderPage } from '../support/miniprogram';
import { boundDelegate, draft, ok } from '../cloud/messages-fixtures';

// Personal information on the phone (issue 17, item 14): the notice asked for at first use, a person's
// data copied out, and an account deleted only after two confirmations.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let delegateId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  delegateId = (await boundDelegate(emulator, 'pv-delegate', '许代表')).delegateId;
});
afterAll(() => emulator.stop());

describe('个人信息保护', () => {
  it('首页 asks a new person to agree to the notice once; agreeing records the version', async () => {
    const view = await renderPage('pages/home/home', { emulator, openid: 'pv-new' });
    expect(view.text()).toContain('个人信息保护提示');
    await view.tap('.page-state >>> .home__consent-read');
    expect(view.navigations).toContainEqual({ kind: 'navigateTo', url: '/packages/resident/privacy/privacy' });
    await view.tap('.page-state >>> .home__consent-agree');
    expect(view.text()).not.toContain('个人信息保护提示');
    expect((await ok(emulator.call('pv-new', 'me.get', {}))).privacyConsent).toBe(PRIVACY_NOTICE_VERSION);

    const again = await renderPage('pages/home/home', { emulator, openid: 'pv-new' });
    expect(again.text()).not.toContain('个人信息保护提示');
  });

  it('the notice page says what is kept and records agreement', async () => {
    const view = await renderPage('packages/resident/privacy/privacy', { emulator, openid: 'pv-reader' });
    expect(view.text()).toContain('投票只记录选票本身，不记录是谁投的票');
    await view.tap('.page-state >>> .privacy__agree');
    expect(view.text()).toContain('您已同意本指引');
  });

  it('我的 copies the person’s data out', async () => {
    await ok(emulator.call('pv-export', 'messages.send', draft(delegateId, { title: '菜市场噪音' })));
    const copied: string[] = [];
    type Clipboard = (options: { data: string; success?: () => void }) => Promise<unknown>;
    const phone = (globalThis as unknown as { wx: { setClipboardData: Clipboard } }).wx;
    const original = phone.setClipboardData;
    phone.setClipboardData = (options) => {
      copied.push(options.data);
      options.success?.();
      return Promise.resolve({ errMsg: 'setClipboardData:ok' });
    };
    try {
      const view = await renderPage('pages/me/me', { emulator, openid: 'pv-export' });
      await view.tap('.page-state >>> .me__export');
      expect(view.toasts).toContain('已复制（1 条留言）');
      expect(JSON.parse(copied[0])).toMatchObject({ openid: 'pv-export', messages: [{ title: '菜市场噪音' }] });
    } finally {
      phone.setClipboardData = original;
    }
  });

  it('deleting an account asks twice; cancelling erases nothing, confirming erases the profile', async () => {
    await ok(emulator.call('pv-delete', 'me.update', { nickname: '老周', community: '清风社区' }));
    const view = await renderPage('pages/me/me', { emulator, openid: 'pv-delete' });
    expect(view.text()).toContain('老周');

    view.answerNextModal({ confirm: true });
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .me__delete');
    expect(view.modals.map((m) => m.title)).toEqual(['注销账号', '确认注销']);
    expect((await ok(emulator.call('pv-delete', 'me.get', {}))).profile).toMatchObject({ nickname: '老周' });

    await view.tap('.page-state >>> .me__delete');
    expect(view.toasts).toContain('账号已注销');
    expect((await ok(emulator.call('pv-delete', 'me.get', {}))).profile).toEqual({});
    expect(view.text()).not.toContain('老周');
  });
});
