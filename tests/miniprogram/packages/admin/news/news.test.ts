import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { ok } from '../../../../cloud/messages-fixtures';

// 履职动态管理 (issue 12, item 5): staff post the committee's news with a photo and take it down again.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('履职动态管理', () => {
  it('posts news with a photo (a field’s error under it first), shows it, and takes it down', async () => {
    const view = await renderPage('packages/admin/news/news', { emulator, openid: STAFF_OPENID });
    expect(view.text()).toContain('还没有履职动态');
    await view.fire('.page-state >>> .news__title', 'change', { value: '代表' });
    await view.fire('.page-state >>> .news__body', 'change', { value: '五位代表走进清风社区，听取居民对加装电梯的意见。' });
    await view.tap('.page-state >>> .news__post');
    expect(view.text('.page-state >>> .news__title')).toContain('「标题」至少需要 4 个字');

    await view.fire('.page-state >>> .news__title', 'change', { value: '代表走进清风社区' });
    view.choosePhotos([require.resolve('../../../../../miniprogram/images/tab/home.png')]);
    await view.tap('.page-state >>> .news__photo-add');
    await view.tap('.page-state >>> .news__post');
    expect(view.toasts).toContain('已发布');
    const [item] = (await ok(emulator.call('anyone', 'duties.feed', {}))).items;
    expect(item).toMatchObject({ type: 'news', title: '代表走进清风社区', photos: [expect.stringMatching(/^cloud:\/\//)] });
    expect(view.text(`.page-state >>> .news__row--${item.id}`)).toContain('代表走进清风社区');

    await view.tap(`.page-state >>> .news__row--${item.id} .news__remove`);
    expect(view.toasts).toContain('已撤下');
    expect((await ok(emulator.call('anyone', 'duties.feed', {}))).items).toEqual([]);
  });
});
