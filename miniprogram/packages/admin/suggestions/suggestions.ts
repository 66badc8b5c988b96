import type { AnswerClass, SuggestionStatus, SuggestionSummary } from '../../../../typings/contract';
import { ApiCallError, call, newRequestId } from '../../../services/api';
import { confirmAction, openPage, showError, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { appendNextPage, emptyList, listAsShown, type PagedData } from '../../../services/paging';
import { routes } from '../../../services/routes';
import { ANSWER_CLASS_LABELS, toSuggestionRow, type SuggestionRow } from '../../../services/suggestions';
import { dateFromToday, shanghaiInstant } from '../../../services/time';

// 代表建议交办 (staff): by status, newest first. A suggestion waiting to be assigned gets a unit and a
// due date; an assigned one gets the unit's answer and its class. Both are confirmed, and audited.

type Filter = SuggestionStatus;
type FormKind = 'assign' | 'answer' | '';

interface StaffRow extends SuggestionRow {
  status: SuggestionStatus;
}

interface StaffSuggestionsData extends PagedData<StaffRow> {
  filter: Filter;
  tabs: { key: Filter; label: string }[];
  formFor: string;
  formKind: FormKind;
  unit: string;
  dueDate: string;
  answer: string;
  answerClass: AnswerClass | '';
  classes: { key: AnswerClass; label: string }[];
  formError: string;
  busy: boolean;
  requestId: string;
}

const TABS: { key: Filter; label: string }[] = [
  { key: 'submitted', label: '待交办' },
  { key: 'assigned', label: '办理中' },
  { key: 'answered', label: '待评价' },
  { key: 'closed', label: '已办结' },
];
const toStaffRow = (s: SuggestionSummary): StaffRow => ({ ...toSuggestionRow(s), status: s.status });

definePage({
  data: {
    ...emptyList<StaffRow>(),
    filter: 'submitted',
    tabs: TABS,
    formFor: '',
    formKind: '',
    unit: '',
    dueDate: dateFromToday(30),
    answer: '',
    answerClass: '',
    classes: (Object.keys(ANSWER_CLASS_LABELS) as AnswerClass[]).map((key) => ({ key, label: ANSWER_CLASS_LABELS[key] })),
    formError: '',
    busy: false,
    requestId: '',
  } as StaffSuggestionsData,
  refresh: true,
  loadOn: 'show',
  async firstScreen() {
    const { filter } = this.data;
    return listAsShown(this, (cursor) => call('admin.suggestions.list', { status: filter, cursor }), toStaffRow);
  },
  methods: {
    onReachBottom() {
      const { filter } = this.data;
      return appendNextPage(this, (cursor) => call('admin.suggestions.list', { status: filter, cursor }), toStaffRow);
    },
    onFilter(event: WechatMiniprogram.CustomEvent<{ value: Filter }>) {
      if (event.detail.value === this.data.filter) return;
      // A new list: the old filter's next page, if it arrives, is dropped (services/paging.ts).
      this.setData({ filter: event.detail.value, status: 'loading', rows: [], nextCursor: null, formFor: '' });
      this.load();
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.suggestion}?id=${event.currentTarget.dataset.id}`);
    },
    onStartForm(event: WechatMiniprogram.TouchEvent) {
      const { id, kind } = event.currentTarget.dataset as { id: string; kind: FormKind };
      const same = this.data.formFor === id && this.data.formKind === kind;
      this.setData({ formFor: same ? '' : id, formKind: same ? '' : kind, formError: '', requestId: newRequestId() });
    },
    onUnit(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ unit: event.detail.value, formError: '' });
    },
    onDueDate(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ dueDate: event.detail.value, formError: '' });
    },
    onAnswer(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ answer: event.detail.value, formError: '' });
    },
    onClass(event: WechatMiniprogram.TouchEvent) {
      this.setData({ answerClass: event.currentTarget.dataset.key as AnswerClass, formError: '' });
    },
    async onSubmitForm() {
      const { formFor: id, formKind, unit, dueDate, answer, answerClass, busy, requestId } = this.data;
      if (busy || !id) return;
      if (formKind === 'answer' && !answerClass) {
        this.setData({ formError: '请选择答复类别' });
        return;
      }
      const question =
        formKind === 'assign'
          ? ['交办承办单位', `交办给“${unit}”，办理期限 ${dueDate}。确定吗？`]
          : ['登记答复', `登记为${ANSWER_CLASS_LABELS[answerClass as AnswerClass]}并公开答复，代表将收到通知。确定吗？`];
      if (!(await confirmAction(question[0], question[1]))) return;
      this.setData({ busy: true });
      try {
        if (formKind === 'assign')
          // The end of the chosen day on a Shanghai clock.
          await call('admin.suggestions.assign', { id, unit, dueAt: shanghaiInstant(dueDate, '23:59'), requestId });
        else await call('admin.suggestions.answer', { id, answer, class: answerClass as AnswerClass, requestId });
        showSuccess(formKind === 'assign' ? '已交办' : '答复已登记');
        this.setData({ formFor: '', formKind: '', unit: '', answer: '', answerClass: '' });
        await this.load();
      } catch (error) {
        if (error instanceof ApiCallError && error.field && error.field !== 'id') this.setData({ formError: error.message });
        else showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
