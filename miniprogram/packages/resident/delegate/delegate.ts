import type { ResponseStats } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { groupLine, stationKindLabels } from '../../../services/directory';
import { openPage } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { routes } from '../../../services/routes';
import { photoSource } from '../../../services/upload';

// A delegate's profile: who they are, their group and its liaison, where to meet them, their response
// figures, and a way to write to them. One call (delegates.profile) brings all of it.

interface DelegateData {
  id: string;
  name: string;
  initial: string;
  photo: string;
  title: string;
  bio: string;
  group: string;
  duty: string;
  station: { kindLabel: string; name: string; address: string; hours: string } | null;
  bound: boolean;
  stats: ResponseStats | null;
}

definePage({
  data: {
    id: '',
    name: '',
    initial: '',
    photo: '',
    title: '',
    bio: '',
    group: '',
    duty: '',
    station: null,
    bound: false,
    stats: null,
  } as DelegateData,
  share() {
    return { title: this.data.name ? `${this.data.name}代表：有事可以找我留言` : '找代表', path: `${routes.delegate}?id=${this.data.id}` };
  },
  query: (query) => ({ id: query.id ?? '' }),
  async firstScreen() {
    const id = this.data.id;
    const { delegate, group, station, stats } = await call('delegates.profile', { id });
    wx.setNavigationBarTitle({ title: `${delegate.name}代表` });
    return {
      status: 'ready',
      name: delegate.name,
      initial: delegate.name.slice(0, 1),
      photo: delegate.photo ? photoSource(delegate.photo) : '',
      title: delegate.title ?? '',
      bio: delegate.bio ?? '',
      group: groupLine(group),
      duty: group?.duty ?? '',
      station: station
        ? { kindLabel: stationKindLabels[station.kind], name: station.name, address: station.address, hours: station.hours ?? '' }
        : null,
      bound: delegate.bound,
      stats,
    };
  },
  methods: {
    onWrite() {
      const { id, name } = this.data;
      openPage(`${routes.compose}?delegateId=${id}&name=${encodeURIComponent(name)}`);
    },
    onOpenStations() {
      openPage(routes.stations);
    },
  },
});
