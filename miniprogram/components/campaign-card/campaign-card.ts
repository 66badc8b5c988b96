import { call } from '../../services/api';
import { formatDateTime } from '../../services/time';
import { routes } from '../../services/routes';
import { eligibilityLabels } from '../../services/voting';
import { openPage } from '../../services/feedback';

// The home page's "current campaign" card: the newest open campaign, or nothing at all. It loads
// itself so the home page's first setData does not wait for it; a failure simply hides the card.

Component({
  data: { id: '', title: '', meta: '' },
  lifetimes: {
    async attached() {
      try {
        const page = await call('campaigns.list', { status: 'open' });
        const current = page.items[0];
        if (current)
          this.setData({
            id: current.id,
            title: current.title,
            meta: `${eligibilityLabels[current.eligibility]} · ${formatDateTime(current.closesAt)} 截止`,
          });
      } catch {
        // The voting tab shows the campaigns and their errors; the home page stays calm.
      }
    },
  },
  methods: {
    onOpen() {
      openPage(`${routes.campaign}?id=${this.data.id}`);
    },
  },
});
