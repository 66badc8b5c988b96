import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, draft, ok } from '../../../../cloud/messages-fixtures';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('内容审核', () => {
  it('lists held texts; approving one delivers it to the delegate', async () => {
    const { delegateId } = await boundDelegate(emulator, 'mod-delegate', '秦代表');
    const { id } = await ok(emulator.call('mod-resident', 'messages.send', draft(delegateId, { body: '楼下有人兼职刷单拉人，加微信' })));
    const view = await renderPage('packages/admin/moderation/moderation', { emulator, openid: STAFF_OPENID });
    expect(view.text()).toContain('新留言');
    expect(view.text()).toContain('兼职刷单');
    await view.tap('.page-state >>> .moderation__approve');
    expect(view.toasts).toContain('已通过，已送达');
    expect(view.text()).toContain('没有待审核的内容');
    expect((await ok(emulator.call('mod-delegate', 'messages.inbox', {}))).items.map((m: any) => m.id)).toContain(id);
  });

  it('is closed to residents', async () => {
    const view = await renderPage('packages/admin/moderation/moderation', { emulator, openid: 'mod-resident' });
    expect(view.text()).toContain('您没有权限');
  });
});
