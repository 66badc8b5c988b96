import { call } from '../../../services/api';
import { receptionWhen, receptionWho } from '../../../services/directory';
import { showError, showSuccess } from '../../../services/feedback';
import { dateFromToday, shanghaiInstant } from '../../../services/time';
import { definePage } from '../../../services/page';

// 接待日 (staff): publish a station's reception roster (date, time slot, delegates on duty, theme) and
// see how many residents registered interest in each coming reception.

interface DelegateChoice {
  id: string;
  name: string;
  checked: boolean;
}

interface AdminReceptionsData {
  stationId: string;
  stationName: string;
  rows: { id: string; when: string; theme: string; who: string; interest: number }[];
  delegates: DelegateChoice[];
  date: string;
  startTime: string;
  endTime: string;
  theme: string;
  saving: boolean;
}

definePage({
  data: {
    stationId: '',
    stationName: '',
    rows: [],
    delegates: [],
    date: '',
    startTime: '09:00',
    endTime: '11:30',
    theme: '',
    saving: false,
  } as AdminReceptionsData,
  refresh: true,
  // A week ahead of the day the page opens.
  query: (query) => ({ stationId: query.stationId ?? '', date: dateFromToday(7) }),
  async firstScreen() {
    const stationId = this.data.stationId;
    const [stations, delegates, receptions] = await Promise.all([
      call('stations.list', {}),
      call('admin.delegates.list', { stationId }),
      call('receptions.list', { stationId }),
    ]);
    const station = stations.items.find((s) => s.id === stationId);
    return {
      status: station ? 'ready' : 'empty',
      stationName: station?.name ?? '',
      delegates: delegates.items.filter((d) => d.active).map((d) => ({ id: d.id, name: d.name, checked: false })),
      rows: receptions.items.map((r) => ({
        id: r.id,
        when: receptionWhen(r),
        theme: r.theme ?? '',
        who: receptionWho(r),
        interest: r.interestCount,
      })),
    };
  },
  methods: {
    onPick(event: WechatMiniprogram.PickerChange) {
      this.setData({ [String(event.currentTarget.dataset.field)]: String(event.detail.value) });
    },
    onTheme(event: WechatMiniprogram.Input) {
      this.setData({ theme: event.detail.value });
    },
    onToggle(event: WechatMiniprogram.TouchEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ [`delegates[${index}].checked`]: !this.data.delegates[index].checked });
    },
    async onPublish() {
      const { stationId, date, startTime, endTime, theme, delegates, saving } = this.data;
      if (saving) return;
      const delegateIds = delegates.filter((d) => d.checked).map((d) => d.id);
      this.setData({ saving: true });
      try {
        // The committee works in Beijing time: the roster's times carry the +08:00 offset.
        await call('admin.receptions.create', {
          stationId,
          delegateIds,
          startsAt: shanghaiInstant(date, startTime),
          endsAt: shanghaiInstant(date, endTime),
          ...(theme.trim() ? { theme: theme.trim() } : {}),
        });
        showSuccess('已发布');
        this.setData({ theme: '' });
        await this.load();
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
