import type { Delegate, Group, ReceptionBrief, Station, StationKind } from '../../typings/contract';
import { formatDateTime } from './format';

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
  const parts = [groups[delegate.groupId] ? `${groups[delegate.groupId]}小组` : '', delegate.stationId ? stations[delegate.stationId] ?? '' : ''];
  return {
    id: delegate.id,
    name: delegate.name,
    initial: delegate.name.slice(0, 1),
    photo: delegate.photo ?? '',
    title: delegate.title ?? '',
    meta: parts.filter(Boolean).join(' · '),
  };
}

/** 12月1日 周二 14:00–16:30 */
export function receptionWhen(reception: Pick<ReceptionBrief, 'startsAt' | 'endsAt'>): string {
  const start = formatDateTime(reception.startsAt);
  const end = formatDateTime(reception.endsAt);
  const weekday = '日一二三四五六'[new Date(new Date(reception.startsAt).getTime() + 8 * 3600000).getUTCDay()];
  const [, month, day] = start.slice(0, 10).split('-');
  return `${Number(month)}月${Number(day)}日 周${weekday} ${start.slice(11)}–${end.slice(11)}`;
}

export function receptionWho(reception: ReceptionBrief): string {
  return reception.delegates.map((d) => d.name).join('、');
}

export interface StationRow {
  id: string;
  kindLabel: string;
  name: string;
  address: string;
  hours: string;
  contact: string;
  next: { id: string; when: string; theme: string; who: string } | null;
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
    next: next ? { id: next.id, when: receptionWhen(next), theme: next.theme ?? '', who: receptionWho(next) } : null,
  };
}

export function groupLine(group: Group | undefined): string {
  if (!group) return '';
  return group.liaison ? `${group.name}小组 · 联系委员 ${group.liaison.name}` : `${group.name}小组`;
}

/** Saves a 代表码 / 站点码 PNG (base64 from admin.codes.get) to the phone's album, for printing. */
export function saveCodeImage(imageBase64: string, name: string): Promise<void> {
  const filePath = `${wx.env.USER_DATA_PATH}/${name}.png`;
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().writeFile({
      filePath,
      data: wx.base64ToArrayBuffer(imageBase64),
      success: () => wx.saveImageToPhotosAlbum({ filePath, success: () => resolve(), fail: reject }),
      fail: reject,
    });
  });
}
