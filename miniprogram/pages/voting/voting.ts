import { openPage } from '../../services/feedback';
import type { PageStateData } from '../../services/page-state';
import { routes } from '../../services/routes';

// 投票: the year's livelihood-project campaigns. Until the voting capability fills it (campaigns.list,
// loaded in onLoad with ONE setData), it shows its empty state.

type VotingData = PageStateData;

Component({
  data: {
    status: 'empty',
    errorText: '',
  } as VotingData,
  methods: {
    onOpenAbout() {
      openPage(routes.about);
    },
  },
});
