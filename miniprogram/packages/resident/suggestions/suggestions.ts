import { call } from '../../../services/api';
import { openPage } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { appendNextPage, emptyList, firstPage, type PagedData } from '../../../services/paging';
import { routes } from '../../../services/routes';
import { toSuggestionRow, type SuggestionRow } from '../../../services/suggestions';

// 代表建议办理公开: every suggestion the responsible unit has answered, latest answer first.

definePage({
  data: emptyList<SuggestionRow>() as PagedData<SuggestionRow>,
  refresh: true,
  share() {
    return { title: '代表建议办理情况公开', path: routes.suggestions };
  },
  async firstScreen() {
    return firstPage(await call('suggestions.list', {}), toSuggestionRow);
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('suggestions.list', { cursor }), toSuggestionRow);
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.suggestion}?id=${event.currentTarget.dataset.id}`);
    },
  },
});
