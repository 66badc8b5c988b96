import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, ok } from '../../../../cloud/messages-fixtures';

// 我的建议 (issue 12, item 3): a delegate files a suggestion with a co-signer; a field's error shows under it.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('我的建议', () => {
  it('files a suggestion with a co-signer, showing a field’s error under the field first', async () => {
    await boundDelegate(emulator, 'page-sg-author', '陈建议');
    const { delegateId: coSigner } = await boundDelegate(emulator, 'page-sg-cosigner', '林联名');
    const view = await renderPage('packages/delegate/suggestions/suggestions', { emulator, openid: 'page-sg-author' });
    expect(view.text()).toContain('还没有提出或联名的建议');

    await view.tap('.my-suggestions__compose');
    await view.fire('.my-suggestions__title', 'change', { value: '短' });
    await view.fire('.my-suggestions__body', 'change', { value: '幸福里等三个老旧小区电动自行车充电难，建议增设集中充电桩。' });
    await view.tap('.my-suggestions__submit');
    expect(view.text('.my-suggestions__error--category')).toBe('请选择建议类别');
    await view.tap('.my-suggestions__chip--0');
    await view.tap(`.my-suggestions__cosigner--${coSigner}`);
    await view.tap('.my-suggestions__submit');
    // The server's message, with the field's Chinese label, under the title.
    expect(view.text('.my-suggestions__title')).toContain('「标题」至少需要 4 个字');
    expect(view.apiCalls.filter((c) => c.action === 'suggestions.submit').map((c) => (c.result as { ok: boolean }).ok)).toEqual([false]);

    await view.fire('.my-suggestions__title', 'change', { value: '增设老旧小区充电桩' });
    await view.tap('.my-suggestions__submit');
    expect(view.toasts).toContain('建议已提交');
    expect(view.text('.page-state')).toContain('增设老旧小区充电桩');
    expect(view.text('.page-state')).toContain('待交办');
    const sent = view.apiCalls.filter((c) => c.action === 'suggestions.submit').pop()!;
    expect(sent.payload).toMatchObject({ category: '城市建设', coSigners: [coSigner], requestId: expect.any(String) });
    // The co-signer sees it among theirs; staff see it waiting to be assigned.
    expect((await ok(emulator.call('page-sg-cosigner', 'suggestions.mine', {}))).items).toHaveLength(1);
    expect((await ok(emulator.call(STAFF_OPENID, 'admin.suggestions.list', { status: 'submitted' }))).items).toHaveLength(1);
  });
});
