import { call, newRequestId } from '../../../services/api';
import { confirmAction, showError, showFieldError, showSuccess } from '../../../services/feedback';
import { toFeedRow, type FeedRow } from '../../../services/duties';
import { definePage } from '../../../services/page';
import { appendNextPage, emptyList, type PagedData } from '../../../services/paging';
import { pickAndUploadPhotos } from '../../../services/upload';

// 履职动态管理 (staff): post the committee's news (with photos) to 武进云上人大's 履职动态, and take a
// post down again. Delegates' public entries show beside them; they are the delegates' own to change.

const PHOTOS_MAX = 6;
const FORM_FIELDS = ['title', 'body', 'photos'] as const;

interface NewsRow extends FeedRow {
  isNews: boolean;
}

interface NewsData extends PagedData<NewsRow> {
  title: string;
  body: string;
  photos: { fileID: string; preview: string }[];
  errors: Partial<Record<(typeof FORM_FIELDS)[number], string>>;
  saving: boolean;
  uploading: boolean;
  requestId: string;
}

const toNewsRow = (item: Parameters<typeof toFeedRow>[0]): NewsRow => ({ ...toFeedRow(item), isNews: item.type === 'news' });

definePage({
  data: {
    ...emptyList<NewsRow>(),
    title: '',
    body: '',
    photos: [],
    errors: {},
    saving: false,
    uploading: false,
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
    async onAddPhoto() {
      const { photos, uploading, requestId } = this.data;
      if (uploading || photos.length >= PHOTOS_MAX) return;
      const path = (index: number) => `news/${requestId}/${photos.length + index}.jpg`;
      const added = await pickAndUploadPhotos(PHOTOS_MAX - photos.length, path, () => this.setData({ uploading: true }));
      this.setData({ uploading: false, photos: photos.concat(added) });
    },
    onRemovePhoto(event: WechatMiniprogram.TouchEvent) {
      this.setData({ photos: this.data.photos.filter((p) => p.fileID !== event.currentTarget.dataset.id) });
    },
    async onPost() {
      const { title, body, photos, saving, requestId } = this.data;
      if (saving) return;
      this.setData({ saving: true });
      try {
        await call('admin.news.post', { title: title.trim(), body: body.trim(), photos: photos.map((p) => p.fileID), requestId });
        showSuccess('已发布');
        this.setData({ title: '', body: '', photos: [], errors: {}, requestId: newRequestId() });
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
