import type { DelegateAdminView } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { loadCodePanel, nameIndex, submitForm, type CodePanel, type NameIndex } from '../../../services/directory';
import { attempt, confirmAction, openPage, showHint, showSuccess } from '../../../services/feedback';
import { formatDateTime } from '../../../services/time';
import { definePage } from '../../../services/page';
import { appendNextPage, emptyList, type PagedData } from '../../../services/paging';
import { routes } from '../../../services/routes';
import { photoSource } from '../../../services/upload';
import type { DelegateDraft } from './delegate-form/delegate-form';

// 代表管理 (staff): create and edit delegates, issue or reissue the one-time binding code, unbind a
// delegate who changed phone, and download the 代表码 for printing.

interface Option {
  id: string;
  name: string;
}

interface Row {
  id: string;
  name: string;
  meta: string;
  state: string;
  bound: boolean;
  active: boolean;
}

interface AdminDelegatesData extends PagedData<Row> {
  /** What is in the search box; `keyword` is what the list was searched for (by the button, the keyboard). */
  typed: string;
  keyword: string;
  groups: Option[];
  stations: Option[];
  form: DelegateDraft | null;
  saving: boolean;
  /** A refusal under the field it names (services/directory.ts submitForm). */
  fieldErrors: Record<string, string>;
  issued: { name: string; code: string; expires: string } | null;
  qr: CodePanel | null;
}

const EMPTY_FORM: DelegateDraft = { id: '', name: '', title: '', bio: '', photo: '', photoPreview: '', groupIndex: 0, stationIndex: 0 };
let groupNames: NameIndex = {};
let stationNames: NameIndex = {};
let records: Record<string, DelegateAdminView> = {};

function toRow(d: DelegateAdminView): Row {
  records[d.id] = d;
  const state = !d.active
    ? '已停用'
    : d.bound
      ? `已绑定${d.boundAt ? `（${formatDateTime(d.boundAt)}）` : ''}`
      : d.codeUsed
        ? '未绑定'
        : d.codeExpiresAt
          ? `待绑定，绑定码 ${formatDateTime(d.codeExpiresAt)} 前有效`
          : '未绑定';
  return {
    id: d.id,
    name: d.name,
    meta: [d.title, groupNames[d.groupId], d.stationId ? stationNames[d.stationId] : ''].filter(Boolean).join(' · '),
    state,
    bound: d.bound,
    active: d.active,
  };
}

