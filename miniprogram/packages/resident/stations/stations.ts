import { call } from '../../../services/api';
import { receptionWhen, receptionWho, toStationRow, type StationRow } from '../../../services/directory';
import { attempt, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { currentMonth } from '../../../services/time';

// 家站点: the home, stations and points with their hours and next reception day, and this month's
// figures (collected / resolved), counted from the messages themselves.

interface StationsData {
  rows: StationRow[];
  figures: { month: string; collected: number; resolved: number } | null;
  registered: Record<string, number>;
  /** The station whose coming receptions are listed in full (the card shows only the next). */
  opened: { stationId: string; rows: { id: string; when: string; theme: string; who: string }[] } | null;
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
        const rows = page.items.map((r) => ({ id: r.id, when: receptionWhen(r), theme: r.theme ?? '', who: receptionWho(r) }));
        this.setData({ opened: { stationId, rows } });
      });
    },
    onCall(event: WechatMiniprogram.TouchEvent) {
      wx.makePhoneCall({ phoneNumber: String(event.currentTarget.dataset.phone).replace(/\s/g, '') });
    },
  },
});
