import { routes } from '../../services/routes';
import type { YearSummary } from '../../../typings/contract';
import { openPage } from '../../services/feedback';

// 今年的留言: collected, replied, resolved and satisfaction, counted from the data (stats.summary).
// The home page loads the summary with its first screen and passes it in.

Component({
  // The house's .yz-section cards come from app.wxss.
  options: { addGlobalClass: true },
  properties: {
    summary: { type: Object, value: null as YearSummary | null },
  },
  data: { satisfaction: '' },
  observers: {
    summary(summary: YearSummary | null) {
      if (summary)
        this.setData({
          satisfaction: summary.satisfactionRate === undefined ? '暂无评价' : `${Math.round(summary.satisfactionRate * 100)}%`,
        });
    },
  },
  methods: {
    onOpenWall() {
      openPage(routes.wall);
    },
  },
});
