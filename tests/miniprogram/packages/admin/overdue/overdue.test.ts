import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, draft, ok } from '../../../../cloud/messages-fixtures';

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
});
