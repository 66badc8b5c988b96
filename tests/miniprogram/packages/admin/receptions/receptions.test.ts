import { renderPage } from '../../../../support/miniprogram';
import { useDemoBackend } from '../../../demo-backend';
import { shanghai } from '../../../../../cloudfunctions/api/src/platform/time';

const emulator = useDemoBackend();

describe('接待日', () => {
  it('staff publish a roster for a station; residents then see it at that station', async () => {
    const view = await renderPage('packages/admin/receptions/receptions', {
      emulator: emulator(),
      openid: 'staff-openid',
      options: { stationId: 's9' },
    });
    expect(view.text()).toContain('颐康养老服务中心代表联络点 · 发布接待日');
    const before = (view.page.data as { rows: unknown[] }).rows.length;

    // Tomorrow (Beijing time), 07:30–08:00: earlier than any roster of the demo.
    const tomorrow = shanghai(Date.now()).add(1, 'day').format('YYYY-MM-DD');
    view.page.instance.setData({ date: tomorrow, startTime: '07:30', endTime: '08:00', theme: '适老化改造' });
    await view.tap('.page-state >>> .adm-receptions__delegate');
    await view.tap('.page-state >>> .adm-receptions__publish');
    const rows = (view.page.data as { rows: { theme: string; interest: number }[] }).rows;
    expect(rows).toHaveLength(before + 1);
    expect(rows[0]).toMatchObject({ theme: '适老化改造', interest: 0 });

    const stations = await renderPage('packages/resident/stations/stations', { emulator: emulator(), openid: 'demo-resident' });
    const point = (stations.page.data as { rows: { id: string; next: { theme: string; when: string } | null }[] }).rows.find(
      (r) => r.id === 's9',
    );
    expect(point?.next).toMatchObject({ theme: '适老化改造' });
    expect(point?.next?.when).toContain('07:30–08:00');
  });

  it("shows the server's message when the time slot is backwards", async () => {
    const view = await renderPage('packages/admin/receptions/receptions', {
      emulator: emulator(),
      openid: 'staff-openid',
      options: { stationId: 's9' },
    });
    view.page.instance.setData({ startTime: '11:00', endTime: '10:00' });
    await view.tap('.page-state >>> .adm-receptions__delegate');
    await view.tap('.page-state >>> .adm-receptions__publish');
    expect(view.toasts).toEqual(['结束时间应晚于开始时间']);
  });
});
