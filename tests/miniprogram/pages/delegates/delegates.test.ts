import { startTestEmulator } from '../../../support/emulator';
import { FIRST_SCREEN_BUDGET, renderPage } from '../../../support/miniprogram';

// 代表: the demo directory (5 groups, 9 stations, 70 delegates) browsed as a resident.

// Workaround: the emulator's database calls unref() on an interval timer, which jsdom's setInterval
// lacks; until the emulator takes its timers from node:timers, this suite hands it Node's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
beforeAll(() => void ((globalThis as { setInterval: unknown }).setInterval = require('node:timers').setInterval));

// Rendering a page with TDesign is slow on a shared machine; this bounds a hang, it measures nothing.
jest.setTimeout(60_000);

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator({ seed: true });
});
afterAll(() => emulator.stop());

const rowCount = (view: Awaited<ReturnType<typeof renderPage>>) => (view.page.data as { rows: unknown[] }).rows.length;

describe('代表', () => {
  it('shows the first 20 delegates with their group and station in one first screen, then the next 20', async () => {
    const view = await renderPage('pages/delegates/delegates', { emulator, openid: 'demo-resident' });
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

  it('narrows by professional group and by name', async () => {
    const view = await renderPage('pages/delegates/delegates', { emulator, openid: 'demo-resident' });
    await view.tap('.page-state >>> .delegates__group--g4');
    const rows = (view.page.data as { rows: { meta: string }[] }).rows;
    expect(rows.length).toBe(14);
    expect(rows.every((r) => r.meta.startsWith('城乡建设小组'))).toBe(true);

    await view.tap('.page-state >>> .delegates__group--g4'); // tapping again clears the group
    await view.fire('.page-state >>> .delegates__search', 'confirm', { value: '周建国' });
    expect(view.text('.page-state >>> .delegates__row')).toContain('周建国');
    expect(rowCount(view)).toBe(1);
  });

  it('opens a delegate\'s profile', async () => {
    const view = await renderPage('pages/delegates/delegates', { emulator, openid: 'demo-resident' });
    await view.fire('.page-state >>> .delegates__search', 'confirm', { value: '陆文静' });
    await view.tap('.page-state >>> .delegates__row');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/resident/delegate/delegate?id=d02' }]);
  });
});
