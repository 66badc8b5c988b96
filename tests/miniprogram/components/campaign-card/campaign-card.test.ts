import { useDemoBackend } from '../../demo-backend';
import { gatewayCaller } from '../../voting-backend';
import { renderPage } from '../../../support/miniprogram';
import { EARLY_CLOSE, ok, openCampaign, STAFF } from '../../../cloud/voting-fixtures';
import { DEMO_CAMPAIGN_ID } from '../../../../emulator/seed/demo';

// The home page's current-campaign card: the newest open campaign, read with the home page's first
// screen (within its setData budget), and nothing while no campaign is open.

const backend = useDemoBackend();

describe('campaign-card', () => {
  it('shows the open campaign on the home page and opens it to vote; hides when none is open', async () => {
    const emulator = gatewayCaller(backend());
    const demo = await renderPage('pages/home/home', { emulator });
    expect(demo.text('.home__campaign')).toContain('2027 年民生实事项目票选');

    const { id } = await openCampaign(emulator, { title: '首页卡片票选', eligibility: 'delegates' });
    const card = await renderPage('pages/home/home', { emulator });
    expect(card.text('.home__campaign')).toContain('首页卡片票选');
    expect(card.text('.home__campaign')).toContain('代表票决');
    await card.tap('.home__campaign >>> .campaign-card');
    expect(card.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/resident/campaign/campaign?id=${id}` }]);

    for (const open of [id, DEMO_CAMPAIGN_ID]) await ok(emulator.call(STAFF, 'admin.campaigns.close', { id: open, ...EARLY_CLOSE }));
    const none = await renderPage('pages/home/home', { emulator });
    expect(none.has('.home__campaign >>> .campaign-card')).toBe(false);
  });
});
