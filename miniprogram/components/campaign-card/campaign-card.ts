import { openPage } from '../../services/feedback';
import { routes } from '../../services/routes';
import type { CampaignCard } from '../../services/voting';

// The home page's "current campaign" card: the newest open campaign, or nothing at all. The home page
// reads it with its first screen (one setData for the whole screen), so the card renders what it is given.

Component({
  // The pressed state (yz-pressed) comes from app.wxss.
  options: { addGlobalClass: true },
  properties: {
    campaign: { type: Object, value: null as unknown as CampaignCard | null },
  },
  methods: {
    onOpen() {
      const campaign = this.data.campaign as CampaignCard | null;
      if (campaign) openPage(`${routes.campaign}?id=${campaign.id}`);
    },
  },
});
