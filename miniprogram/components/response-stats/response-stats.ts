import { call } from '../../services/api';

// A delegate's public response statistics (delegates.stats) for the profile page: received, replied
// within the service level, median time to first reply, satisfaction; 样本不足 below 10 messages.

Component({
  // The house's .yz-section cards come from app.wxss.
  options: { addGlobalClass: true },
  properties: {
    delegateId: { type: String, value: '' },
  },
  data: { ready: false, sufficient: false, received: 0, withinSla: '', medianReply: '', satisfaction: '' },
  observers: {
    delegateId(id: string) {
      if (id) this.load(id);
    },
  },
  methods: {
    async load(id: string) {
      try {
        const stats = await call('delegates.stats', { id });
        this.setData({
          ready: true,
          sufficient: stats.sufficient,
          received: stats.received,
          withinSla: stats.repliedWithinSlaRate === undefined ? '' : `${Math.round(stats.repliedWithinSlaRate * 100)}%`,
          medianReply: stats.medianFirstReplyHours === undefined ? '暂无' : formatHours(stats.medianFirstReplyHours),
          satisfaction: stats.satisfactionRate === undefined ? '暂无评价' : `${Math.round(stats.satisfactionRate * 100)}%`,
        });
      } catch {
        // The profile stays readable without the figures.
      }
    },
  },
});

function formatHours(hours: number): string {
  return hours < 48 ? `${Math.round(hours)} 小时` : `${Math.round(hours / 24)} 天`;
}
