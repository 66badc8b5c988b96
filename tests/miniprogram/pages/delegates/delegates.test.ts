import { useDemoBackend } from '../../demo-backend';
import { FIRST_SCREEN_BUDGET, renderPage } from '../../../support/miniprogram';

// 代表: the demo directory (5 groups, 9 stations, 70 delegates) browsed as a resident.

const emulator = useDemoBackend();

// t-search: its input (the keyboard's search key fires confirm), its 搜索 action and its clear icon.
const searchBox = '.page-state >>> .delegates__search >>> .t-input__keyword';
const searchButton = '.page-state >>> .delegates__search >>> .t-search__search-action';
const clearButton = '.page-state >>> .delegates__search >>> .t-search__clear';

const rowCount = (view: Awaited<ReturnType<typeof renderPage>>) => (view.page.data as { rows: unknown[] }).rows.length;

describe('代表', () => {
  it('shows the first 20 delegates with their group and station in one first screen, then the next 20', async () => {
    const view = await renderPage('pages/delegates/delegates', { emulator: emulator(), openid: 'demo-resident' });
    expect(rowCount(view)).toBe(20);
    expect(view.text('.page-state >>> .delegates__row')).toMatch(/小组/);
    expect(view.text()).toContain('综合治理');
    expect(view.setDataStats.firstRender.calls).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.calls);
    expect(view.setDataStats.firstRender.bytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.bytes);

    await view.lifecycle('onReachBottom');
    expect(rowCount(view)).toBe(40);
    const ids = (view.page.data as { rows: { id: string }[] }).rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(40);
  });

  it('a next page that fails says so at the foot of the list, and its retry there appends it; the end is said too (issue 13, item 6)', async () => {
    const view = await renderPage('pages/delegates/delegates', { emulator: emulator(), openid: 'demo-resident' });
    view.dropNext(2); // the request and its one retry are lost
    await view.lifecycle('onReachBottom');
    expect(rowCount(view)).toBe(20);
    expect(view.text('.page-state >>> .delegates__more')).toContain('下一页没有加载出来');
    expect(view.toasts).toEqual([]);

    await view.tap('.page-state >>> .delegates__more >>> .list-more__retry');
    expect(rowCount(view)).toBe(40);
    expect(view.has('.page-state >>> .delegates__more >>> .list-more__retry')).toBe(false);
    await view.lifecycle('onReachBottom');
    await view.lifecycle('onReachBottom');
    expect(rowCount(view)).toBe(70);
    expect(view.text('.page-state >>> .delegates__more')).toBe('已显示全部');
  });

  it('narrows by professional group and by name', async () => {
    const view = await renderPage('pages/delegates/delegates', { emulator: emulator(), openid: 'demo-resident' });
    await view.tap('.page-state >>> .delegates__group--g4');
    const rows = (view.page.data as { rows: { meta: string }[] }).rows;
    expect(rows.length).toBe(14);
    expect(rows.every((r) => r.meta.startsWith('城乡建设小组'))).toBe(true);

    await view.tap('.page-state >>> .delegates__group--g4'); // tapping again clears the group
    await view.fire(searchBox, 'confirm', { value: '周建国' }); // the keyboard's search key
    expect(view.text('.page-state >>> .delegates__row')).toContain('周建国');
    expect(rowCount(view)).toBe(1);
  });

  it('searches with a button and clears the search with one tap (issue 13, item 7)', async () => {
    const view = await renderPage('pages/delegates/delegates', { emulator: emulator(), openid: 'demo-resident' });
    const all = rowCount(view);
    await view.fire(searchBox, 'input', { value: '陆文静 ' });
    expect(rowCount(view)).toBe(all); // typing alone does not search
    await view.tap(searchButton);
    expect(rowCount(view)).toBe(1);
    expect(view.text('.page-state >>> .delegates__row')).toContain('陆文静');
    await view.fire(clearButton, 'touchstart');
    expect(rowCount(view)).toBe(all);
    expect(view.has(clearButton)).toBe(false);
    expect((view.page.data as { typed: string; keyword: string }).keyword).toBe('');
  });

  it('emptying the search box by hand shows every delegate again', async () => {
    const view = await renderPage('pages/delegates/delegates', { emulator: emulator(), openid: 'demo-resident' });
    const all = rowCount(view);
    await view.fire(searchBox, 'confirm', { value: '陆文静' });
    expect(rowCount(view)).toBe(1);
    await view.fire(searchBox, 'input', { value: '' });
    expect(rowCount(view)).toBe(all);
  });

  it('a group chip is checked while it filters, and 全部 while none does', async () => {
    const view = await renderPage('pages/delegates/delegates', { emulator: emulator(), openid: 'demo-resident' });
    const checked = () => view.page.querySelectorAll('.page-state >>> .delegates__group').filter((tag) => tag.data.checked);
    expect(checked().map((tag) => tag.data.content)).toEqual(['全部']);
    await view.tap('.page-state >>> .delegates__group--g4');
    expect(checked().map((tag) => tag.data.content)).toEqual(['城乡建设']);
    await view.tap('.page-state >>> .delegates__group--all');
    expect(checked().map((tag) => tag.data.content)).toEqual(['全部']);
    expect(rowCount(view)).toBe(20);
  });

  it('shows a photo or the first character of the name in each avatar', async () => {
    const view = await renderPage('pages/delegates/delegates', { emulator: emulator(), openid: 'demo-resident' });
    const first = (view.page.data as { rows: { name: string; photo: string }[] }).rows[0];
    const avatar = view.page.querySelector('.page-state >>> .delegates__avatar')!;
    if (first.photo) expect(avatar.data.image).toBe(first.photo);
    else expect(view.text('.page-state >>> .delegates__avatar')).toBe(first.name.slice(0, 1));
  });

  it("opens a delegate's profile", async () => {
    const view = await renderPage('pages/delegates/delegates', { emulator: emulator(), openid: 'demo-resident' });
    await view.fire(searchBox, 'confirm', { value: '陆文静' });
    await view.tap('.page-state >>> .delegates__row');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/resident/delegate/delegate?id=d02' }]);
  });
});
