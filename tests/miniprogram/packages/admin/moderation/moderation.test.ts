import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, draft, ok } from '../../../../cloud/messages-fixtures';

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

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
    expect(view.modals.map((m) => m.title)).toEqual(['通过审核']);
    expect(view.toasts).toContain('已通过，已送达');
    expect(view.text()).toContain('没有待审核的内容');
    expect((await ok(emulator.call('mod-delegate', 'messages.inbox', {}))).items.map((m: any) => m.id)).toContain(id);
  });

  it('asks before deciding: a cancelled approval or rejection changes nothing', async () => {
    const { delegateId } = await boundDelegate(emulator, 'mod-delegate-2', '钱代表');
    await ok(emulator.call('mod-resident-2', 'messages.send', draft(delegateId, { body: '加微信领取兼职刷单佣金' })));
    const view = await renderPage('packages/admin/moderation/moderation', { emulator, openid: STAFF_OPENID });
    const before = view.apiCalls.length;
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .moderation__approve');
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .moderation__reject');
    expect(view.modals.map((m) => m.title)).toEqual(['通过审核', '驳回']);
    expect(view.apiCalls.slice(before)).toEqual([]);
    expect(view.text()).toContain('加微信领取兼职刷单佣金');
    expect((await ok(emulator.call('mod-delegate-2', 'messages.inbox', {}))).items).toEqual([]);
  });

  it('rejects only with a reason, kept in the review record', async () => {
    const { delegateId } = await boundDelegate(emulator, 'mod-delegate-3', '孙代表');
    await ok(emulator.call('mod-resident-3', 'messages.send', draft(delegateId, { body: '扫码加群兼职刷单日结' })));
    const view = await renderPage('packages/admin/moderation/moderation', { emulator, openid: STAFF_OPENID });
    // The queue is oldest first: the button taps the first item shown.
    const [shown] = view.texts('.page-state >>> .moderation__text');
    view.answerNextModal({ confirm: true, content: '  ' });
    await view.tap('.page-state >>> .moderation__reject');
    // An empty reason is refused under the field; the dialog stays open and nothing is sent.
    expect(view.text('#yz-confirm >>> .confirm-dialog__error')).toBe('请填写驳回理由');
    expect(view.apiCalls.filter((c) => c.action === 'admin.moderation.reject')).toEqual([]);
    view.answerNextModal({ confirm: true, content: '含兼职刷单引流信息' });
    await view.tap('.page-state >>> .moderation__reject');
    expect(view.toasts).toContain('已驳回');
    const records = await emulator.collection('moderation');
    expect(records.filter((r) => r.status === 'rejected')).toEqual([expect.objectContaining({ reason: '含兼职刷单引流信息' })]);
    expect(collapse(String(records.find((r) => r.status === 'rejected')!.text))).toBe(shown);
  });

  it('is closed to residents', async () => {
    const view = await renderPage('packages/admin/moderation/moderation', { emulator, openid: 'mod-resident' });
    expect(view.text()).toContain('您没有权限');
  });
});
