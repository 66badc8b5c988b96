import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';

const emulator = useDemoBackend();

describe('家站点与接待日', () => {
  it('lists the home, stations and points with their next reception, and registers interest', async () => {
    const view = await renderPage('packages/resident/stations/stations', { emulator: emulator(), openid: 'demo-resident' });
    const rows = (view.page.data as { rows: { kindLabel: string; name: string; next: { id: string; who: string } | null }[] }).rows;
    expect(rows.map((r) => r.kindLabel)).toEqual(['代表之家', ...Array(4).fill('代表联络站'), ...Array(4).fill('代表联络点')]);
    expect(rows.every((r) => r.next)).toBe(true);
    const first = view.text('.page-state >>> .stations__card');
    expect(first).toContain('运河街道人大代表之家');
    expect(first).toContain('下次接待日');
    expect(first).toContain(`接待代表：${rows[0].next!.who}`);
    expect(view.text()).toMatch(/月全街道收集群众意见 \d+ 条，已办结 \d+ 条/);

    await view.tap('.page-state >>> .stations__register');
    expect(view.text('.page-state >>> .stations__card')).toContain('已登记，1 人有意参加');
    expect(view.apiCalls.find((c) => c.action === 'receptions.register')).toMatchObject({
      payload: { receptionId: rows[0].next!.id },
      result: { ok: true },
    });

    // Another resident's registration counts too; registering twice does not.
    const other = await renderPage('packages/resident/stations/stations', { emulator: emulator(), openid: 'another-resident' });
    await other.tap('.page-state >>> .stations__register');
    await other.tap('.page-state >>> .stations__register');
    expect(other.text('.page-state >>> .stations__card')).toContain('已登记，2 人有意参加');
  });

  it('lists every coming reception of a station on request', async () => {
    const view = await renderPage('packages/resident/stations/stations', { emulator: emulator(), openid: 'curious-resident' });
    await view.tap('.page-state >>> .stations__all');
    const opened = (view.page.data as { opened: { stationId: string; rows: { theme: string }[] } }).opened;
    expect(opened.stationId).toBe('s1');
    expect(opened.rows.length).toBe(2);
    expect(view.text('.page-state >>> .stations__list')).toContain(opened.rows[1].theme);
    await view.tap('.page-state >>> .stations__all');
    expect((view.page.data as { opened: unknown }).opened).toBeNull();
  });

  it("opens a station on the map and puts its reception in the phone calendar, an hour's reminder before", async () => {
    const calls: Record<string, any[]> = { openLocation: [], addPhoneCalendar: [] };
    const phone = (globalThis as unknown as { wx: Record<string, (options: any) => unknown> }).wx;
    const originals = { openLocation: phone.openLocation, addPhoneCalendar: phone.addPhoneCalendar };
    for (const name of Object.keys(calls))
      phone[name] = (options: any) => {
        calls[name].push(options);
        options.success?.({ errMsg: `${name}:ok` });
        return Promise.resolve({ errMsg: `${name}:ok` });
      };
    try {
      const view = await renderPage('packages/resident/stations/stations', { emulator: emulator(), openid: 'calendar-resident' });
      const first = (
        view.page.data as { rows: { name: string; address: string; next: { startsAt: string; endsAt: string; theme: string } }[] }
      ).rows[0];
      await view.tap('.page-state >>> .stations__navigate');
      expect(calls.openLocation).toEqual([
        expect.objectContaining({ latitude: 31.7806, longitude: 119.9742, name: first.name, address: first.address }),
      ]);

      await view.tap('.page-state >>> .stations__calendar');
      expect(calls.addPhoneCalendar).toEqual([
        expect.objectContaining({
          title: `人大代表接待日 · ${first.name}`,
          startTime: Date.parse(first.next.startsAt) / 1000,
          endTime: String(Date.parse(first.next.endsAt) / 1000),
          location: first.address,
          alarm: true,
          alarmOffset: 3600,
        }),
      ]);
      expect(view.toasts).toContain('已加入日历');
    } finally {
      Object.assign(phone, originals);
    }
  });
});
