import type { Delegate } from '../../../../typings/contract';
import { call, newRequestId } from '../../../services/api';
import { openPage, showError, showFieldError, showSuccess } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { appendNextPage, emptyList, listAsShown, type PagedData } from '../../../services/paging';
import { routes } from '../../../services/routes';
import { toSuggestionRow, type SuggestionRow } from '../../../services/suggestions';

// 我的建议 (a delegate): the suggestions they filed or co-signed, and the form to file one with
// co-signing delegates. Errors of a field show under it.

const CATEGORIES = ['城市建设', '环境整治', '交通出行', '养老服务', '教育医疗', '社区治理', '其他'];

interface Form {
  title: string;
  body: string;
  category: string;
  coSigners: string[];
}

interface MySuggestionsData extends PagedData<SuggestionRow> {
  composing: boolean;
  form: Form;
  errors: Partial<Record<keyof Form, string>>;
  categories: string[];
  delegates: { id: string; name: string; checked: boolean }[];
  saving: boolean;
  /** One filing's key, kept until it is answered: a resend after a lost answer files nothing twice. */
  requestId: string;
}

const emptyForm = (): Form => ({ title: '', body: '', category: '', coSigners: [] });

definePage({
  data: {
    ...emptyList<SuggestionRow>(),
    composing: false,
    form: emptyForm(),
    errors: {},
    categories: CATEGORIES,
    delegates: [],
    saving: false,
    requestId: '',
  } as MySuggestionsData,
  refresh: true,
  loadOn: 'show',
  async firstScreen() {
    return listAsShown(this, (cursor) => call('suggestions.mine', { cursor }), toSuggestionRow);
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('suggestions.mine', { cursor }), toSuggestionRow);
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.suggestion}?id=${event.currentTarget.dataset.id}`);
    },
    async onCompose() {
      if (this.data.composing) {
        this.setData({ composing: false });
        return;
      }
      this.setData({ composing: true, requestId: this.data.requestId || newRequestId() });
      if (this.data.delegates.length) return;
      try {
        // Co-signers are picked from the street's delegates (a street has a few dozen).
        const [me, listed] = await Promise.all([call('me.get', {}), allDelegates()]);
        this.setData({ delegates: listed.filter((d) => d.id !== me.delegateId).map((d) => ({ id: d.id, name: d.name, checked: false })) });
      } catch (error) {
        showError(error);
      }
    },
    onInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = event.currentTarget.dataset.field as 'title' | 'body';
      this.setData({ [`form.${field}`]: event.detail.value, [`errors.${field}`]: '' });
    },
    onCategory(event: WechatMiniprogram.TouchEvent) {
      this.setData({ 'form.category': event.currentTarget.dataset.value as string, 'errors.category': '' });
    },
    onCoSigner(event: WechatMiniprogram.TouchEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const delegates = this.data.delegates.map((d, i) => (i === index ? { ...d, checked: !d.checked } : d));
      this.setData({ delegates, 'form.coSigners': delegates.filter((d) => d.checked).map((d) => d.id) });
    },
    async onSubmit() {
      if (this.data.saving) return;
      const { title, body, category, coSigners } = this.data.form;
      if (!category) {
        this.setData({ 'errors.category': '请选择建议类别' });
        return;
      }
      this.setData({ saving: true });
      try {
        await call('suggestions.submit', {
          title,
          body,
          category,
          ...(coSigners.length ? { coSigners } : {}),
          requestId: this.data.requestId,
        });
        showSuccess('建议已提交');
        this.setData({
          composing: false,
          form: emptyForm(),
          errors: {},
          requestId: '',
          delegates: this.data.delegates.map((d) => ({ ...d, checked: false })),
        });
        await this.load();
      } catch (error) {
        this.setData({ errors: showFieldError(error, ['title', 'body', 'category', 'coSigners']) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});

/** Every delegate of the street, page after page (a few dozen). */
async function allDelegates(): Promise<Delegate[]> {
  const found: Delegate[] = [];
  let cursor: string | undefined;
  do {
    const page = await call('delegates.list', cursor ? { cursor } : {});
    found.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && found.length < 500);
  return found;
}
