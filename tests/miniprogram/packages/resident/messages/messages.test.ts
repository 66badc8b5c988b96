import { startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, draft, ok } from '../../../../cloud/messages-fixtures';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('我的留言', () => {
  it('lists only my messages with their status and opens one', async () => {
    const { delegateId } = await boundDelegate(emulator, 'list-delegate', '冯代表');
    const { id } = await ok(emulator.call('list-resident', 'messages.send', draft(delegateId, { title: '我的留言一' })));
    await ok(emulator.call('other-resident', 'messages.send', draft(delegateId, { title: '别人的留言' })));
    await ok(emulator.call('list-delegate', 'messages.reply', { id, body: '收到' }));

    const view = await renderPage('packages/resident/messages/messages', { emulator, openid: 'list-resident' });
    expect(view.text()).toContain('我的留言一');
    expect(view.text('.page-state >>> .my-messages__status')).toBe('已回复');
    expect(view.page.querySelector('.page-state >>> .my-messages__status')?.data.theme).toBe('primary'); // a t-tag themed by status
    expect(view.text()).not.toContain('别人的留言');
    expect(view.setDataStats.firstRender.calls).toBeLessThanOrEqual(2);
    await view.tap('.page-state >>> .my-messages__row');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/resident/thread/thread?id=${id}` }]);
  });

  it('says so when there is nothing yet', async () => {
    const view = await renderPage('packages/resident/messages/messages', { emulator, openid: 'list-nobody' });
    expect(view.text()).toContain('您还没有给代表留过言');
    await view.tap('.page-state >>> .my-messages__write');
    expect(view.navigations).toEqual([{ kind: 'switchTab', url: '/pages/delegates/delegates' }]);
  });
});
