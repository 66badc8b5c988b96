import type { CodeKind, Delegate, GeoPoint, Group, IsoTime, ReceptionBrief, Station, StationKind } from '../../typings/contract';
import { call } from './api';
import { showError, showFieldError, showHint, showSuccess } from './feedback';
import { formatSpan } from './time';
import { photoSource } from './upload';

// How the directory reads on screen: delegate rows with their group and station names resolved from
// groups.list and stations.list (fetched once, with the list, in the same first setData).

export const stationKindLabels: Record<StationKind, string> = { home: '代表之家', station: '代表联络站', point: '代表联络点' };

export interface DelegateRow {
  id: string;
  name: string;
  /** The first character, shown in the avatar circle when there is no photo. */
  initial: string;
  photo: string;
  title: string;
  meta: string;
}

export type NameIndex = Record<string, string>;

export function nameIndex(items: { id: string; name: string }[]): NameIndex {
  return Object.fromEntries(items.map((item) => [item.id, item.name]));
}

export function toDelegateRow(delegate: Delegate, groups: NameIndex, stations: NameIndex): DelegateRow {
  const parts = [
    groups[delegate.groupId] ? `${groups[delegate.groupId]}小组` : '',
    delegate.stationId ? (stations[delegate.stationId] ?? '') : '',
  ];
  return {
    id: delegate.id,
    name: delegate.name,
    initial: delegate.name.slice(0, 1),
    photo: delegate.photo ? photoSource(delegate.photo) : '',
    title: delegate.title ?? '',
    meta: parts.filter(Boolean).join(' · '),
  };
}

/** 12月1日 周二 14:00–16:30 */
export function receptionWhen(reception: Pick<ReceptionBrief, 'startsAt' | 'endsAt'>): string {
  return formatSpan(reception.startsAt, reception.endsAt);
}

export function receptionWho(reception: ReceptionBrief): string {
  return reception.delegates.map((d) => d.name).join('、');
}

/** A reception as a card shows it; startsAt/endsAt stay for adding it to the phone's calendar. */
export interface ReceptionRow {
  id: string;
  when: string;
  theme: string;
  who: string;
  startsAt: IsoTime;
  endsAt: IsoTime;
}

export interface StationRow {
  id: string;
  kindLabel: string;
  name: string;
  address: string;
  hours: string;
  contact: string;
  /** Where the map opens; absent when staff have not placed the station. */
  location: GeoPoint | null;
  next: ReceptionRow | null;
}

export function toReceptionRow(reception: ReceptionBrief): ReceptionRow {
  return {
    id: reception.id,
    when: receptionWhen(reception),
    theme: reception.theme ?? '',
    who: receptionWho(reception),
    startsAt: reception.startsAt,
    endsAt: reception.endsAt,
  };
}

export function toStationRow(station: Station): StationRow {
  const next = station.nextReception;
  return {
    id: station.id,
    kindLabel: stationKindLabels[station.kind],
    name: station.name,
    address: station.address,
    hours: station.hours ?? '',
    contact: station.contact ?? '',
    location: station.location ?? null,
    next: next ? toReceptionRow(next) : null,
  };
}

export function groupLine(group: Group | undefined): string {
  if (!group) return '';
  return group.liaison ? `${group.name}小组 · 联系委员 ${group.liaison.name}` : `${group.name}小组`;
}

// ---- staff pages

export interface CodePanel {
  name: string;
  /** A data URL of the PNG, shown as it is and saved from. */
  image: string;
}

const PNG_DATA_URL = 'data:image/png;base64,';

/** Fetches a 代表码 or 站点码 for display. */
export async function loadCodePanel(kind: CodeKind, id: string, name: string): Promise<CodePanel> {
  const code = await call('admin.codes.get', { kind, id });
  return { name, image: `${PNG_DATA_URL}${code.imageBase64}` };
}

/** Saves the shown code to the phone's album, for printing. */
export function saveCodePanel(panel: CodePanel): Promise<void> {
  const filePath = `${wx.env.USER_DATA_PATH}/${panel.name}.png`;
  return new Promise<void>((resolve, reject) => {
    wx.getFileSystemManager().writeFile({
      filePath,
      data: wx.base64ToArrayBuffer(panel.image.slice(PNG_DATA_URL.length)),
      success: () => wx.saveImageToPhotosAlbum({ filePath, success: () => resolve(), fail: reject }),
      fail: reject,
    });
  }).then(
    () => showSuccess('已保存到相册'),
    () => showHint('保存失败，请允许保存到相册'),
  );
}

interface FormPage {
  data: { saving: boolean; form?: object | null };
  setData(data: Record<string, unknown>): void;
  load(): Promise<void>;
}

/**
 * A staff form's save: one at a time; on success the form closes, `onSaved` tells the person (a toast
 * by default) and the list reloads. A refusal that names one of the form's fields is shown under that
 * field (`fieldErrors.<field>`, cleared as the field is edited: `onFormField`); anything else as a toast.
 */
export async function submitForm<T>(
  page: FormPage,
  save: () => Promise<T>,
  onSaved: (answer: T) => void = () => showSuccess('已保存'),
): Promise<void> {
  if (page.data.saving) return;
  page.setData({ saving: true, fieldErrors: {} });
  try {
    const answer = await save();
    page.setData({ form: null });
    onSaved(answer);
    await page.load();
  } catch (error) {
    page.setData({ fieldErrors: showFieldError(error, Object.keys(page.data.form ?? {})) });
  } finally {
    page.setData({ saving: false });
  }
}

/** A form field edited (`data-field` names it): kept in `form`, and its error under it cleared. */
export function onFormField(page: FormPage, event: WechatMiniprogram.Input): void {
  const field = String(event.currentTarget.dataset.field);
  page.setData({ [`form.${field}`]: event.detail.value, [`fieldErrors.${field}`]: '' });
}
