import type { Review, ReviewStatus } from '../../../../typings/contract';
import { ApiCallError, call, newRequestId } from '../../../services/api';
import { confirmAction, openPage, showError, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { appendNextPage, emptyList, listAsShown, type PagedData } from '../../../services/paging';
import { REVIEW_STATUS_LABELS } from '../../../services/reviews';
import { routes } from '../../../services/routes';
import { dateFromToday, formatDate, shanghaiInstant } from '../../../services/time';

// 专项评议管理 (staff): open a review (lines of topics and criteria, a period picked by date), and
// after its period publish the averages with the 整改事项 (one a line), read the comments, and mark
// each 整改事项 done with what was done. Publishing is confirmed; every step is audited.

interface ReviewRow {
  id: string;
  title: string;
  status: ReviewStatus;
  meta: string;
}

interface Draft {
  title: string;
  department: string;
  topics: string;
  criteria: string;
  opensOn: string;
  closesOn: string;
}

interface StaffReviewsData extends PagedData<ReviewRow> {
  creating: boolean;
  draft: Draft;
  formError: string;
  busy: boolean;
  requestId: string;
  /** The review whose details are open below its row (publish form, comments, 整改事项). */
  openFor: string;
  rectificationsText: string;
  comments: { text: string; meta: string }[];
  items: { id: string; text: string; done: boolean; state: string }[];
  noteFor: string;
  note: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const emptyDraft = (): Draft => ({
  title: '',
  department: '',
  topics: '',
  criteria: '工作态度\n办事效率\n整改成效',
  opensOn: dateFromToday(0),
  closesOn: dateFromToday(14),
});
const toRow = (r: {
  id: string;
  title: string;
  status: ReviewStatus;
  department: string;
  opensAt: string;
  closesAt: string;
}): ReviewRow => ({
  id: r.id,
  title: r.title,
  status: r.status,
  meta: `${REVIEW_STATUS_LABELS[r.status]} · ${r.department} · ${formatDate(r.opensAt)} 至 ${formatDate(r.closesAt)}`,
});
const itemsOf = (r: Review) =>
  r.rectifications.map((i) => ({
    id: i.id,
    text: i.text,
    done: i.status === 'done',
    state: i.status === 'done' ? `已完成：${i.note ?? ''}` : '整改中',
  }));

definePage({
  data: {
    ...emptyList<ReviewRow>(),
    creating: false,
    draft: emptyDraft(),
    formError: '',
    busy: false,
    requestId: '',
    openFor: '',
    rectificationsText: '',
    comments: [],
    items: [],
    noteFor: '',
    note: '',
  } as StaffReviewsData,
  refresh: true,
  loadOn: 'show',
  async firstScreen() {
    return listAsShown(this, (cursor) => call('reviews.list', { cursor }), toRow);
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('reviews.list', { cursor }), toRow);
    },
    onNew() {
      this.setData({ creating: !this.data.creating, formError: '', requestId: newRequestId() });
    },
    onDraft(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ [`draft.${event.currentTarget.dataset.field as keyof Draft}`]: event.detail.value, formError: '' });
    },
    async onCreate() {
      if (this.data.busy) return;
      const { title, department, topics, criteria, opensOn, closesOn } = this.data.draft;
      this.setData({ busy: true });
      try {
        await call('admin.reviews.create', {
          title,
          department,
          topics: lines(topics),
          criteria: lines(criteria),
          opensAt: shanghaiInstant(opensOn, '00:00'),
          closesAt: shanghaiInstant(closesOn, '23:59'),
          requestId: this.data.requestId,
        });
        showSuccess('评议已发起');
        this.setData({ creating: false, draft: emptyDraft(), requestId: '' });
        await this.load();
      } catch (error) {
        if (error instanceof ApiCallError && error.field) this.setData({ formError: error.message });
        else showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onOpenPublic(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.review}?id=${event.currentTarget.dataset.id}`);
    },
    async onDetails(event: WechatMiniprogram.TouchEvent) {
      const id = event.currentTarget.dataset.id as string;
      if (this.data.openFor === id) {
        this.setData({ openFor: '' });
        return;
      }
      try {
        const [review, comments] = await Promise.all([call('reviews.get', { id }), call('admin.reviews.comments', { id })]);
        this.setData({
          openFor: id,
          items: itemsOf(review),
          comments: comments.items.map((c) => ({
            text: c.text,
            meta: `${c.role === 'delegate' ? '代表' : '居民'} · ${c.day}${c.flagged ? ' · 需人工核查' : ''}`,
          })),
          rectificationsText: '',
          noteFor: '',
          formError: '',
          requestId: newRequestId(),
        });
      } catch (error) {
        showError(error);
      }
    },
    onRectificationsText(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ rectificationsText: event.detail.value, formError: '' });
    },
    async onPublish() {
      const id = this.data.openFor;
      const rectifications = lines(this.data.rectificationsText);
      if (this.data.busy || !id) return;
      if (!(await confirmAction('公布评议结果', `公布各项平均分和 ${rectifications.length} 项整改事项，公布后不能撤回。确定吗？`))) return;
      this.setData({ busy: true });
      try {
        await call('admin.reviews.publish', { id, rectifications, requestId: this.data.requestId });
        showSuccess('结果已公布');
        this.setData({ openFor: '' });
        await this.load();
      } catch (error) {
        if (error instanceof ApiCallError && error.field === 'rectifications') this.setData({ formError: error.message });
        else showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onStartNote(event: WechatMiniprogram.TouchEvent) {
      this.setData({ noteFor: event.currentTarget.dataset.item as string, note: '', formError: '', requestId: newRequestId() });
    },
    onNote(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ note: event.detail.value, formError: '' });
    },
    async onRectify() {
      const { openFor: id, noteFor: itemId, note, busy, requestId } = this.data;
      if (busy || !id || !itemId) return;
      this.setData({ busy: true });
      try {
        await call('admin.reviews.rectify', { id, itemId, note, requestId });
        showSuccess('已标记完成');
        const review = await call('reviews.get', { id });
        this.setData({ items: itemsOf(review), noteFor: '' });
      } catch (error) {
        if (error instanceof ApiCallError && error.field === 'note') this.setData({ formError: error.message });
        else showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
