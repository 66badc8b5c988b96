import { call } from '../../../services/api';
import { toReceptionRow, toStationRow, type ReceptionRow, type StationRow } from '../../../services/directory';
import { attempt, showHint, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { currentMonth } from '../../../services/time';

// 家站点: the home, stations and points with their hours and next reception day, and this month's
// figures (collected / resolved), counted from the messages themselves.

interface StationsData {
  rows: StationRow[];
  figures: { month: string; collected: number; resolved: number } | null;
  registered: Record<string, number>;
  /** The station whose coming receptions are listed in full (the card shows only the next). */
  opened: { stationId: string; rows: ReceptionRow[] } | null;
}

definePage({
  data: { rows: [], figures: null, registered: {}, opened: null } as StationsData,
  refresh: true,
  async firstScreen() {
    const month = currentMonth();
    const [stations, figures] = await Promise.all([call('stations.list', {}), call('receptions.figures', { month })]);
    return {
      status: stations.items.length ? 'ready' : 'empty',
      rows: stations.items.map(toStationRow),
      figures: { month: `${Number(month.slice(5))}月`, collected: figures.collected, resolved: figures.resolved },
    };
  },
  methods: {
    async onRegister(event: WechatMiniprogram.TouchEvent) {
      const receptionId = String(event.currentTarget.dataset.id);
      await attempt(async () => {
        const { interestCount } = await call('receptions.register', { receptionId });
        this.setData({ [`registered.${receptionId}`]: interestCount });
        showSuccess('已登记');
      });
    },
    async onOpenAll(event: WechatMiniprogram.TouchEvent) {
      const stationId = String(event.currentTarget.dataset.id);
      const opened = this.data.opened;
      if (opened?.stationId === stationId) return this.setData({ opened: null });
      await attempt(async () => {
        const page = await call('receptions.list', { stationId });
        const rows = page.items.map(toReceptionRow);
        this.setData({ opened: { stationId, rows } });
      });
    },
    /** The station on WeChat's map, from where the phone's navigation app takes over. */
    onNavigate(event: WechatMiniprogram.TouchEvent) {
      const station = this.data.rows.find((row) => row.id === event.currentTarget.dataset.id);
      if (!station?.location) return;
      wx.openLocation({ ...station.location, name: station.name, address: station.address, scale: 17 });
    },
    /** A reception into the phone's calendar, with a reminder an hour before. */
    onAddToCalendar(event: WechatMiniprogram.TouchEvent) {
      const { stationId, receptionId } = event.currentTarget.dataset as { stationId: string; receptionId: string };
      const station = this.data.rows.find((row) => row.id === stationId);
      const reception = station?.next?.id === receptionId ? station.next : this.data.opened?.rows.find((row) => row.id === receptionId);
      if (!station || !reception) return;
      wx.addPhoneCalendar({
        title: `人大代表接待日 · ${station.name}`,
        startTime: Math.floor(new Date(reception.startsAt).getTime() / 1000),
        // The typings say string for endTime (the API takes seconds either way).
        endTime: String(Math.floor(new Date(reception.endsAt).getTime() / 1000)),
        location: station.address,
        description: [reception.theme && `主题：${reception.theme}`, reception.who && `接待代表：${reception.who}`]
          .filter(Boolean)
          .join('；'),
        alarm: true,
        alarmOffset: 3600,
        success: () => showSuccess('已加入日历'),
        fail: (error: { errMsg?: string }) => {
          if (!/cancel/.test(error?.errMsg ?? '')) showHint('未能加入日历，请检查日历权限');
        },
      });
    },
    onCall(event: WechatMiniprogram.TouchEvent) {
      wx.makePhoneCall({ phoneNumber: String(event.currentTarget.dataset.phone).replace(/\s/g, '') });
    },
  },
});
