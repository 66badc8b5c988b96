import { startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate } from '../../../../cloud/messages-fixtures';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let delegateId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  delegateId = (await boundDelegate(emulator, 'page-delegate', '钱代表')).delegateId;
});
afterAll(() => emulator.stop());

describe('给代表留言', () => {
  it('sends a message to the preselected delegate and opens its thread', async () => {
    const view = await renderPage('packages/resident/compose/compose', { emulator, openid: 'page-resident', options: { delegateId, name: encodeURIComponent('钱代表') } });
    expect(view.text()).toContain('致：钱代表');
    await view.tap('.page-state >>> .compose__category-3'); // 环境卫生
    await view.fire('.page-state >>> .compose__title', 'input', { value: '垃圾桶太少' });
    await view.fire('.page-state >>> .compose__body', 'input', { value: '小区南门附近只有一个垃圾桶，经常满溢。' });
    expect(view.text()).toContain('5/40');
    await view.tap('.page-state >>> .compose__send');

    const send = view.apiCalls.find((c) => c.action === 'messages.send');
    expect(send?.result).toMatchObject({ ok: true, data: { status: 'pending' } });
    const id = (send!.result as { data: { id: string } }).data.id;
    expect(view.navigations).toContainEqual({ kind: 'redirectTo', url: `/packages/resident/thread/thread?id=${id}` });
    const stored = (await emulator.collection('messages')).filter((m: any) => m.residentOpenid === 'page-resident');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ delegateId, category: '环境卫生', title: '垃圾桶太少' });
  });

  it('preselects the delegate from a 代表码 scene', async () => {
    const view = await renderPage('packages/resident/compose/compose', { emulator, openid: 'page-resident-2', options: { scene: encodeURIComponent(`d=${delegateId}`) } });
    expect((view.page.data as { delegateId: string }).delegateId).toBe(delegateId);
    expect(view.text()).toContain('致：钱代表');
  });

  it('without a delegate, sends the resident to the directory', async () => {
    const view = await renderPage('packages/resident/compose/compose', { emulator, openid: 'page-resident-3' });
    expect(view.text()).toContain('请先选择一位代表');
    await view.tap('.page-state >>> .compose__choose');
    expect(view.navigations).toEqual([{ kind: 'switchTab', url: '/pages/delegates/delegates' }]);
  });

  it('shows the server\'s message when the text is refused and stays on the page', async () => {
    const view = await renderPage('packages/resident/compose/compose', { emulator, openid: 'page-resident-4', options: { delegateId } });
    view.page.instance.setData({ category: '其他', title: '短', body: '' });
    await view.tap('.page-state >>> .compose__send');
    expect(view.toasts.length).toBe(1);
    expect(view.navigations).toEqual([]);
  });
});
