import type { CampaignResults } from '../../../../typings/contract';
import { ApiCallError, call } from '../../../services/api';
import { showError } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { campaignStatusLabels, collectCsv, saveCsv, toResultBars, totalsCsv, type ResultBar } from '../../../services/voting';
import { routes } from '../../../services/routes';

// 投票结果: projects ranked by votes with a bar each (plain views, no canvas: it scales with the
// font setting and reads in screen readers), the ballot count, and whether the count is final.
// Once published, anyone can take the ballots (choices and day, no voter) as CSV and recount.

interface ResultsData {
  id: string;
  title: string;
  statusLabel: string;
  ballots: number;
  bars: ResultBar[];
  note: string;
  /** Published: the ballots are open data. */
  openData: boolean;
  downloading: boolean;
  /** "网上 120 张，纸质 36 张（2 个站点）" when paper ballots were counted (docs/architecture.md#paper-ballots). */
  sources: string;
}

definePage({
  data: {
    id: '',
    title: '',
    statusLabel: '',
    ballots: 0,
    bars: [],
    note: '',
    openData: false,
    downloading: false,
    sources: '',
  } as ResultsData,
  share() {
    return { title: this.data.title ? `「${this.data.title}」投票结果` : '民生实事票选结果', path: `${routes.results}?id=${this.data.id}` };
  },
  query: (query) => ({ id: query.id ?? '' }),
  async firstScreen() {
    const id = this.data.id;
    const hidden = (error: unknown) => {
      if (error instanceof ApiCallError && error.code === 'PERMISSION_DENIED') return error.message;
      throw error;
    };
    const [campaign, running] = await Promise.all([call('campaigns.get', { id }), call('campaigns.results', { id }).catch(hidden)]);
    const results: CampaignResults | undefined = campaign.results ?? (typeof running === 'string' ? undefined : running);
    if (!results) return { status: 'empty', title: campaign.title, note: String(running) };
    return {
      status: 'ready',
      title: campaign.title,
      statusLabel: campaignStatusLabels[campaign.status],
      ballots: results.ballots,
      bars: toResultBars(results.totals, campaign.projects),
      sources: results.sources
        ? `网上 ${results.sources.online.ballots} 张，纸质 ${results.sources.paper.ballots} 张（${results.sources.paper.batches} 个站点）`
        : '',
      note: results.final ? '投票已截止，计票已与全部选票逐张复核一致。' : '投票进行中，结果实时更新，以截止后的复核结果为准。',
      openData: campaign.status === 'published',
    };
  },
  methods: {
    /** The open data file: the published totals, then every ballot (choices and day), for anyone to recount. */
    async onOpenData() {
      if (this.data.downloading) return;
      const id = this.data.id;
      this.setData({ downloading: true });
      try {
        let head: { results: CampaignResults; projects: { id: string; title: string }[] } | undefined;
        const { csv, rows } = await collectCsv(async (cursor) => {
          const page = await call('campaigns.openData', { id, ...(cursor ? { cursor } : {}) });
          head ??= page;
          return page;
        });
        saveCsv(`open-data-${id}.csv`, `${totalsCsv(head!.results, head!.projects)}\n\n${csv}`, rows);
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ downloading: false });
      }
    },
  },
});
