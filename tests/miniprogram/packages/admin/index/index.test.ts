import { startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator({ env: { ADMIN_OPENIDS: 'staff-openid' } });
});
afterAll(() => emulator.stop());

describe('管理后台', () => {
  it('lists the admin areas for staff and opens the one tapped', async () => {
    const view = await renderPage('packages/admin/index/index', { emulator, openid: 'staff-openid' });

    expect(view.text()).toContain('代表管理');
    expect(view.text()).toContain('民生实事投票');
    await view.tap('.admin__entry--adminCampaigns');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/admin/campaigns/campaigns' }]);
  });

  it('tells a resident plainly that the area is for staff, and lists nothing', async () => {
    const view = await renderPage('packages/admin/index/index', { emulator, openid: 'admin-resident' });

    expect(view.text('.page-state')).toContain('无权限');
    expect(view.has('.admin__entry')).toBe(false);
  });
});
