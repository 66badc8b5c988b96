import { startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, draft, ok } from '../../../../cloud/messages-fixtures';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('选民留言（代表收件箱）', () => {
  it('shows waiting messages with counts per filter and opens one', async () => {
    const { delegateId } = await boundDelegate(emulator, 'inbox-delegate', '卫代表');
    const first = await ok(emulator.call('inbox-r1', 'messages.send', draft(delegateId, { title: '路面坑洼' })));
    await ok(emulator.call('inbox-r2', 'messages.send', draft(delegateId, { title: '噪音扰民' })));
    await ok(emulator.call('inbox-delegate', 'messages.reply', { id: first.id, body: '已上报' }));

    const view = await renderPage('packages/delegate/inbox/inbox', { emulator, openid: 'inbox-delegate' });
    // TDesign's tabs, each count in its badge (none on an empty filter).
    expect(view.texts('.inbox__tabs >>> .t-tabs__item')).toEqual(['待回复1', '已回复1', '已转办', '已办结']);
    expect(view.text('.page-state')).toContain('噪音扰民');
    expect(view.text('.page-state')).not.toContain('路面坑洼');

    await view.tapText('.inbox__tabs >>> .t-tabs__item', '已回复');
    expect(view.text('.page-state')).toContain('路面坑洼');
    await view.tap('.page-state >>> .inbox__row');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/delegate/thread/thread?id=${first.id}` }]);
  });

  it('keeps its place on return from a thread: as many rows as were shown, brought up to date', async () => {
    const { delegateId } = await boundDelegate(emulator, 'inbox-long', '韩代表');
    const ids: string[] = [];
    for (let i = 1; i <= 25; i += 1) {
      ids.push((await ok(emulator.call(`inbox-long-r${i}`, 'messages.send', draft(delegateId, { title: `第${i}条留言` })))).id);
    }
    const view = await renderPage('packages/delegate/inbox/inbox', { emulator, openid: 'inbox-long' });
    expect(view.texts('.page-state >>> .inbox__title')).toHaveLength(20);
    await view.lifecycle('onReachBottom');
    const before = view.texts('.page-state >>> .inbox__title');
    expect(before).toHaveLength(25);

    // The delegate opens one on the second page, answers it, and comes back: the 24 still waiting
    // are all there in the same order (not only the first 20), the answered one has left 待回复.
    await ok(emulator.call('inbox-long', 'messages.reply', { id: ids[2], body: '收到' }));
    await view.lifecycle('onShow');
    expect(view.texts('.page-state >>> .inbox__title')).toEqual(before.filter((title) => title !== '第3条留言'));
    expect(view.texts('.inbox__tabs >>> .t-tabs__item')[1]).toBe('已回复1');
    expect(view.text('.page-state')).toContain('已显示全部');

    // A new filter starts again at its own first page.
    await view.tapText('.inbox__tabs >>> .t-tabs__item', '已回复');
    expect(view.texts('.page-state >>> .inbox__title')).toEqual(['第3条留言']);
  });

  it('lists notifications WeChat could not deliver (no subscription credit) and opens their thread', async () => {
    const { delegateId } = await boundDelegate(emulator, 'todo-delegate', '杨代表');
    const { id } = await ok(emulator.call('todo-resident', 'messages.send', draft(delegateId, { title: '井盖松动' })));
    const view = await renderPage('packages/delegate/inbox/inbox', { emulator, openid: 'todo-delegate' });
    expect(view.text('.todos')).toContain('待回复：井盖松动');
    expect(view.text('.todos')).toContain('微信通知未能送达');
    await view.tap('.todos >>> .notification-todos__item');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/delegate/thread/thread?id=${id}` }]);
    expect((await ok(emulator.call('todo-delegate', 'notifications.todos', {}))).count).toBe(0);
  });
});
