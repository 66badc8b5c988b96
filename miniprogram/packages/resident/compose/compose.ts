import type { Delegate, MessageCategory } from '../../../../typings/contract';
import { call, newRequestId } from '../../../services/api';
import { openTab, replacePage, showFieldError, showHint } from '../../../services/feedback';
import { clearDraft, loadDraft, saveDraft } from '../../../services/drafts';
import { definePage } from '../../../services/page';
import { categories, limits } from '../../../services/messages';
import { routes } from '../../../services/routes';
import { decodeScene } from '../../../services/scene';
import { requestSubscriptions } from '../../../services/subscriptions';
import { addPickedPhotos, photoUpload, removePickedPhoto, showPhotos, type PhotoUploadData } from '../../../services/upload';

// 给代表留言: arrives with a delegate chosen (delegateId, or the scene of a 代表码) or with a station
// (the scene of a 站点码: the resident picks one of its delegates), writes, sends.
// The draft keeps one requestId until it is sent, so a retry after a lost answer cannot send twice.

interface ComposeData extends PhotoUploadData {
  /** Arrived by a 站点码: its delegates are offered to choose from. */
  stationId: string;
  delegateId: string;
  delegateName: string;
  /** Arrived by a 站点码: the station's delegates to choose from. */
  stationDelegates: Pick<Delegate, 'id' | 'name' | 'title'>[];
  categories: MessageCategory[];
  category: MessageCategory | '';
  title: string;
  body: string;
  phone: string;
  isPublic: boolean;
  bodyAutosize: { minHeight: number };
  titleMax: number;
  bodyMax: number;
  sending: boolean;
  /** The server's refusal, under the field it names. */
  fieldErrors: Record<string, string>;
}

let requestId = '';
let uploadFolder = '';

/** What a draft keeps: the form, and the requestId its send will carry. */
type Draft = Pick<ComposeData, 'category' | 'title' | 'body' | 'phone' | 'isPublic' | 'photos'> & { requestId: string };
/** One draft per delegate written to. */
const draftKey = (delegateId: string) => `compose:${delegateId}`;
/** Fields of this form the server may name in a refusal. */
const FORM_FIELDS = ['category', 'title', 'body', 'phone', 'photos'] as const;

definePage({
  data: {
    stationId: '',
    delegateId: '',
    delegateName: '',
    stationDelegates: [],
    categories,
    category: '',
    title: '',
    body: '',
    phone: '',
    isPublic: false,
    ...photoUpload(limits.photos),
    bodyAutosize: { minHeight: 120 },
    titleMax: limits.title,
    bodyMax: limits.body,
    sending: false,
    fieldErrors: {},
  } as ComposeData,
  async firstScreen() {
    const { stationId, delegateId, delegateName } = this.data;
    if (stationId) {
      const { items } = await call('delegates.list', { stationId });
      const stationDelegates = items.filter((d) => d.active).map(({ id, name, title }) => ({ id, name, title }));
      if (stationDelegates.length === 0) return { status: 'empty' };
      // One delegate on duty there: nothing to choose.
      const only = stationDelegates.length === 1 ? stationDelegates[0] : undefined;
      return { stationDelegates, delegateId: only?.id ?? '', delegateName: only?.name ?? '' };
    }
    if (!delegateId) return { status: 'empty' };
    if (delegateName) return {};
    // Arrived by a 代表码: the scene carries only the id, so the name comes from the directory.
    const delegate = await call('delegates.get', { id: delegateId });
    return { delegateName: delegate.name };
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      requestId = newRequestId();
      const scanned = decodeScene(options.scene);
      const stationId = !options.delegateId && scanned?.kind === 'station' ? scanned.id : '';
      const delegateId = options.delegateId ?? (scanned?.kind === 'delegate' ? scanned.id : '');
      this.setData({
        stationId,
        delegateId: stationId ? '' : delegateId,
        delegateName: options.name ? decodeURIComponent(options.name) : '',
      });
      if (!stationId && delegateId) this.restoreDraft();
    },
    /** The unsent draft to this delegate, if there is one, with the requestId it was going to carry. */
    restoreDraft() {
      const draft = loadDraft<Draft>(draftKey(this.data.delegateId));
      if (!draft) return;
      const { requestId: kept, ...form } = draft;
      requestId = kept;
      this.setData({ ...form, ...showPhotos(form.photos ?? []) });
      showHint('已恢复您上次未发送的内容');
    },
    keepDraft() {
      const { delegateId, category, title, body, phone, isPublic, photos } = this.data;
      if (delegateId) saveDraft<Draft>(draftKey(delegateId), { category, title, body, phone, isPublic, photos, requestId });
    },
    /** t-check-tag: one delegate at a time, tapping the chosen one keeps them chosen. */
    onPickDelegate(event: WechatMiniprogram.CustomEvent) {
      const { id, name } = event.currentTarget.dataset as { id: string; name: string };
      this.setData({ delegateId: id, delegateName: name });
    },
    /** t-check-tag: one category at a time, tapping the chosen one keeps it chosen. */
    onPickCategory(event: WechatMiniprogram.CustomEvent) {
      this.setData({ category: event.currentTarget.dataset.category as MessageCategory });
      this.keepDraft();
    },
    onTitle(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ title: event.detail.value, 'fieldErrors.title': '' });
      this.keepDraft();
    },
    onBody(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ body: event.detail.value, 'fieldErrors.body': '' });
      this.keepDraft();
    },
    onPhone(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ phone: event.detail.value, 'fieldErrors.phone': '' });
      this.keepDraft();
    },
    onPublic(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ isPublic: event.detail.value });
      this.keepDraft();
    },
    /** t-upload picked several photos at once; the draft keeps those that went up. */
    async onAddPhotos(event: WechatMiniprogram.CustomEvent<{ files: { url: string }[] }>) {
      // Only files in the person's own folder may be attached (the server checks); me.get names it.
      const folder = async () => `${(uploadFolder ||= (await call('me.get', {})).uploadFolder)}/${requestId}`;
      if (await addPickedPhotos(this, event, folder)) this.keepDraft();
    },
    onRemovePhoto(event: WechatMiniprogram.CustomEvent<{ index: number }>) {
      if (removePickedPhoto(this, event)) this.keepDraft();
    },
    onChooseDelegate() {
      openTab(routes.delegates);
    },
    async onSend() {
      const { delegateId, category, title, body, phone, isPublic, photos, sending, uploading } = this.data;
      if (sending || uploading) return;
      if (!delegateId) return showHint('请先选择代表');
      if (!category) return showHint('请选择留言类别');
      // Asked from the tap, as WeChat requires: the resident hears back when the delegate answers.
      await requestSubscriptions(['messageUpdate']);
      this.setData({ sending: true });
      try {
        const { id } = await call('messages.send', {
          delegateId,
          category,
          title: title.trim(),
          body: body.trim(),
          ...(phone.trim() ? { phone: phone.trim() } : {}),
          ...(photos.length ? { photos: photos.map((photo) => photo.fileID) } : {}),
          isPublic,
          requestId,
        });
        clearDraft(draftKey(delegateId));
        requestId = newRequestId();
        replacePage(`${routes.residentThread}?id=${id}`);
      } catch (error) {
        this.setData({ fieldErrors: showFieldError(error, FORM_FIELDS) });
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});
