import type { ReviewStatus } from '../../typings/contract';

// 专项评议 on the phone: labels shared by the public and staff's pages.

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  upcoming: '即将开始',
  open: '评议中',
  closed: '已结束，待公布',
  published: '结果已公布',
};
