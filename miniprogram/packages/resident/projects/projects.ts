import type { ProjectYearSummary } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { attempt, openPage } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { appendNextPage, emptyList, firstPage, type PagedData } from '../../../services/paging';
import { saveProjectsCsv, toProjectRow, yearLine, type ProjectRow } from '../../../services/projects';
import { routes } from '../../../services/routes';
import { shanghai } from '../../../services/time';

// 实事成效: the year's 民生实事 with status, percent, the next checkpoint and a delayed badge; the year's
// summary above; the open data (CSV) below. Reached from 首页 and the 投票 tab.

interface ProjectsData extends PagedData<ProjectRow> {
  year: number;
  summary: string;
  exporting: boolean;
}

definePage({
  data: { ...emptyList<ProjectRow>(), year: shanghai().year(), summary: '', exporting: false } as ProjectsData,
  refresh: true,
  query: (query) => (query.year && /^\d{4}$/.test(query.year) ? { year: Number(query.year) } : {}),
  share() {
    return { title: `${this.data.year} 年民生实事办理成效`, path: `${routes.projects}?year=${this.data.year}` };
  },
  async firstScreen() {
    const { year } = this.data;
    const [page, summary] = await Promise.all([call('projects.list', { year }), call('projects.summary', { year })]);
    return { ...firstPage(page, toProjectRow), summary: yearLine(summary as ProjectYearSummary) };
  },
  methods: {
    onReachBottom() {
      const { year } = this.data;
      return appendNextPage(this, (cursor) => call('projects.list', { year, cursor }), toProjectRow);
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.project}?id=${encodeURIComponent(event.currentTarget.dataset.id as string)}`);
    },
    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      await attempt(async () => {
        const { filename, csv } = await call('projects.export', { year: this.data.year });
        saveProjectsCsv(filename, csv);
      });
      this.setData({ exporting: false });
    },
  },
});
