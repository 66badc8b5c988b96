import type { ResponseStats } from '../../../typings/contract';

// A delegate's public response statistics for the profile page (the page's delegates.profile brings them):
// received, replied within the service level, median time to first reply, satisfaction; 样本不足 below 10 messages.

Component({
  // The house's .yz-section cards come from app.wxss.
  options: { addGlobalClass: true },
  properties: {
    stats: { type: Object, value: null as unknown as ResponseStats | null },
  },
  data: { ready: false, sufficient: false, received: 0, withinSla: '', medianReply: '', satisfaction: '' },
  observers: {
    stats(stats: ResponseStats | null) {
      if (!stats) return;
      this.setData({
        ready: true,
        sufficient: stats.sufficient,
        received: stats.received,
        withinSla: stats.repliedWithinSlaRate === undefined ? '' : `${Math.round(stats.repliedWithinSlaRate * 100)}%`,
        medianReply: stats.medianFirstReplyHours === undefined ? '暂无' : formatHours(stats.medianFirstReplyHours),
        satisfaction: stats.satisfactionRate === undefined ? '暂无评价' : `${Math.round(stats.satisfactionRate * 100)}%`,
      });
    },
  },
});

function formatHours(hours: number): string {
  return hours < 48 ? `${Math.round(hours)} 小时` : `${Math.round(hours / 24)} 天`;
}
