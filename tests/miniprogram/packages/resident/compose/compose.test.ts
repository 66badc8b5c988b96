import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, ok } from '../../../../cloud/messages-fixtures';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let delegateId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  delegateId = (await boundDelegate(emulator, 'page-delegate', '钱代表')).delegateId;
});
afterAll(() => emulator.stop());

// t-input / t-textarea: the native field inside each. t-upload: its add tile, and one remove button per photo.
const TITLE = '.page-state >>> .compose__title >>> .t-input__control';
const BODY = '.page-state >>> .compose__body >>> .t-textarea__wrapper-inner';
const ADD_PHOTOS = '.page-state >>> .compose__photos >>> .t-upload__add-icon';
const PHOTO_TILES = '.page-state >>> .compose__photos >>> .t-upload__close-btn';

describe('给代表留言', () => {
  it('sends a message to the preselected delegate and opens its thread', async () => {
    const view = await renderPage('packages/resident/compose/compose', {
      emulator,
      openid: 'page-resident',
      options: { delegateId, name: encodeURIComponent('钱代表') },
    });
    expect(view.text()).toContain('致：钱代表');
    await view.tap('.page-state >>> .compose__category-3'); // 环境卫生
    await view.fire(TITLE, 'input', { value: '垃圾桶太少' });
    await view.fire(BODY, 'input', { value: '小区南门附近只有一个垃圾桶，经常满溢。' });
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

  it("shows the server's refusal under the field it names, in Chinese, and clears it on typing (issue 13, item 2)", async () => {
    const view = await renderPage('packages/resident/compose/compose', {
      emulator,
      openid: 'page-resident-short',
      options: { delegateId, name: encodeURIComponent('钱代表') },
    });
    await view.tap('.page-state >>> .compose__category-3');
    await view.fire(TITLE, 'input', { value: '灯' });
    await view.fire(BODY, 'input', { value: '楼道灯坏了。' });
    await view.tap('.page-state >>> .compose__send');
    expect(view.text('.page-state >>> .compose__error--title')).toBe('「标题」至少需要 2 个字');
    expect(view.toasts).toEqual([]);
    expect((await emulator.collection('messages')).some((m: any) => m.residentOpenid === 'page-resident-short')).toBe(false);
    await view.fire(TITLE, 'input', { value: '楼道灯' });
    expect(view.has('.page-state >>> .compose__error--title')).toBe(false);
  });

  it('preselects the delegate from a 代表码 scene', async () => {
    const view = await renderPage('packages/resident/compose/compose', {
      emulator,
      openid: 'page-resident-2',
      options: { scene: encodeURIComponent(`d=${delegateId}`) },
    });
    expect((view.page.data as { delegateId: string }).delegateId).toBe(delegateId);
    expect(view.text()).toContain('致：钱代表');
  });

  it("from a 站点码, lets the resident pick one of that station's delegates and sends to the one picked", async () => {
    const staff = STAFF_OPENID;
    const station = await emulator.call(staff, 'admin.stations.create', { kind: 'station', name: '运河议政站', address: '运河路 1 号' });
    if (!station.ok) throw new Error(station.error.message);
    const group = await emulator.call(staff, 'admin.groups.create', { name: '城乡建设组' });
    if (!group.ok) throw new Error(group.error.message);
    for (const name of ['孙代表', '李代表']) {
      const made = await emulator.call(staff, 'admin.delegates.create', { name, groupId: group.data.id, stationId: station.data.id });
      if (!made.ok) throw new Error(made.error.message);
    }

    const view = await renderPage('packages/resident/compose/compose', {
      emulator,
      openid: 'page-resident-5',
      options: { scene: encodeURIComponent(`s=${station.data.id}`) },
    });
    expect(view.text()).toContain('请选择这个站点的代表');
    expect(view.text()).toContain('致：请先选择代表');
    await view.tap('.page-state >>> .compose__send');
    expect(view.apiCalls.some((c) => c.action === 'messages.send')).toBe(false);

    const names = view.texts('.page-state >>> .compose__delegate').map((t) => t.trim());
    const li = names.findIndex((n) => n.startsWith('李代表'));
    expect(li).toBeGreaterThanOrEqual(0);
    await view.tap(`.page-state >>> .compose__delegate-${li}`);
    expect(view.text()).toContain('致：李代表');
    await view.tap('.page-state >>> .compose__category-0');
    await view.fire(TITLE, 'input', { value: '站点门口积水' });
    await view.fire(BODY, 'input', { value: '下雨后议政站门口积水很深，老人进出不便。' });
    await view.tap('.page-state >>> .compose__send');
    const send = view.apiCalls.find((c) => c.action === 'messages.send');
    expect(send?.result).toMatchObject({ ok: true });
    const [stored] = (await emulator.collection('messages')).filter((m: any) => m.residentOpenid === 'page-resident-5');
    const picked = (await emulator.collection('delegates')).find((d: any) => d.name === '李代表') as { _id: string };
    expect(stored).toMatchObject({ delegateId: picked._id, stationId: station.data.id });
  });

  it('attaches photos: uploaded to storage when picked, sent by file ID, served back unchanged', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'yzt-photos-'));
    const photo = path.join(folder, 'pothole.jpg');
    const bytes = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256));
    fs.writeFileSync(photo, bytes);

    const view = await renderPage('packages/resident/compose/compose', {
      emulator,
      openid: 'page-resident-6',
      options: { delegateId, name: encodeURIComponent('钱代表') },
    });
    await view.tap(ADD_PHOTOS); // the resident closes the picker: nothing changes
    expect(view.has(PHOTO_TILES)).toBe(false);
    view.choosePhotos([photo]);
    await view.tap(ADD_PHOTOS);
    expect(view.page.querySelectorAll(PHOTO_TILES)).toHaveLength(1);

    await view.tap('.page-state >>> .compose__category-0');
    await view.fire(TITLE, 'input', { value: '路面坑洼' });
    await view.fire(BODY, 'input', { value: '菜场门口路面有个大坑，照片附上。' });
    await view.tap('.page-state >>> .compose__send');
    const [stored] = (await emulator.collection('messages')).filter((m: any) => m.residentOpenid === 'page-resident-6') as {
      photos?: string[];
    }[];
    expect(stored.photos).toHaveLength(1);
    // Uploaded into the resident's own folder, the only place the server takes photos from.
    const { uploadFolder } = await ok(emulator.call('page-resident-6', 'me.get', {}));
    expect(stored.photos![0]).toMatch(new RegExp(`^cloud://[^/]+/${uploadFolder}/`));
    const cloudPath = stored.photos![0].replace(/^cloud:\/\/[^/]+\//, '');
    const served = await fetch(`${emulator.url}/_emulator/storage/${cloudPath}`);
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('takes several photos at once; when one fails to upload the others stay, and a photo can be removed (issue 13, item 3)', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'yzt-photos-'));
    const photos = ['a', 'b', 'c', 'd'].map((name, n) => {
      const file = path.join(folder, `${name}.jpg`);
      fs.writeFileSync(file, Buffer.from(Array.from({ length: 512 }, (_, i) => (i * (n + 3)) % 256)));
      return file;
    });
    const view = await renderPage('packages/resident/compose/compose', {
      emulator,
      openid: 'page-resident-9',
      options: { delegateId, name: encodeURIComponent('钱代表') },
    });
    view.choosePhotos([photos[0]]);
    await view.tap(ADD_PHOTOS);
    expect(view.page.querySelectorAll(PHOTO_TILES)).toHaveLength(1);

    view.choosePhotos(photos.slice(1)); // three at once; the first of them is lost on the way
    view.dropNext(1);
    await view.tap(ADD_PHOTOS);
    expect(view.toasts).toContain('1 张照片上传失败，请重新添加');
    expect(view.page.querySelectorAll(PHOTO_TILES)).toHaveLength(3);
    expect(view.has('.page-state >>> .compose__photos >>> .t-upload__progress-mask')).toBe(false); // none left spinning

    await view.tap(`${PHOTO_TILES}`); // removes the first photo
    expect(view.page.querySelectorAll(PHOTO_TILES)).toHaveLength(2);
    expect(view.text('.page-state >>> .compose__body')).toContain('0 / ');

    await view.tap('.page-state >>> .compose__category-0');
    await view.fire(TITLE, 'input', { value: '井盖松动' });
    await view.fire(BODY, 'input', { value: '三号楼前井盖松动，踩上去会响。' });
    await view.tap('.page-state >>> .compose__send');
    const [stored] = (await emulator.collection('messages')).filter((m: any) => m.residentOpenid === 'page-resident-9') as {
      photos?: string[];
    }[];
    expect(stored.photos).toHaveLength(2);
    expect(new Set(stored.photos).size).toBe(2);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('without a delegate, sends the resident to the directory', async () => {
    const view = await renderPage('packages/resident/compose/compose', { emulator, openid: 'page-resident-3' });
    expect(view.text()).toContain('请先选择一位代表');
    await view.tap('.page-state >>> .compose__choose');
    expect(view.navigations).toEqual([{ kind: 'switchTab', url: '/pages/delegates/delegates' }]);
  });

  it("shows the server's message when the text is refused and stays on the page", async () => {
    const view = await renderPage('packages/resident/compose/compose', { emulator, openid: 'page-resident-4', options: { delegateId } });
    view.page.instance.setData({ category: '其他', title: '短', body: '' });
    await view.tap('.page-state >>> .compose__send');
    // A refusal that names a field of the form is shown under it (issue 13, item 2), not in a toast.
    expect(view.has('.page-state >>> .compose__error--title')).toBe(true);
    expect(view.navigations).toEqual([]);
  });

  it('keeps an unsent draft on the phone until it is sent; a send whose answer was lost goes once (issue 13, item 7)', async () => {
    const { delegateId: other } = await boundDelegate(emulator, 'draft-delegate', '孙代表');
    const open = () =>
      renderPage('packages/resident/compose/compose', { emulator, openid: 'draft-resident', options: { delegateId: other } });
    const first = await open();
    await first.tap('.page-state >>> .compose__category-3');
    await first.fire(TITLE, 'input', { value: '楼下烧烤油烟' });
    await first.fire(BODY, 'input', { value: '每天晚上楼下烧烤店油烟很大，窗户都不敢开。' });
    // The answer to the send is lost on the way back: the resident sees a failure and leaves.
    first.loseNextAnswers(2);
    await first.tap('.page-state >>> .compose__send');
    first.detach();

    const again = await open();
    expect(again.toasts).toContain('已恢复您上次未发送的内容');
    expect((again.page.data as { title: string; body: string }).title).toBe('楼下烧烤油烟');
    await again.tap('.page-state >>> .compose__send');
    // The draft's requestId made the second send the same request: one message, not two.
    const mine = (await emulator.collection('messages')).filter((m: any) => m.residentOpenid === 'draft-resident');
    expect(mine).toHaveLength(1);
    again.detach();

    const fresh = await open();
    expect(fresh.toasts).not.toContain('已恢复您上次未发送的内容');
    expect((fresh.page.data as { title: string }).title).toBe('');
  });
});
