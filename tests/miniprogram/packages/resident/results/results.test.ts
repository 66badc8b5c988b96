import { gatewayCaller } from '../../../voting-backend';
import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';
import { EARLY_CLOSE, ok, openCampaign, STAFF } from '../../../../cloud/voting-fixtures';

// 投票结果: the ranked bar chart from the real backend, and what residents see before results are visible.

const backend = useDemoBackend();

describe('投票结果', () => {
  it('says results come after closing and checking, draws the ranked bars once published, and offers the open data', async () => {
    const emulator = gatewayCaller(backend());
    const { id } = await openCampaign(emulator);
    for (const [openid, projectIds] of [
      ['rv1', ['p3']],
      ['rv2', ['p3', 'p1']],
      ['rv3', ['p1']],
      ['rv4', ['p3']],
    ] as const) {
      await ok(emulator.call(openid, 'votes.cast', { campaignId: id, projectIds: [...projectIds] }));
    }
    const before = await renderPage('packages/resident/results/results', { emulator, openid: 'results-reader', options: { id } });
    expect(before.text()).toContain('本次票选在投票截止后公布结果');

    await ok(emulator.call(STAFF, 'admin.campaigns.close', { id, ...EARLY_CLOSE }));
    const checking = await renderPage('packages/resident/results/results', { emulator, openid: 'results-reader', options: { id } });
    expect(checking.text()).toContain('结果正在复核，公布后即可查看');

    await ok(emulator.call(STAFF, 'admin.campaigns.publish', { id }));
    const view = await renderPage('packages/resident/results/results', { emulator, openid: 'results-reader', options: { id } });
    expect(view.text()).toContain('共 4 张选票');
    expect(view.text()).toContain('复核一致');
    const rows = view.page.querySelectorAll('.page-state >>> .results__row');
    expect(rows).toHaveLength(4);
    const first = rows[0].dom.textContent!.replace(/\s+/g, ' ');
    expect(first).toContain('口袋公园');
    expect(first).toContain('3 票 · 75.0%');
    const bars = view.page.querySelectorAll('.page-state >>> .results__bar').map((b) => b.dom.getAttribute('style'));
    expect(bars).toEqual(['width: 100%', 'width: 67%', 'width: 0%', 'width: 0%']);

    expect(view.text('.page-state >>> .results__open-data')).toContain('不含任何投票人信息');
    await view.tap('.page-state >>> .results__download');
    expect(view.apiCalls.filter((c) => c.action === 'campaigns.openData').map((c) => (c.result as any).ok)).toEqual([true]);
  });
});
