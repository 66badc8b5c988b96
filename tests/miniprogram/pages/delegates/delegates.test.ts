import { FIRST_SCREEN_BUDGET, renderPage } from '../../../support/miniprogram';

// The directory capability replaces this empty state with the delegate list; until then the tab must
// still read as a deliberate page, not a blank one.
describe('代表 (empty state)', () => {
  it('explains that the directory is coming and points to the stations, within the first-screen budget', async () => {
    const view = await renderPage('pages/delegates/delegates');

    expect(view.text('.page-state')).toContain('代表名录正在整理中');
    expect(view.setDataStats.firstRender.calls).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.calls);
    expect(view.setDataStats.firstRender.bytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.bytes);

    await view.tap('.delegates__stations');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/resident/stations/stations' }]);
  });
});
