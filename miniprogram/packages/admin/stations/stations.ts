import type { Station, StationKind } from '../../../../typings/contract';
import { call } from '../../../services/api';
import {
  loadCodePanel,
  onFormField,
  stationKindLabels,
  submitForm,
  toStationRow,
  type CodePanel,
  type StationRow,
} from '../../../services/directory';
import { attempt, openPage } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { routes } from '../../../services/routes';

// 家站点管理 (staff): the home, stations and points; their 站点码 for the door; their reception days.

const KINDS: StationKind[] = ['home', 'station', 'point'];

interface Form {
  id: string;
  kindIndex: number;
  name: string;
  address: string;
  hours: string;
  contact: string;
}

interface AdminStationsData {
  rows: StationRow[];
  kinds: string[];
  form: Form | null;
  /** The server's refusal under the field it names (services/directory submitForm). */
  fieldErrors: Record<string, string>;
  saving: boolean;
  qr: CodePanel | null;
}

let stations: Station[] = [];

definePage({
  data: {
    rows: [],
    kinds: KINDS.map((k) => stationKindLabels[k]),
    form: null,
    fieldErrors: {},
    saving: false,
    qr: null,
  } as AdminStationsData,
  refresh: true,
  async firstScreen() {
    stations = (await call('stations.list', {})).items;
    return { status: 'ready', rows: stations.map(toStationRow) };
  },
  methods: {
    onNew() {
      this.setData({ form: { id: '', kindIndex: 1, name: '', address: '', hours: '', contact: '' }, qr: null });
    },
    onEdit(event: WechatMiniprogram.TouchEvent) {
      const s = stations.find((item) => item.id === event.currentTarget.dataset.id);
      if (!s) return;
      this.setData({
        form: {
          id: s.id,
          kindIndex: KINDS.indexOf(s.kind),
          name: s.name,
          address: s.address,
          hours: s.hours ?? '',
          contact: s.contact ?? '',
        },
        qr: null,
      });
    },
    onField(event: WechatMiniprogram.Input) {
      onFormField(this, event);
    },
    onPickKind(event: WechatMiniprogram.PickerChange) {
      this.setData({ 'form.kindIndex': Number(event.detail.value) });
    },
    onCancel() {
      this.setData({ form: null });
    },
    onSave() {
      const form = this.data.form;
      if (!form) return;
      const optional = (key: 'hours' | 'contact') => (form[key].trim() ? { [key]: form[key].trim() } : {});
      const fields = {
        kind: KINDS[form.kindIndex],
        name: form.name.trim(),
        address: form.address.trim(),
        ...optional('hours'),
        ...optional('contact'),
      };
      return submitForm(this, () =>
        form.id ? call('admin.stations.update', { id: form.id, ...fields }) : call('admin.stations.create', fields),
      );
    },
    async onCode(event: WechatMiniprogram.TouchEvent) {
      const s = stations.find((item) => item.id === event.currentTarget.dataset.id);
      if (!s) return;
      await attempt(async () => this.setData({ qr: await loadCodePanel('station', s.id, `${s.name}站点码`), form: null }));
    },
    onCloseCode() {
      this.setData({ qr: null });
    },
    onReceptions(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.adminReceptions}?stationId=${event.currentTarget.dataset.id}`);
    },
  },
});
