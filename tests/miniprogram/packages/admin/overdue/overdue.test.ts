import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, draft, ok, STAFF } from '../../../../cloud/messages-fixtures';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('超期留言', () => {
  it('shows messages without a reply beyond the escalation time, with their delegate and wait', async () => {
    const { delegateId } = await boundDelegate(emulator, 'late-delegate', '尤代表');
    const { id } = await ok(emulator.call('late-resident', 'messages.send', draft(delegateId, { title: '没人回复的留言' })));
    await emulator.advanceClock(8 * 24 * 3600_000);
    const view = await renderPage('packages/admin/overdue/overdue', { emulator, openid: STAFF_OPENID });
    expect(view.text()).toContain('没人回复的留言');
    expect(view.text()).toContain('尤代表');
    expect(view.text()).toContain('已等待 8 天');
    await view.tap('.page-state >>> .overdue__row');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/delegate/thread/thread?id=${id}` }]);
  });

  it('a group liaison (not staff) opens a row: the thread shows read-only, phone masked (issue 12, item 6)', async () => {
    const { delegateId, groupId } = await boundDelegate(emulator, 'liaison-delegate', '秦代表');
    await ok(emulator.call(STAFF, 'admin.groups.update', { id: groupId, liaisonOpenid: 'page-liaison' }));
    const { id } = await ok(
      emulator.call('liaison-resident', 'messages.send', draft(delegateId, { title: '联系委员能看到的留言', phone: '13912345678' })),
    );
    await emulator.advanceClock(8 * 24 * 3600_000);
    const list = await renderPage('packages/admin/overdue/overdue', { emulator, openid: 'page-liaison' });
    expect(list.text()).toContain('联系委员能看到的留言');
    expect(list.text()).not.toContain('没人回复的留言');
    await list.tap('.page-state >>> .overdue__row');
    expect(list.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/delegate/thread/thread?id=${id}` }]);

    const thread = await renderPage('packages/delegate/thread/thread', { emulator, openid: 'page-liaison', options: { id } });
    expect(thread.text()).toContain('联系委员能看到的留言');
    expect(thread.text()).not.toContain('留言不存在或您无权查看');
    expect(thread.text()).toContain('139****5678');
    expect(thread.text()).not.toContain('13912345678');
    expect(thread.has('.page-state >>> .thread__read-only')).toBe(true);
    expect(thread.has('.page-state >>> .thread__reply')).toBe(false);
  });
});
