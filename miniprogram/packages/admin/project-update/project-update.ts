import { PHOTOS_MAX } from '../../../generated/contract';
import { ApiCallError, call, newRequestId } from '../../../services/api';
import { confirmAction, showError, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { formatDate } from '../../../services/time';
import { addPickedPhotos, photoUpload, removePickedPhoto, type PhotoUploadData } from '../../../services/upload';

// 发布进展 (公告, staff): what was done, the percent (never lower than last time without a stated
// reason), the checkpoint it reached, photos. Opened from the month's 单月公告 task it starts from the
// draft the timer prefilled. Followers are told once it is published.

interface UpdateData extends PhotoUploadData {
  id: string;
  title: string;
  lastPercent: number;
  body: string;
  percent: number;
  reason: string;
  checkpoints: { id: string; label: string }[];
  checkpointId: string;
  wantsDraft: boolean;
  formError: string;
  busy: boolean;
  requestId: string;
}

definePage({
  data: {
    id: '',
    title: '',
    lastPercent: 0,
    body: '',
    percent: 0,
    reason: '',
    checkpoints: [],
    checkpointId: '',
    ...photoUpload(PHOTOS_MAX),
    wantsDraft: false,
    formError: '',
    busy: false,
    requestId: newRequestId(),
  } as UpdateData,
  query: (query) => ({ id: query.id ?? '', wantsDraft: query.draft === '1' }),
  async firstScreen() {
    const [detail, tasks] = await Promise.all([
      call('projects.get', { id: this.data.id }),
      // The server's month: the task was opened by its clock.
      this.data.wantsDraft ? call('admin.projects.tasks', {}) : Promise.resolve({ month: '', items: [] }),
    ]);
    if (!detail.can.postUpdate) return { status: 'empty', title: detail.project.title };
    const draft = tasks.items.find((t) => t.projectId === this.data.id && t.kind === 'announce')?.draft ?? '';
    return {
      title: detail.project.title,
      lastPercent: detail.project.percent,
      percent: detail.project.percent,
      body: this.data.body || draft,
      checkpoints: (detail.plan?.checkpoints ?? [])
        .filter((c) => !c.doneAt)
        .map((c) => ({ id: c.id, label: `${c.title}（计划 ${formatDate(c.dueAt)}）` })),
    };
  },
  methods: {
    onBody(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ body: event.detail.value, formError: '' });
    },
    onPercent(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ percent: Number(event.detail.value), formError: '' });
    },
    onReason(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: event.detail.value, formError: '' });
    },
    /** One checkpoint at most, or none: ticking another moves the tick. */
    onCheckpoint(event: WechatMiniprogram.TouchEvent) {
      const id = event.currentTarget.dataset.id as string;
      this.setData({ checkpointId: this.data.checkpointId === id ? '' : id });
    },
    onAddPhotos(event: WechatMiniprogram.CustomEvent<{ files: { url: string }[] }>) {
      return addPickedPhotos(this, event, () => `projects/${this.data.requestId}`);
    },
    onRemovePhoto(event: WechatMiniprogram.CustomEvent<{ index: number }>) {
      removePickedPhoto(this, event);
    },
    async onPublish() {
      const { id, body, percent, reason, checkpointId, photos, busy, uploading, requestId, lastPercent } = this.data;
      if (busy || uploading) return;
      const lower = percent < lastPercent;
      if (lower && reason.trim().length < 2) return this.setData({ formError: `进度低于上次公布的 ${lastPercent}%，请填写下调理由` });
      if (!(await confirmAction('发布进展', `进度 ${percent}%，发布后向社会公开并通知关注的居民。确定吗？`))) return;
      this.setData({ busy: true });
      try {
        const { status } = await call('admin.projects.postUpdate', {
          id,
          body,
          percent,
          ...(photos.length ? { photos: photos.map((p) => p.fileID) } : {}),
          ...(checkpointId ? { checkpointId } : {}),
          ...(lower ? { reason } : {}),
          requestId,
        });
        showSuccess(status === 'completed' ? '已发布，项目完工' : '进展已发布');
        wx.navigateBack({ fail: () => undefined });
      } catch (error) {
        if (error instanceof ApiCallError && error.field && error.field !== 'id')
          this.setData({ formError: error.message, requestId: newRequestId() });
        else showError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
