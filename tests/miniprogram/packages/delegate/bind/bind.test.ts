import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';

const emulator = useDemoBackend();

describe('绑定代表身份', () => {
  it("shows the server's message for a wrong code and binds with the right one", async () => {
    const view = await renderPage('packages/delegate/bind/bind', { emulator: emulator(), openid: 'lu-phone' });
    await view.fire('.bind__input', 'change', { value: 'abcd-efgh' });
    await view.tap('.bind__submit');
    expect(view.text('.bind__input')).toContain('绑定码不正确');

    await view.fire('.bind__input', 'change', { value: 'yztd-2468' });
    await view.tap('.bind__submit');
    expect(view.text()).toContain('您好，陆文静代表');
    await view.tap('.bind__workbench');
    expect(view.navigations).toEqual([{ kind: 'redirectTo', url: '/packages/delegate/workbench/workbench' }]);

    // From now on this WeChat account is the delegate.
    const me = await renderPage('pages/me/me', { emulator: emulator(), openid: 'lu-phone' });
    expect(me.text()).toContain('代表工作台');
  });

  it('says a used code is used', async () => {
    const view = await renderPage('packages/delegate/bind/bind', { emulator: emulator(), openid: 'someone-else' });
    await view.fire('.bind__input', 'change', { value: 'YZTD-2468' });
    await view.tap('.bind__submit');
    expect(view.text('.bind__input')).toContain('已被使用');
  });
});
