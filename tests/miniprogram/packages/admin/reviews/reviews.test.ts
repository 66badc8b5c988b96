import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, ok } from '../../../../cloud/messages-fixtures';

// 专项评议管理 (issue 12, item 4): staff open a review from the form; after its period they publish
// the averages with the 整改事项 (confirmed first; a cancel writes nothing) and mark an item done.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emulator = await startTestEmulator();
  await boundDelegate(emulator, 'page-rv-delegate', '钱评议');
});
afterAll(() => emulator.stop());

describe('专项评议管理', () => {
  it('opens a review, publishes it after its period with rectifications, and tracks one to done', async () => {
    const view = await renderPage('packages/admin/reviews/reviews', { emulator, openid: STAFF_OPENID });
    expect(view.text()).toContain('还没有专项评议');
    await view.tap('.staff-reviews__new');
    await view.fire('.staff-reviews__title', 'change', { value: '街道社会事业科专项评议' });
    await view.fire('.staff-reviews__department', 'change', { value: '街道社会事业科' });
    await view.fire('.staff-reviews__topics', 'change', { value: '养老服务\n社区食堂' });
    await view.tap('.staff-reviews__create');
    expect(view.toasts).toContain('评议已发起');
    const created = view.apiCalls.find((c) => c.action === 'admin.reviews.create')!;
    expect(created.payload).toMatchObject({
      topics: ['养老服务', '社区食堂'],
      criteria: ['工作态度', '办事效率', '整改成效'],
      opensAt: expect.stringMatching(/T00:00:00\+08:00$/),
      closesAt: expect.stringMatching(/T23:59:00\+08:00$/),
    });
    const id = (created.result as { data: { id: string } }).data.id;
    await ok(emulator.call('page-rv-delegate', 'reviews.score', { id, scores: [5, 4, 3] }));

    await emulator.advanceClock(16 * 86400_000);
    const again = await renderPage('packages/admin/reviews/reviews', { emulator, openid: STAFF_OPENID });
    await again.tap(`.page-state >>> .staff-reviews__row--${id} .staff-reviews__details`);
    await again.fire('.page-state >>> .staff-reviews__rectifications', 'change', { value: '食堂增加晚餐供应' });
    again.answerNextModal({ confirm: false });
    await again.tap('.page-state >>> .staff-reviews__publish');
    expect(again.modals.pop()).toMatchObject({ title: '公布评议结果' });
    expect(again.apiCalls.filter((c) => c.action === 'admin.reviews.publish')).toHaveLength(0);
    await again.tap('.page-state >>> .staff-reviews__publish');
    expect(again.toasts).toContain('结果已公布');
    expect(again.text('.page-state')).toContain('结果已公布');

    await again.tap(`.page-state >>> .staff-reviews__row--${id} .staff-reviews__details`);
    await again.tap('.page-state >>> .staff-reviews__item--z1 .staff-reviews__done');
    await again.fire('.page-state >>> .staff-reviews__note', 'change', { value: '下月起试行晚餐供应' });
    await again.tap('.page-state >>> .staff-reviews__note-confirm');
    expect(again.text('.page-state >>> .staff-reviews__item--z1')).toContain('已完成：下月起试行晚餐供应');
    expect(await ok(emulator.call('anyone', 'reviews.get', { id }))).toMatchObject({
      results: { count: 1, delegates: 1, averages: [5, 4, 3] },
      rectifications: [{ status: 'done' }],
    });
  });
});
