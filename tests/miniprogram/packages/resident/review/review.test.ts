import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { ok } from '../../../../cloud/messages-fixtures';

// 专项评议 (issue 12, item 4): a resident verifies their number in one tap, scores each criterion and
// comments; the page then says they took part. The list shows the street's reviews.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let id: string;
beforeAll(async () => {
  emulator = await startTestEmulator();
  id = (
    await ok(
      emulator.call(STAFF_OPENID, 'admin.reviews.create', {
        title: '街道城管科专项评议',
        department: '街道城管科',
        topics: ['占道经营整治'],
        criteria: ['工作态度', '办事效率'],
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
      }),
    )
  ).id;
});
afterAll(() => emulator.stop());

describe('专项评议', () => {
  it('the list opens a review', async () => {
    const list = await renderPage('packages/resident/reviews/reviews', { emulator, openid: 'page-rv-reader' });
    expect(list.text('.page-state')).toContain('街道城管科专项评议');
    expect(list.text('.page-state')).toContain('评议中');
    await list.tap(`.page-state >>> .reviews__row--${id}`);
    expect(list.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/resident/review/review?id=${id}` }]);
  });

  it('verifies the number, scores every criterion with a comment, and shows that it is done', async () => {
    const view = await renderPage('packages/resident/review/review', { emulator, openid: 'page-rv-resident', options: { id } });
    expect(view.has('.page-state >>> .review__form')).toBe(false);
    await view.sharePhone('.page-state >>> .review__verify', '13600001122');
    expect(view.has('.page-state >>> .review__form')).toBe(true);

    await view.fire('.page-state >>> .review__rate--0', 'change', { value: 4 });
    await view.tap('.page-state >>> .review__submit');
    expect(view.toasts).toContain('请为“办事效率”打分');
    expect(view.apiCalls.filter((c) => c.action === 'reviews.score')).toHaveLength(0);

    await view.fire('.page-state >>> .review__rate--1', 'change', { value: 2 });
    await view.fire('.page-state >>> .review__comment', 'change', { value: '窗口办事排队太久' });
    await view.tap('.page-state >>> .review__submit');
    const sent = view.apiCalls.find((c) => c.action === 'reviews.score')!;
    expect(sent.payload).toEqual({ id, scores: [4, 2], comment: '窗口办事排队太久', requestId: expect.any(String) });
    expect(view.toasts).toContain('感谢参加评议');
    expect(view.text('.page-state >>> .review__scored')).toMatch(/您已于\d{4}年\d{1,2}月\d{1,2}日参加本次评议/);
    expect(view.has('.page-state >>> .review__form')).toBe(false);
    const comments = await ok(emulator.call(STAFF_OPENID, 'admin.reviews.comments', { id }));
    expect(comments.items.map((c: { text: string }) => c.text)).toEqual(['窗口办事排队太久']);
  });
});
