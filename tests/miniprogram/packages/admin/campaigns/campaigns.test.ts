import { gatewayCaller } from '../../../voting-backend';
import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';
import { ok, STAFF } from '../../../../cloud/voting-fixtures';

// 票选管理: staff create a campaign from the form and take it through open, close and publish.

const backend = useDemoBackend();

const inShanghai = (ms: number) => new Date(Date.now() + ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('票选管理', () => {
  it('creates a draft from the form, opens, closes with a recount and publishes', async () => {
    const emulator = gatewayCaller(backend());
    const view = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    await view.tap('.campaigns__new');
    await view.fire('.campaign-form >>> .campaigns__input--title', 'input', { value: '页面创建的票选' });
    await view.fire('.campaign-form >>> .campaigns__input--opens', 'input', { value: inShanghai(-3600_000) });
    await view.fire('.campaign-form >>> .campaigns__input--closes', 'input', { value: inShanghai(24 * 3600_000) });
    await view.fire('.campaign-form >>> .campaigns__textarea--projects', 'input', {
      value: '加装电梯｜城市建设｜为老小区加装电梯｜600\n社区食堂｜养老服务｜长者食堂\n口袋公园|环境整治|边角地建公园',
    });
    await view.tap('.campaign-form >>> .campaigns__create');
    expect(view.toasts).toContain('已保存为草稿');
    expect(view.text()).toContain('页面创建的票选');
    const id = (view.apiCalls.find((c) => c.action === 'admin.campaigns.create')!.result as any).data.id;
    await view.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__open`);
    expect(view.toasts).toContain('投票已开启');

    // (Set-up calls switch the helper's session, so the page is rendered afresh after them.)
    await ok(emulator.call('admin-page-voter', 'votes.cast', { campaignId: id, projectIds: ['p2'] }));
    const again = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    await again.tap('.campaigns__tab--open');
    await again.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__close`);
    await again.tap('.campaigns__tab--closed');
    await again.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__publish`);
    expect(again.toasts).toContain('结果已公布');

    const campaign = await ok(emulator.call(STAFF, 'campaigns.get', { id }));
    expect(campaign.status).toBe('published');
    expect(campaign.recount).toMatchObject({ ballots: 1, matches: true });
    expect(campaign.projects.map((p: any) => [p.title, p.category, p.budget])).toEqual([
      ['加装电梯', '城市建设', 600],
      ['社区食堂', '养老服务', undefined],
      ['口袋公园', '环境整治', undefined],
    ]);
  });

  it('is refused to residents', async () => {
    const emulator = gatewayCaller(backend());
    const view = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: 'not-staff' });
    expect(view.text()).toContain('只有工委工作人员可以查看草稿');
  });
});
