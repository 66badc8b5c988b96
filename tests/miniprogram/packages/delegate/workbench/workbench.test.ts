import { startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, draft, ok } from '../../../../cloud/messages-fixtures';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('代表工作台', () => {
  it('asks someone who is not a delegate to bind first, and takes them there', async () => {
    const view = await renderPage('packages/delegate/workbench/workbench', { emulator, openid: 'workbench-resident' });

    expect(view.apiCalls.map((call) => call.action)).toEqual(['me.get']);
    expect(view.text('.page-state')).toContain('您还不是代表');
    await view.tap('.page-state >>> .workbench__bind');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/delegate/bind/bind' }]);
  });

  it('badges the inbox with the count waiting for a reply, and none when nothing waits', async () => {
    const { delegateId } = await boundDelegate(emulator, 'workbench-delegate', '褚代表');
    let view = await renderPage('packages/delegate/workbench/workbench', { emulator, openid: 'workbench-delegate' });
    expect(view.has('.page-state >>> .workbench__pending')).toBe(false);
    await ok(emulator.call('workbench-r1', 'messages.send', draft(delegateId)));
    await ok(emulator.call('workbench-r2', 'messages.send', draft(delegateId)));
    view = await renderPage('packages/delegate/workbench/workbench', { emulator, openid: 'workbench-delegate' });
    expect(view.text('.page-state >>> .workbench__pending')).toBe('2');
    await view.tap('.page-state >>> .workbench__inbox');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/delegate/inbox/inbox' }]);
  });

  it('shows the server message and recovers on 重新加载', async () => {
    const view = await renderPage('packages/delegate/workbench/workbench', { emulator, openid: 'workbench-resident', online: false });
    expect(view.text('.page-state')).toContain('网络不给力');

    view.setOnline(true);
    await view.tap('.page-state >>> .page-state__retry');
    expect(view.text('.page-state')).toContain('您还不是代表');
  });
});