definePage({
  data: {
    ...emptyList<Row>(),
    typed: '',
    keyword: '',
    groups: [],
    stations: [],
    form: null,
    saving: false,
    fieldErrors: {},
    issued: null,
    qr: null,
  } as AdminDelegatesData,
  refresh: true,
  async firstScreen() {
    const keyword = this.data.keyword;
    const [groups, stations, page] = await Promise.all([
      call('groups.list', {}),
      call('stations.list', {}),
      call('admin.delegates.list', keyword ? { keyword } : {}),
    ]);
    groupNames = nameIndex(groups.items);
    stationNames = nameIndex(stations.items);
    records = {};
    return {
      status: 'ready',
      groups: groups.items.map(({ id, name }) => ({ id, name })),
      stations: [{ id: '', name: '不指定站点' }, ...stations.items.map(({ id, name }) => ({ id, name }))],
      rows: page.items.map(toRow),
      nextCursor: page.nextCursor,
    };
  },
  methods: {
    onType(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ typed: event.detail.value });
    },
    /** The keyboard's search key or the 搜索 button: the list of that name, from its first page. */
    onSearch() {
      const keyword = this.data.typed.trim();
      if (keyword === this.data.keyword) return;
      this.setData({ keyword, ...emptyList<Row>() });
      return this.load();
    },
    onClearSearch() {
      this.setData({ typed: '' });
      if (!this.data.keyword) return;
      this.setData({ keyword: '', ...emptyList<Row>() });
      return this.load();
    },
    onReachBottom() {
      const keyword = this.data.keyword;
      return appendNextPage(this, (cursor) => call('admin.delegates.list', { ...(keyword ? { keyword } : {}), cursor }), toRow);
    },
    onNew() {
      this.setData({ form: { ...EMPTY_FORM }, fieldErrors: {}, issued: null, qr: null });
    },
    onEdit(event: WechatMiniprogram.TouchEvent) {
      const d = records[String(event.currentTarget.dataset.id)];
      const { groups, stations } = this.data;
      this.setData({
        fieldErrors: {},
        form: {
          id: d.id,
          name: d.name,
          title: d.title ?? '',
          bio: d.bio ?? '',
          photo: d.photo ?? '',
          photoPreview: d.photo ? photoSource(d.photo) : '',
          groupIndex: Math.max(
            0,
            groups.findIndex((g) => g.id === d.groupId),
          ),
          stationIndex: Math.max(
            0,
            stations.findIndex((s) => s.id === (d.stationId ?? '')),
          ),
        },
        issued: null,
        qr: null,
      });
    },
    onCancel() {
      this.setData({ form: null, fieldErrors: {} });
    },
    /** The form's field was edited: its refusal goes. */
    onFormEdit(event: WechatMiniprogram.CustomEvent<{ field: string }>) {
      if (this.data.fieldErrors[event.detail.field]) this.setData({ [`fieldErrors.${event.detail.field}`]: '' });
    },
    onSave(event: WechatMiniprogram.CustomEvent<{ draft: DelegateDraft }>) {
      const form = event.detail.draft;
      const { groups, stations } = this.data;
      const groupId = groups[form.groupIndex]?.id;
      if (!groupId) return showHint('请先创建代表小组');
      const stationId = stations[form.stationIndex]?.id || undefined;
      const fields = {
        name: form.name.trim(),
        groupId,
        ...(form.title.trim() ? { title: form.title.trim() } : {}),
        ...(form.bio.trim() ? { bio: form.bio.trim() } : {}),
        ...(form.photo ? { photo: form.photo } : {}),
      };
      if (form.id) return submitForm(this, () => call('admin.delegates.update', { id: form.id, ...fields, stationId: stationId ?? null }));
      return submitForm(
        this,
        () => call('admin.delegates.create', { ...fields, ...(stationId ? { stationId } : {}) }),
        (created) => this.setData({ issued: { name: fields.name, code: created.bindCode, expires: formatDateTime(created.expiresAt) } }),
      );
    },
    async onReissue(event: WechatMiniprogram.TouchEvent) {
      const d = records[String(event.currentTarget.dataset.id)];
      await attempt(async () => {
        const issued = await call('admin.delegates.reissueCode', { id: d.id });
        this.setData({ issued: { name: d.name, code: issued.bindCode, expires: formatDateTime(issued.expiresAt) }, form: null, qr: null });
        await this.load();
      });
    },
    async onUnbind(event: WechatMiniprogram.TouchEvent) {
      const d = records[String(event.currentTarget.dataset.id)];
      if (!(await confirmAction('解除绑定', `解除后，${d.name}代表需要使用新的绑定码重新绑定。确定解除吗？`))) return;
      await attempt(async () => {
        await call('admin.delegates.unbind', { id: d.id });
        showSuccess('已解除绑定');
        await this.load();
      });
    },
    async onToggleActive(event: WechatMiniprogram.TouchEvent) {
      const d = records[String(event.currentTarget.dataset.id)];
      await attempt(async () => {
        await call('admin.delegates.update', { id: d.id, active: !d.active });
        await this.load();
      });
    },
    async onCode(event: WechatMiniprogram.TouchEvent) {
      const d = records[String(event.currentTarget.dataset.id)];
      await attempt(async () => this.setData({ qr: await loadCodePanel('delegate', d.id, `${d.name}代表码`), form: null, issued: null }));
    },
    onCloseNotice() {
      this.setData({ issued: null, qr: null });
    },
    onOpenGroups() {
      openPage(routes.adminGroups);
    },
  },
});
