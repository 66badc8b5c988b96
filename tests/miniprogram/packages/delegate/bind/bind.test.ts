import { startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';

// Workaround: the emulator's database calls unref() on an interval timer, which jsdom's setInterval
// lacks; until the emulator takes its timers from node:timers, this suite hands it Node's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
beforeAll(() => void ((globalThis as { setInterval: unknown }).setInterval = require('node:timers').setInterval));

// Rendering a page with TDesign is slow on a shared machine; this bounds a hang, it measures nothing.
jest.setTimeout(60_000);

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator({ seed: true });
});
afterAll(() => emulator.stop());

describe('绑定代表身份', () => {
  it('shows the server\'s message for a wrong code and binds with the right one', async () => {
    const view = await renderPage('packages/delegate/bind/bind', { emulator, openid: 'lu-phone' });
    await view.fire('.bind__input', 'input', { value: 'abcd-efgh' });
    await view.tap('.bind__submit');
    expect(view.text('.bind__error')).toContain('绑定码不正确');

    await view.fire('.bind__input', 'input', { value: 'yztd-2468' });
    await view.tap('.bind__submit');
    expect(view.text()).toContain('您好，陆文静代表');
    await view.tap('.bind__workbench');
    expect(view.navigations).toEqual([{ kind: 'redirectTo', url: '/packages/delegate/workbench/workbench' }]);

    // From now on this WeChat account is the delegate.
    const me = await renderPage('pages/me/me', { emulator, openid: 'lu-phone' });
    expect(me.text()).toContain('代表工作台');
  });

  it('says a used code is used', async () => {
    const view = await renderPage('packages/delegate/bind/bind', { emulator, openid: 'someone-else' });
    await view.fire('.bind__input', 'input', { value: 'YZTD-2468' });
    await view.tap('.bind__submit');
    expect(view.text('.bind__error')).toContain('已被使用');
  });
});
