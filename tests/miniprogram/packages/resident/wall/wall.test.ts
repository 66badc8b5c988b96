import { startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, draft, ok } from '../../../../cloud/messages-fixtures';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('留言墙', () => {
  it('shows resolved messages their writers made public, with the answer and without who wrote them', async () => {
    const { delegateId } = await boundDelegate(emulator, 'wall-delegate', '朱代表');
    const shown = await ok(
      emulator.call('wall-resident', 'messages.send', draft(delegateId, { title: '公开的留言', isPublic: true, phone: '13800000000' })),
    );
    const hidden = await ok(emulator.call('wall-resident', 'messages.send', draft(delegateId, { title: '不公开的留言' })));
    for (const { id } of [shown, hidden]) {
      await ok(emulator.call('wall-delegate', 'messages.reply', { id, body: '正在协调' }));
      await ok(emulator.call('wall-delegate', 'messages.transition', { id, to: 'resolved', note: '已经解决' }));
    }

    const view = await renderPage('packages/resident/wall/wall', { emulator, openid: 'wall-visitor' });
    expect(view.text()).toContain('公开的留言');
    expect(view.text()).toContain('答复：已经解决');
    expect(view.text()).not.toContain('不公开的留言');
    expect(JSON.stringify(view.page.data)).not.toContain('wall-resident');
    expect(JSON.stringify(view.page.data)).not.toContain('13800000000');
  });
});
