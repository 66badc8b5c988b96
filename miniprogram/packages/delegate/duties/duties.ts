import type { DutyKind } from '../../../../typings/contract';
import { call, newRequestId } from '../../../services/api';
import { confirmAction, openPage, showError, showFieldError, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { routes } from '../../../services/routes';
import {
  currentYear,
  DUTY_KINDS,
  recentYears,
  toDerivedRow,
  toEntryRow,
  toProgressRow,
  type DerivedRow,
  type EntryRow,
  type ProgressRow,
} from '../../../services/duties';
import { shanghai } from '../../../services/time';
import { PHOTOS_MAX } from '../../../generated/contract';
import { addPickedPhotos, photoUpload, removePickedPhoto, showPhotos, type PhotoUploadData } from '../../../services/upload';

// 履职手册 (a delegate): the year's duty list with done / required, what they logged (add, change,
// remove their own entries) and what the system counted for them (answered messages, reception days,
// suggestions filed). Errors of a field show under it.

const FORM_FIELDS = ['kind', 'date', 'place', 'summary', 'photos'] as const;

interface Form {
  kind: DutyKind | '';
  date: string;
  place: string;
  summary: string;
  isPublic: boolean;
}

/** The form's photos are t-upload's (`photos`, beside `form`). */
interface HandbookData extends PhotoUploadData {
  years: number[];
  year: number;
  delegateId: string;
  progress: ProgressRow[];
  total: number;
  entries: EntryRow[];
  derived: DerivedRow[];
  composing: boolean;
  /** The entry being changed, or '' for a new one. */
  editingId: string;
  form: Form;
  errors: Partial<Record<(typeof FORM_FIELDS)[number], string>>;
  kinds: readonly DutyKind[];
  today: string;
  saving: boolean;
  /** One save's key, kept until it is answered: a resend after a lost answer logs nothing twice. */
  requestId: string;
}

const today = () => shanghai().format('YYYY-MM-DD');
const emptyForm = (): Form => ({ kind: '', date: today(), place: '', summary: '', isPublic: true });

definePage({
  data: {
    years: [],
    year: 0,
    delegateId: '',
    progress: [],
    total: 0,
    entries: [],
    derived: [],
    composing: false,
    editingId: '',
    form: emptyForm(),
    errors: {},
    kinds: DUTY_KINDS,
    today: '',
    saving: false,
    ...photoUpload(PHOTOS_MAX),
    requestId: '',
  } as HandbookData,
  refresh: true,
  async firstScreen() {
    const year = this.data.year || currentYear();
    const book = await call('duties.mine', { year });
    const total = Object.values(book.counts).reduce((n, c) => n + c, 0);
    return {
      status: 'ready',
      years: recentYears(),
      year,
      today: today(),
      delegateId: book.delegateId,
      progress: book.targets.map(toProgressRow),
      total,
      entries: book.entries.map(toEntryRow),
      derived: book.derived.map(toDerivedRow),
    };
  },
  methods: {
    onYear(event: WechatMiniprogram.TouchEvent) {
      this.setData({ year: Number(event.currentTarget.dataset.year) });
      return this.load();
    },
    onCompose() {
      if (this.data.composing) return this.setData({ composing: false, editingId: '' });
      this.setData({ composing: true, editingId: '', form: emptyForm(), ...showPhotos([]), errors: {}, requestId: newRequestId() });
    },
    onEdit(event: WechatMiniprogram.TouchEvent) {
      const entry = this.data.entries.find((e) => e.id === event.currentTarget.dataset.id);
      if (!entry) return;
      this.setData({
        composing: true,
        editingId: entry.id,
        errors: {},
        requestId: newRequestId(),
        form: {
          kind: entry.kind,
          date: entry.date,
          place: entry.place,
          summary: entry.summary,
          isPublic: entry.isPublic,
        },
        ...showPhotos(entry.fileIDs.map((fileID, i) => ({ fileID, preview: entry.photos[i] }))),
      });
    },
    async onDelete(event: WechatMiniprogram.TouchEvent) {
      const id = event.currentTarget.dataset.id as string;
      if (!(await confirmAction('删除履职记录', '删除后不再计入履职手册，确定删除吗？'))) return;
      try {
        await call('duties.delete', { id, requestId: newRequestId() });
        showSuccess('已删除');
        await this.load();
      } catch (error) {
        showError(error);
      }
    },
    onKind(event: WechatMiniprogram.TouchEvent) {
      this.setData({ 'form.kind': event.currentTarget.dataset.value as DutyKind, 'errors.kind': '' });
    },
    onDate(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.date': event.detail.value, 'errors.date': '' });
    },
    onInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = event.currentTarget.dataset.field as 'place' | 'summary';
      this.setData({ [`form.${field}`]: event.detail.value, [`errors.${field}`]: '' });
    },
    onPublic(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.isPublic': Boolean(event.detail.value) });
    },
    async onAddPhotos(event: WechatMiniprogram.CustomEvent<{ files: { url: string }[] }>) {
      if (await addPickedPhotos(this, event, () => `duties/${this.data.requestId}`)) this.setData({ 'errors.photos': '' });
    },
    onRemovePhoto(event: WechatMiniprogram.CustomEvent<{ index: number }>) {
      removePickedPhoto(this, event);
    },
    async onSave() {
      const { form, photos, editingId, saving, uploading, requestId } = this.data;
      if (saving || uploading) return;
      if (!form.kind) return this.setData({ 'errors.kind': '请选择履职类型' });
      this.setData({ saving: true });
      const fields = {
        kind: form.kind,
        date: form.date,
        summary: form.summary.trim(),
        isPublic: form.isPublic,
        photos: photos.map((p) => p.fileID),
      };
      try {
        if (editingId) await call('duties.edit', { id: editingId, ...fields, place: form.place.trim(), requestId });
        else await call('duties.log', { ...fields, ...(form.place.trim() ? { place: form.place.trim() } : {}), requestId });
        showSuccess(editingId ? '已保存' : '已记录');
        this.setData({ composing: false, editingId: '', form: emptyForm(), ...showPhotos([]), errors: {}, requestId: '' });
        await this.load();
      } catch (error) {
        this.setData({ errors: showFieldError(error, FORM_FIELDS) });
      } finally {
        this.setData({ saving: false });
      }
    },
    onOpenReport() {
      openPage(`${routes.dutyReport}?delegateId=${this.data.delegateId}&year=${this.data.year}`);
    },
    onOpenDerived(event: WechatMiniprogram.TouchEvent) {
      const refId = event.currentTarget.dataset.ref as string;
      if (refId) openPage(`${routes.suggestion}?id=${refId}`);
    },
  },
});
