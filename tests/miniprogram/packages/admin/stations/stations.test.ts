import { renderPage } from '../../../../support/miniprogram';
import { useDemoBackend } from '../../../demo-backend';

const emulator = useDemoBackend();

describe('家站点管理', () => {
  it("staff add a point, see its 站点码, and open a station's reception days", async () => {
    const view = await renderPage('packages/admin/stations/stations', { emulator: emulator(), openid: 'staff-openid' });
    expect(view.text()).toContain('代表之家 · 运河街道人大代表之家');
    await view.tap('.page-state >>> .adm-stations__new');
    view.page.instance.setData({ 'form.kindIndex': 2, 'form.name': '东门菜场联络点', 'form.address': '东门街 3 号' });
    await view.tap('.page-state >>> .adm-stations__save');
    expect(view.text()).toContain('代表联络点 · 东门菜场联络点');

    await view.tap('.page-state >>> .adm-stations__receptions');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/admin/receptions/receptions?stationId=s1' }]);
  });

  it("shows a station's 站点码 with what scanning it does, and closes it", async () => {
    const view = await renderPage('packages/admin/stations/stations', { emulator: emulator(), openid: 'staff-openid' });
    await view.tap('.page-state >>> .adm-stations__code');
    expect(view.text('.page-state >>> .adm-stations__qr')).toContain(
      '运河街道人大代表之家站点码：张贴在站点门口，居民扫码即可给本站代表留言',
    );
    await view.tap('.page-state >>> .adm-stations__qr >>> .code-panel__close');
    expect(view.has('.page-state >>> .adm-stations__qr')).toBe(false);
  });
});
