import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { ok } from '../../../../cloud/messages-fixtures';

// 履职动态管理 (issue 12, item 5): staff post the committee's news with photos (t-upload, issue 13
// item 3) and take it down again.

// t-upload: its add tile, and one remove button per photo.
const ADD_PHOTOS = '.page-state >>> .news__photos >>> .t-upload__add-icon';
const PHOTO_TILES = '.page-state >>> .news__photos >>> .t-upload__close-btn';

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
    await view.tap(ADD_PHOTOS);
    expect(view.page.querySelectorAll(PHOTO_TILES)).toHaveLength(1);
    await view.tap('.page-state >>> .news__post');
    expect(view.toasts).toContain('已发布');
    const [item] = (await ok(emulator.call('anyone', 'duties.feed', {}))).items;
    expect(item).toMatchObject({ type: 'news', title: '代表走进清风社区', photos: [expect.stringMatching(/^cloud:\/\//)] });
    expect(view.text(`.page-state >>> .news__row--${item.id}`)).toContain('代表走进清风社区');

    await view.tap(`.page-state >>> .news__row--${item.id} .news__remove`);
    expect(view.toasts).toContain('已撤下');
    expect((await ok(emulator.call('anyone', 'duties.feed', {}))).items).toEqual([]);
  });

  it('takes several photos at once; when one fails to upload the others stay and are posted', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'yzt-news-'));
    const photos = ['a', 'b', 'c', 'd'].map((name, n) => {
      const file = path.join(folder, `${name}.jpg`);
      fs.writeFileSync(file, Buffer.from(Array.from({ length: 512 }, (_, i) => (i * (n + 5)) % 256)));
      return file;
    });
    const view = await renderPage('packages/admin/news/news', { emulator, openid: STAFF_OPENID });
    view.choosePhotos(photos.slice(0, 3)); // three at once; the first of them is lost on the way
    view.dropNext(1);
    await view.tap(ADD_PHOTOS);
    expect(view.toasts).toContain('1 张照片上传失败，请重新添加');
    expect(view.page.querySelectorAll(PHOTO_TILES)).toHaveLength(2);
    expect(view.has('.page-state >>> .news__photos >>> .t-upload__progress-mask')).toBe(false); // none left spinning

    view.choosePhotos([photos[3]]); // the staff member adds one more, then removes the first
    await view.tap(ADD_PHOTOS);
    expect(view.page.querySelectorAll(PHOTO_TILES)).toHaveLength(3);
    await view.tap(PHOTO_TILES);
    expect(view.page.querySelectorAll(PHOTO_TILES)).toHaveLength(2);

    await view.fire('.page-state >>> .news__title', 'change', { value: '代表视察加装电梯工地' });
    await view.fire('.page-state >>> .news__body', 'change', { value: '代表们查看了清风社区三个加装电梯工地的进度。' });
    await view.tap('.page-state >>> .news__post');
    expect(view.toasts).toContain('已发布');
    const [item] = (await ok(emulator.call('anyone', 'duties.feed', {}))).items;
    expect(item.title).toBe('代表视察加装电梯工地');
    expect(item.photos).toHaveLength(2);
    expect(new Set(item.photos).size).toBe(2);
    // The form starts empty again for the next post.
    expect(view.has(PHOTO_TILES)).toBe(false);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
