import type { LivelihoodProject, ProjectStatus, ProjectYearSummary, Satisfaction } from '../../typings/contract';
import { PROJECT_STATUS_LABELS, SUPERVISION_RATING_LABELS } from '../generated/contract';
import { showHint, showSuccess } from './feedback';
import { formatDate } from './time';

// 民生实事 on the phone (实事成效): labels and list rows shared by the public's, delegates' and staff's pages.
// The status and 督办 labels are the contract's (typings/contract/constants.ts), the same words the open data uses.
export { PROJECT_STATUS_LABELS, SUPERVISION_RATING_LABELS };

export const PROJECT_SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

export interface ProjectRow {
  id: string;
  title: string;
  statusLabel: string;
  status: ProjectStatus;
  percent: number;
  meta: string;
  next: string;
  /** "进度滞后" when a checkpoint passed unreached. */
  delayed: string;
}

export function toProjectRow(p: LivelihoodProject): ProjectRow {
  const meta = [p.category];
  if (p.responsibleUnit) meta.push(`责任单位：${p.responsibleUnit}`);
  if (p.deadline) meta.push(`期限 ${formatDate(p.deadline)}`);
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    statusLabel: PROJECT_STATUS_LABELS[p.status],
    percent: p.percent,
    meta: meta.join(' · '),
    next: p.nextCheckpoint ? `下一节点：${p.nextCheckpoint.title}（${formatDate(p.nextCheckpoint.dueAt)}）` : '',
    delayed: p.delayed ? '进度滞后' : '',
  };
}

/** 首页's line about the year: 2026 年民生实事 8 项，已完工 3 项，按期 2 项. */
export function yearLine(s: ProjectYearSummary): string {
  if (s.total === 0) return '';
  const parts = [`${s.year} 年民生实事 ${s.total} 项`, `已完工 ${s.completed} 项`, `按期完成 ${s.onTime} 项`];
  if (s.delayed) parts.push(`${s.delayed} 项进度滞后`);
  return parts.join('，');
}

/** The open data as a file to send to a chat (Excel reads the BOM as UTF-8); copied when the phone cannot write files. */
export function saveProjectsCsv(name: string, csv: string): void {
  const filePath = `${wx.env.USER_DATA_PATH}/${name}`;
  try {
    wx.getFileSystemManager().writeFileSync(filePath, `\ufeff${csv}`, 'utf8');
    wx.shareFileMessage({ filePath, fileName: name, fail: () => showSuccess('数据已导出') });
  } catch {
    wx.setClipboardData({ data: csv });
    showHint('已复制民生实事数据（CSV）');
  }
}
