import type { DutyReport } from '../../../../typings/contract';
import { call } from '../../../services/api';
import { openPage } from '../../../services/feedback';
import { currentYear, DUTY_KINDS, toProgressRow, type ProgressRow } from '../../../services/duties';
import { definePage } from '../../../services/page';
import { routes } from '../../../services/routes';
import { formatDay } from '../../../services/time';
import { photoSource } from '../../../services/upload';
import { posterLayout, savePoster } from '../../../services/report-poster';
import { SUGGESTION_STATUS_LABELS } from '../../../services/suggestions';

// 年度履职报告: one delegate's year on one page, public and shareable to a chat or 朋友圈 (the page
// loads from its query, so whoever opens the share sees the same report). Only public entries are quoted.
// 保存为图片 draws the same summary on a canvas and saves it to the album (services/report-poster.ts).

interface ReportData {
  delegateId: string;
  year: number;
  name: string;
  subtitle: string;
  total: number;
  kinds: { kind: string; count: number }[];
  progress: ProgressRow[];
  figures: { label: string; value: number }[];
  highlights: { id: string; title: string; meta: string; summary: string; photos: string[] }[];
  suggestions: { id: string; title: string; status: string }[];
  savingImage: boolean;
}

definePage({
  data: {
    delegateId: '',
    year: 0,
    name: '',
    subtitle: '',
    total: 0,
    kinds: [],
    progress: [],
    figures: [],
    highlights: [],
    suggestions: [],
    savingImage: false,
  } as ReportData,
  query: (query) => ({ delegateId: query.delegateId ?? '', year: Number(query.year) || currentYear() }),
  async firstScreen() {
    return viewOf(await call('duties.report', { delegateId: this.data.delegateId, year: this.data.year }));
  },
  share() {
    return {
      title: `${this.data.name}代表 ${this.data.year} 年履职报告`,
      path: `${routes.dutyReport}?delegateId=${this.data.delegateId}&year=${this.data.year}`,
    };
  },
  methods: {
    onOpenSuggestion(event: WechatMiniprogram.TouchEvent) {
      openPage(`${routes.suggestion}?id=${event.currentTarget.dataset.id}`);
    },
    onOpenDelegate() {
      openPage(`${routes.delegate}?id=${this.data.delegateId}`);
    },
    async onSaveImage() {
      if (this.data.savingImage) return;
      this.setData({ savingImage: true });
      try {
        await savePoster(this, '#report-poster', posterLayout(this.data));
      } finally {
        this.setData({ savingImage: false });
      }
    },
  },
});

function viewOf(r: DutyReport): Partial<ReportData> {
  return {
    name: r.delegate.name,
    subtitle: [r.delegate.title, r.delegate.groupName && `${r.delegate.groupName}小组`, r.delegate.stationName].filter(Boolean).join(' · '),
    total: r.total,
    kinds: DUTY_KINDS.map((kind) => ({ kind, count: r.counts[kind] })),
    progress: r.targets.map(toProgressRow),
    figures: [
      { label: '答复选民留言', value: r.messagesAnswered },
      { label: '参加接待日', value: r.receptionDays },
      { label: '提出建议', value: r.suggestionsFiled },
    ],
    highlights: r.highlights.map((h) => ({
      id: h.id,
      title: h.kind,
      meta: [formatDay(h.date), h.place].filter(Boolean).join(' · '),
      summary: h.summary,
      photos: h.photos.map(photoSource),
    })),
    suggestions: r.suggestions.map((s) => ({ id: s.id, title: s.title, status: SUGGESTION_STATUS_LABELS[s.status] })),
  };
}
