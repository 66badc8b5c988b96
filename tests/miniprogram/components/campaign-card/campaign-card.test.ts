import { useDemoBackend } from '../../demo-backend';
import { gatewayCaller } from '../../voting-backend';
import { renderPage } from '../../../support/miniprogram';
import { openCampaign } from '../../../cloud/voting-fixtures';

// The home page's current-campaign card: nothing while no campaign is open, then the open one.

const backend = useDemoBackend();

describe('campaign-card', () => {
  it('stays hidden without an open campaign, then shows it and opens it to vote', async () => {
    const emulator = gatewayCaller(backend());
    const empty = await renderPage('components/campaign-card/campaign-card', { emulator });
    expect(empty.has('.campaign-card')).toBe(false);

    const { id } = await openCampaign(emulator, { title: '首页卡片票选', eligibility: 'delegates' });
    const card = await renderPage('components/campaign-card/campaign-card', { emulator });
    expect(card.text()).toContain('首页卡片票选');
    expect(card.text()).toContain('代表票决');
    await card.tap('.campaign-card');
    expect(card.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/resident/campaign/campaign?id=${id}` }]);
  });
});
