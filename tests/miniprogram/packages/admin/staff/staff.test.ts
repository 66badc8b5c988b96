import { renderPage } from '../../../../support/miniprogram';
import { useDemoBackend } from '../../../demo-backend';

const emulator = useDemoBackend();

describe('工作人员', () => {
  it('bootstrap staff grant a colleague, who can then open the admin pages', async () => {
    const view = await renderPage('packages/admin/staff/staff', { emulator: emulator(), openid: 'staff-openid' });
    expect(view.text()).toContain('staff-openid · 系统配置');
    expect(view.has('.page-state >>> .adm-staff__revoke')).toBe(false);

    await view.fire('.page-state >>> .adm-staff__openid', 'input', { value: 'demo-resident' });
    await view.tap('.page-state >>> .adm-staff__grant');
    expect(view.text()).toContain('清风居民（demo-resident）');
    expect(view.has('.page-state >>> .adm-staff__revoke')).toBe(true);

    const colleague = await renderPage('packages/admin/staff/staff', { emulator: emulator(), openid: 'demo-resident' });
    expect(colleague.text()).toContain('staff-openid · 系统配置');
  });
});
