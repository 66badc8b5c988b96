import type { DelegateListQuery } from '../../../typings/contract';
import { call } from '../../services/api';
import { nameIndex, toDelegateRow, type DelegateRow, type NameIndex } from '../../services/directory';
import { openPage, showError } from '../../services/feedback';
import { definePage } from '../../services/page';
import { appendNextPage, emptyList, type PagedData } from '../../services/paging';
import { routes } from '../../services/routes';

// 代表: the delegate directory, by professional group, by station or by name; 20 a page.

interface Option {
  id: string;
  name: string;
}

interface DelegatesData extends PagedData<DelegateRow> {
  groups: Option[];
  stations: Option[];
  groupId: string;
  stationIndex: number;
  keyword: string;
  /** What is in the search box, searched on the keyboard's key or the 搜索 button. */
  typed: string;
  filtering: boolean;
}

// Name lookups stay outside page data: they never render, and setData carries only what the view shows.
let groupNames: NameIndex = {};
let stationNames: NameIndex = {};

definePage({
  data: {
    groups: [],
    stations: [],
    groupId: '',
    stationIndex: 0,
    keyword: '',
    typed: '',
    ...emptyList<DelegateRow>(),
    filtering: false,
  } as DelegatesData,
  refresh: true,
  async firstScreen() {
    const [groups, stations, page] = await Promise.all([
      call('groups.list', {}),
      call('stations.list', {}),
      call('delegates.list', this.query()),
    ]);
    groupNames = nameIndex(groups.items);
    stationNames = nameIndex(stations.items);
    return {
      status: 'ready',
      groups: groups.items.map(({ id, name }) => ({ id, name })),
      stations: [{ id: '', name: '全部站点' }, ...stations.items.map(({ id, name }) => ({ id, name }))],
      rows: page.items.map((d) => toDelegateRow(d, groupNames, stationNames)),
      nextCursor: page.nextCursor,
    };
  },
  methods: {
    query(cursor?: string): DelegateListQuery {
      const { groupId, stations, stationIndex, keyword } = this.data;
      const stationId = stations[stationIndex]?.id;
      return {
        ...(groupId ? { groupId } : {}),
        ...(stationId ? { stationId } : {}),
        ...(keyword ? { keyword } : {}),
        ...(cursor ? { cursor } : {}),
      };
    },
    /** A new filter replaces the list with its first page. */
    async refilter() {
      this.setData({ filtering: true });
      try {
        const page = await call('delegates.list', this.query());
        this.setData({ rows: page.items.map((d) => toDelegateRow(d, groupNames, stationNames)), nextCursor: page.nextCursor });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ filtering: false });
      }
    },
    /** t-check-tag: tapping the chosen group again goes back to every group. */
    onPickGroup(event: WechatMiniprogram.CustomEvent) {
      const groupId = String(event.currentTarget.dataset.id ?? '');
      this.setData({ groupId: groupId === this.data.groupId ? '' : groupId });
      return this.refilter();
    },
    onPickStation(event: WechatMiniprogram.PickerChange) {
      this.setData({ stationIndex: Number(event.detail.value) || 0 });
      return this.refilter();
    },
    /** t-search's change: typing only fills the box; emptying it by hand drops the search too. */
    onType(event: WechatMiniprogram.CustomEvent<{ value: string; trigger?: string }>) {
      const typed = String(event.detail.value ?? '');
      this.setData({ typed });
      if (!typed && this.data.keyword && event.detail.trigger !== 'clear') return this.onClearSearch();
    },
    /** The keyboard's search key (t-search's submit). */
    onSearch(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const typed = String(event.detail.value ?? '');
      this.setData({ typed, keyword: typed.trim() });
      return this.refilter();
    },
    /** Older residents look for a button rather than the keyboard's search key (t-search's action). */
    onSearchTap() {
      this.setData({ keyword: this.data.typed.trim() });
      return this.refilter();
    },
    onClearSearch() {
      this.setData({ typed: '', keyword: '' });
      return this.refilter();
    },
    onReachBottom() {
      return appendNextPage(
        this,
        (cursor) => call('delegates.list', this.query(cursor)),
        (d) => toDelegateRow(d, groupNames, stationNames),
      );
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.delegate}?id=${event.currentTarget.dataset.id}`);
    },
    onOpenSuggestions() {
      openPage(routes.suggestions);
    },
    onOpenReviews() {
      openPage(routes.reviews);
    },
    onOpenStations() {
      openPage(routes.stations);
    },
  },
});
