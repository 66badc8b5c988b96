import { startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, draft, ok } from '../../../../cloud/messages-fixtures';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let delegateId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  delegateId = (await boundDelegate(emulator, 'dt-delegate', '蒋代表')).delegateId;
});
afterAll(() => emulator.stop());

describe('处理留言（代表）', () => {
  it('replies, forwards, and resolves; the resident sees each step', async () => {
    const { id } = await ok(emulator.call('dt-resident', 'messages.send', draft(delegateId, { title: '路灯不亮', phone: '13700001234' })));
    const view = await renderPage('packages/delegate/thread/thread', { emulator, openid: 'dt-delegate', options: { id } });
    expect(view.text()).toContain('路灯不亮');
    expect(view.text()).toContain('13700001234');

    await view.fire('.page-state >>> .thread__draft', 'change', { value: '收到，我去看看。' });
    await view.tap('.page-state >>> .thread__reply');
    expect((await ok(emulator.call('dt-resident', 'messages.get', { id }))).status).toBe('replied');

    await view.fire('.page-state >>> .thread__department', 'change', { value: '城管科' });
    await view.tap('.page-state >>> .thread__forward-button');
    expect((await ok(emulator.call('dt-resident', 'messages.get', { id }))).status).toBe('forwarded');

    // 办结 asks first; cancelling leaves the message as it was.
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .thread__resolve');
    expect(view.modals.map((m) => m.title)).toEqual(['标记办结']);
    expect((await ok(emulator.call('dt-resident', 'messages.get', { id }))).status).toBe('forwarded');
    await view.tap('.page-state >>> .thread__resolve');
    const seen = await ok(emulator.call('dt-resident', 'messages.get', { id }));
    expect(seen.status).toBe('resolved');
    expect(seen.thread.map((e: any) => e.kind)).toEqual(['reply', 'forward', 'resolve']);
    expect(view.text()).toContain('已办结');
    // The delegate sees the same way so far as the resident, every step reached.
    const steps = view.page.querySelectorAll('.page-state >>> .message-thread__step').map((step) => (step.data as { title: string }).title);
    expect(steps).toEqual(['待回复', '已回复', '转办', '办结']);
    expect((view.page.querySelector('.page-state >>> .message-thread__steps')!.data as { current: number }).current).toBe(4);
  });

  it("calls the resident's number, landline included, with one tap (issue 13, item 8)", async () => {
    const dialled = jest.fn();
    (globalThis as unknown as { wx: { makePhoneCall: (options: { phoneNumber: string }) => void } }).wx.makePhoneCall = (options) =>
      dialled(options.phoneNumber);
    const { id } = await ok(emulator.call('dt-caller', 'messages.send', draft(delegateId, { title: '请回电', phone: '0519-88812301' })));
    const view = await renderPage('packages/delegate/thread/thread', { emulator, openid: 'dt-delegate', options: { id } });
    await view.tap('.page-state >>> .thread__message >>> .message-thread__call');
    expect(dialled).toHaveBeenCalledWith('051988812301');
  });

  it('another delegate cannot open it', async () => {
    await boundDelegate(emulator, 'dt-other', '沈代表');
    const { id } = await ok(emulator.call('dt-resident', 'messages.send', draft(delegateId)));
    const view = await renderPage('packages/delegate/thread/thread', { emulator, openid: 'dt-other', options: { id } });
    expect(view.text()).toContain('留言不存在或您无权查看');
  });
});
