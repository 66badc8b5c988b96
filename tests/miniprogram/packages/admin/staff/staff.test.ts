import { renderPage } from '../../../../support/miniprogram';
import { useDemoBackend } from '../../../demo-backend';

const emulator = useDemoBackend();

describe('工作人员', () => {
  it('staff issue a one-time invitation; the colleague enters it on 我的 and can then open the admin pages', async () => {
    const view = await renderPage('packages/admin/staff/staff', { emulator: emulator(), openid: 'staff-openid' });
    expect(view.text()).toContain('staff-openid · 系统配置');
    expect(view.has('.page-state >>> .adm-staff__revoke')).toBe(false);
    expect(view.has('.page-state >>> .adm-staff__code')).toBe(false);

    await view.tap('.page-state >>> .adm-staff__invite-button');
    const code = view.text('.page-state >>> .adm-staff__code');
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(view.text()).toContain('前有效');

    // The page names the entry on 我的 where the colleague types it.
    expect(view.text()).toContain('「我的 → 输入邀请码」');
    const me = await renderPage('pages/me/me', { emulator: emulator(), openid: 'demo-resident' });
    expect(me.text('.me__claim-invite')).toContain('输入邀请码');
    expect(me.has('.me__admin')).toBe(false);
    me.answerNextModal({ confirm: true, content: ` ${code.toLowerCase()} ` });
    await me.tap('.me__claim-invite');
    expect(me.toasts).toContain('已开通管理后台');
    expect(me.has('.me__admin')).toBe(true);

    const colleague = await renderPage('packages/admin/staff/staff', { emulator: emulator(), openid: 'demo-resident' });
    expect(colleague.text()).toContain('清风居民（demo-resident）');
  });

  it('a wrong code is told, and changes nothing', async () => {
    const me = await renderPage('pages/me/me', { emulator: emulator(), openid: 'demo-delegate' });
    me.answerNextModal({ confirm: true, content: 'AAAAA-BBBBB' });
    await me.tap('.me__claim-invite');
    expect(me.toasts.join()).toContain('邀请码不正确');
    expect(me.has('.me__admin')).toBe(false);
  });
});
