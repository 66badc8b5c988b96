import { FIRST_SCREEN_BUDGET, renderPage } from '../../../support/miniprogram';

// The voting capability replaces this empty state with the campaigns.
describe('投票 (empty state)', () => {
  it('says no vote is open and explains how projects are chosen, within the first-screen budget', async () => {
    const view = await renderPage('pages/voting/voting');

    expect(view.text('.page-state')).toContain('目前没有正在进行的投票');
    expect(view.setDataStats.firstRender.calls).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.calls);
    expect(view.setDataStats.firstRender.bytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.bytes);

    await view.tap('.voting__about');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/resident/about/about' }]);
    expect(view.toasts).toEqual([]);
  });
});
