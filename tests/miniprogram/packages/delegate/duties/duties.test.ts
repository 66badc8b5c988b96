import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, ok } from '../../../../cloud/messages-fixtures';

// 履职手册 (issue 12, items 1 and 2): a delegate logs an entry (a field's error under the field first),
// changes and removes it; the year's duty list shows done / required.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const $ = (selector: string) => `.page-state >>> ${selector}`;
// t-upload: its add tile, and one remove button per photo.
const ADD_PHOTOS = $('.duties__upload >>> .t-upload__add-icon');
const PHOTO_TILES = $('.duties__upload >>> .t-upload__close-btn');

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('履职手册', () => {
  it('logs, changes and removes an entry; the duty list counts it', async () => {
    const { delegateId } = await boundDelegate(emulator, 'page-dt-delegate', '杨履职');
    await ok(emulator.call(STAFF_OPENID, 'admin.duties.setTargets', { year, targets: [{ kind: '走访调研', required: 2 }] }));
    const view = await renderPage('packages/delegate/duties/duties', { emulator, openid: 'page-dt-delegate' });
    expect(view.text($('.duties__list'))).toContain('走访调研 0/2');
    expect(view.text()).toContain(`${year} 年还没有记录`);

    await view.tap($('.duties__compose'));
    await view.fire($('.duties__summary'), 'change', { value: '短' });
    await view.tap($('.duties__save'));
    expect(view.text($('.duties__error--kind'))).toBe('请选择履职类型');
    await view.tap($('.duties__kind--1'));
    await view.tap($('.duties__save'));
    // The server's message, with the field's Chinese label, under the field.
    expect(view.text($('.duties__error--summary'))).toContain('「履职内容」至少需要 5 个字');

    await view.fire($('.duties__place'), 'change', { value: '清风社区' });
    await view.fire($('.duties__summary'), 'change', { value: '走访清风社区老旧小区，了解加装电梯的意见。' });
    await view.tap($('.duties__save'));
    expect(view.toasts).toContain('已记录');
    expect(view.text($('.duties__list'))).toContain('走访调研 1/2');
    const [entry] = (await ok(emulator.call('page-dt-delegate', 'duties.mine', { year }))).entries;
    expect(entry).toMatchObject({ kind: '走访调研', place: '清风社区', isPublic: true });
    expect(view.text($(`.duties__entry--${entry.id}`))).toContain('加装电梯');
    const logged = view.apiCalls.find((c) => c.action === 'duties.log' && (c.result as { ok: boolean }).ok)!;
    expect(logged.payload).toMatchObject({ requestId: expect.any(String) });

    await view.tap($(`.duties__entry--${entry.id} .duties__edit`));
    await view.tap($('.duties__kind--0'));
    await view.fire($('.duties__public-switch'), 'change', { value: false });
    await view.tap($('.duties__save'));
    expect(view.toasts).toContain('已保存');
    expect((await ok(emulator.call('page-dt-delegate', 'duties.mine', { year }))).entries[0]).toMatchObject({
      kind: '接待选民',
      isPublic: false,
    });
    expect(view.text($(`.duties__entry--${entry.id}`))).toContain('不公开');

    await view.tap($(`.duties__entry--${entry.id} .duties__delete`));
    expect(view.modals.map((m) => m.title)).toContain('删除履职记录');
    expect((await ok(emulator.call('page-dt-delegate', 'duties.mine', { year }))).entries).toEqual([]);
    expect(view.has($(`.duties__entry--${entry.id}`))).toBe(false);

    await view.tap($('.duties__report'));
    expect(view.navigations).toEqual([
      { kind: 'navigateTo', url: `/packages/resident/report/report?delegateId=${delegateId}&year=${year}` },
    ]);
  });

  it('logs an entry with photos picked at once; changing it shows them, and a removed one is dropped', async () => {
    await boundDelegate(emulator, 'page-dt-photos', '林照片');
    const view = await renderPage('packages/delegate/duties/duties', { emulator, openid: 'page-dt-photos' });
    await view.tap($('.duties__compose'));
    await view.tap($('.duties__kind--1'));
    await view.fire($('.duties__summary'), 'change', { value: '走访清风社区加装电梯工地，拍下施工现场。' });
    const photo = (name: string) => require.resolve(`../../../../../miniprogram/images/tab/${name}.png`);
    view.choosePhotos([photo('home'), photo('me')]);
    await view.tap(ADD_PHOTOS);
    expect(view.page.querySelectorAll(PHOTO_TILES)).toHaveLength(2);
    await view.tap($('.duties__save'));
    expect(view.toasts).toContain('已记录');
    const [entry] = (await ok(emulator.call('page-dt-photos', 'duties.mine', { year }))).entries;
    expect(entry.photos).toHaveLength(2);

    await view.tap($(`.duties__entry--${entry.id} .duties__edit`));
    expect(view.page.querySelectorAll(PHOTO_TILES)).toHaveLength(2);
    await view.tap(PHOTO_TILES); // the first photo goes
    await view.tap($('.duties__save'));
    expect(view.toasts).toContain('已保存');
    const [changed] = (await ok(emulator.call('page-dt-photos', 'duties.mine', { year }))).entries;
    expect(changed.photos).toEqual([entry.photos[1]]);
    // A new entry starts without the photos of the one changed before.
    await view.tap($('.duties__compose'));
    expect(view.has(PHOTO_TILES)).toBe(false);
  });

  it('tells someone who is not a delegate so, with the error state', async () => {
    const view = await renderPage('packages/delegate/duties/duties', { emulator, openid: 'page-dt-resident' });
    expect(view.text()).toContain('只有人大代表有履职手册');
  });
});
