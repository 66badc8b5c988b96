import { gatewayCaller } from '../../voting-backend';
import { useDemoBackend } from '../../demo-backend';
import { FIRST_SCREEN_BUDGET, renderPage } from '../../../support/miniprogram';
import { startTestEmulator } from '../../../support/emulator';
import { openCampaign } from '../../../cloud/voting-fixtures';

// 投票 tab: the campaigns from the real backend, or the empty state when there are none.

const backend = useDemoBackend();

describe('投票', () => {
  it('says no vote is open and explains how projects are chosen when there is no campaign', async () => {
    // The demo street has a vote, so this one runs on a street without any.
    const empty = await startTestEmulator();
    try {
      const view = await renderPage('pages/voting/voting', { emulator: gatewayCaller(empty) });
      expect(view.text('.page-state')).toContain('目前没有正在进行的投票');
      await view.tap('.voting__about');
      expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/resident/about/about' }]);
    } finally {
      await empty.stop();
    }
  });

  it('lists open campaigns within the first-screen budget and opens one to vote', async () => {
    const emulator = gatewayCaller(backend());
    const { id } = await openCampaign(emulator, { title: '2027 年民生实事意向投票' });
    const view = await renderPage('pages/voting/voting', { emulator, openid: 'tab-resident' });
    expect(view.text()).toContain('2027 年民生实事意向投票');
    expect(view.text()).toContain('投票中');
    expect(view.text()).toContain('4 个候选项目');
    expect(view.setDataStats.firstRender.calls).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.calls);
    expect(view.setDataStats.firstRender.bytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.bytes);
    await view.tap(`.page-state >>> .voting__campaign--${id}`);
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/resident/campaign/campaign?id=${id}` }]);
  });

  it('shows the server error and recovers on retry when the network drops', async () => {
    const emulator = gatewayCaller(backend());
    const view = await renderPage('pages/voting/voting', { emulator, online: false });
    expect(view.text()).toContain('网络不给力');
    view.setOnline(true);
    await view.tap('.page-state >>> .page-state__retry');
    expect(view.text()).toContain('投票中');
  });
});
