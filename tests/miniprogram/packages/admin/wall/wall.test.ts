import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, draft, ok } from '../../../../cloud/messages-fixtures';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  // This street reviews public messages before they appear on the wall.
  emulator = await startTestEmulator({ env: { WALL_REVIEW: 'on' } });
});
afterAll(() => emulator.stop());

async function resolvedPublic(resident: string, title: string): Promise<string> {
  const { delegateId } = await boundDelegate(emulator, `${resident}-delegate`, '蒋代表');
  const { id } = await ok(emulator.call(resident, 'messages.send', draft(delegateId, { isPublic: true, title })));
  await ok(emulator.call(`${resident}-delegate`, 'messages.reply', { id, body: '已经协调解决。' }));
  await ok(emulator.call(`${resident}-delegate`, 'messages.transition', { id, to: 'resolved', note: '已解决。' }));
  return id;
}
const onWall = async (id: string) => (await ok(emulator.call('passer-by', 'messages.wall', {}))).items.some((w: any) => w.id === id);

describe('留言墙管理', () => {
  it('staff approve a waiting message onto the wall, then take it down with a reason', async () => {
    const id = await resolvedPublic('wa-resident', '菜场门口积水');
    expect(await onWall(id)).toBe(false);

    const view = await renderPage('packages/admin/wall/wall', { emulator, openid: STAFF_OPENID });
    expect(view.text()).toContain('菜场门口积水');
    expect(view.text()).toContain('代表答复：已解决');
    await view.tap('.page-state >>> .adm-wall__show');
    expect(view.toasts).toContain('已展示');
    expect(await onWall(id)).toBe(true);
    expect(view.text()).toContain('没有待审核的公开留言');

    await view.tapText('.adm-wall__filters >>> .t-tabs__item', '已展示');
    expect(view.text()).toContain('菜场门口积水');
    // Cancelling the reason takes nothing down; a reason does, and the writer sees it was taken down.
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .adm-wall__hide');
    expect(await onWall(id)).toBe(true);
    view.answerNextModal({ confirm: true, content: '涉及他人隐私' });
    await view.tap('.page-state >>> .adm-wall__hide');
    expect(view.toasts).toContain('已撤下');
    expect(await onWall(id)).toBe(false);
    expect((await ok(emulator.call('wa-resident', 'messages.get', { id }))).wall).toBe('hidden');

    await view.tapText('.adm-wall__filters >>> .t-tabs__item', '已撤下');
    expect(view.text()).toContain('撤下理由：涉及他人隐私');
  });

  it('is closed to residents', async () => {
    const view = await renderPage('packages/admin/wall/wall', { emulator, openid: 'wa-someone' });
    expect(view.text()).toContain('您没有权限');
  });
});
