import { config } from '../../../services/config';
import { openTab } from '../../../services/feedback';
import { routes } from '../../../services/routes';
import { definePage } from '../../../services/page';

// 关于工委: what the committee's "三联三进三督" practice means for a resident. Static text, no call.

definePage({
  // The committee by the street's configured name (湖塘街道人大工委).
  data: { committee: config.committee },
  methods: {
    onOpenDelegates() {
      openTab(routes.delegates);
    },
  },
});
