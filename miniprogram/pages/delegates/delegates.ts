import { openPage } from '../../services/feedback';
import type { PageStateData } from '../../services/page-state';
import { routes } from '../../services/routes';

// 代表: the delegate directory. Until the directory capability fills it (delegates.list, 20 a page,
// loaded in onLoad with ONE setData), it shows its empty state.

type DelegatesData = PageStateData;

Component({
  data: {
    status: 'empty',
    errorText: '',
  } as DelegatesData,
  methods: {
    onOpenStations() {
      openPage(routes.stations);
    },
  },
});
