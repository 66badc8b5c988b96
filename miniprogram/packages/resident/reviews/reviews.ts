import type { ReviewSummary } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { openPage } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { appendNextPage, emptyList, firstPage, type PagedData } from '../../../services/paging';
import { routes } from '../../../services/routes';
import { REVIEW_STATUS_LABELS } from '../../../services/reviews';
import { formatDate } from '../../../services/time';

// 专项评议: the street's reviews of its departments, newest first.

interface ReviewRow {
  id: string;
  title: string;
  meta: string;
}

const toRow = (r: ReviewSummary): ReviewRow => ({
  id: r.id,
  title: r.title,
  meta: `${REVIEW_STATUS_LABELS[r.status]} · ${r.department} · ${formatDate(r.opensAt)} 至 ${formatDate(r.closesAt)}`,
});

definePage({
  data: emptyList<ReviewRow>() as PagedData<ReviewRow>,
  refresh: true,
  share() {
    return { title: '专项评议', path: routes.reviews };
  },
  async firstScreen() {
    return firstPage(await call('reviews.list', {}), toRow);
  },
  methods: {
    onReachBottom() {
      return appendNextPage(this, (cursor) => call('reviews.list', { cursor }), toRow);
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.review}?id=${event.currentTarget.dataset.id}`);
    },
  },
});
