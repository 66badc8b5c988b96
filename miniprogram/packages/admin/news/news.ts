import { call, newRequestId } from '../../../services/api';
import { confirmAction, showError, showFieldError, showSuccess } from '../../../services/feedback';
import { toFeedRow, type FeedRow } from '../../../services/duties';
import { definePage } from '../../../services/page';
import { appendNextPage, emptyList, type PagedData } from '../../../services/paging';
import { PHOTOS_MAX } from '../../../generated/contract';
import { addPickedPhotos, photoUpload, removePickedPhoto, showPhotos, type PhotoUploadData } from '../../../services/upload';

// 履职动态管理 (staff): post the committee's news (with photos) to 武进云上人大's 履职动态, and take a
// post down again. Delegates' public entries show beside them; they are the delegates' own to change.

const FORM_FIELDS = ['title', 'body', 'photos'] as const;

interface NewsRow extends FeedRow {
  isNews: boolean;
}

interface NewsData extends PagedData<NewsRow>, PhotoUploadData {
  title: string;
  body: string;
  errors: Partial<Record<(typeof FORM_FIELDS)[number], string>>;
  saving: boolean;
  requestId: string;
}

const toNewsRow = (item: Parameters<typeof toFeedRow>[0]): NewsRow => ({ ...toFeedRow(item), isNews: item.type === 'news' });

definePage({
  data: {
    ...emptyList<NewsRow>(),
    title: '',
    body: '',
    ...photoUpload(PHOTOS_MAX),
    errors: {},
    saving: false,
    requestId: '',
  } as NewsData,
  refresh: true,
  async firstScreen() {
    const page = await call('duties.feed', {});
    // The form shows even when nothing is posted yet: the page is 'ready' either way.
    return {
      status: 'ready',
      rows: page.items.map(toNewsRow),
      nextCursor: page.nextCursor,
      requestId: this.data.requestId || newRequestId(),
    };
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('duties.feed', { cursor }), toNewsRow);
    },
    onInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = event.currentTarget.dataset.field as 'title' | 'body';
      this.setData({ [field]: event.detail.value, [`errors.${field}`]: '' });
    },
    async onAddPhotos(event: WechatMiniprogram.CustomEvent<{ files: { url: string }[] }>) {
      if (await addPickedPhotos(this, event, () => `news/${this.data.requestId}`)) this.setData({ 'errors.photos': '' });
    },
    onRemovePhoto(event: WechatMiniprogram.CustomEvent<{ index: number }>) {
      removePickedPhoto(this, event);
    },
    async onPost() {
      const { title, body, photos, saving, uploading, requestId } = this.data;
      if (saving || uploading) return;
      this.setData({ saving: true });
      try {
        await call('admin.news.post', { title: title.trim(), body: body.trim(), photos: photos.map((p) => p.fileID), requestId });
        showSuccess('已发布');
        this.setData({ title: '', body: '', ...showPhotos([]), errors: {}, requestId: newRequestId() });
        await this.load();
      } catch (error) {
        this.setData({ errors: showFieldError(error, FORM_FIELDS) });
      } finally {
        this.setData({ saving: false });
      }
    },
    async onRemove(event: WechatMiniprogram.TouchEvent) {
      const id = event.currentTarget.dataset.id as string;
      if (!(await confirmAction('撤下动态', '撤下后公众不再看到这条动态，确定撤下吗？'))) return;
      try {
        await call('admin.news.remove', { id, requestId: newRequestId() });
        showSuccess('已撤下');
        await this.load();
      } catch (error) {
        showError(error);
      }
    },
  },
});
