import { PROJECT_STATUS_LABELS, SUPERVISION_RATING_LABELS } from '../../../../typings/contract/constants';
import { shanghai } from '../platform/time';
import type { ProjectRecord } from './rules';

// Open data of the year's 民生实事 (docs/architecture.md#projects): one CSV of projects, plan revisions,
// updates, 督办 records and requests, and the published rating, with no personal data: no openid, no
// contact, no participant names.

const day = (d: Date | undefined) => (d ? shanghai(d).format('YYYY-MM-DD') : '');

function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function projectsCsv(projects: ProjectRecord[]): string {
  const rows: unknown[][] = [['项目', '记录', '日期', '内容', '进度', '状态或评价', '责任单位', '期限']];
  for (const p of projects) {
    rows.push([
      p.title,
      '项目',
      day(p.createdAt),
      p.summary,
      p.percent ?? 0,
      PROJECT_STATUS_LABELS[p.status],
      p.responsibleUnit ?? '',
      day(p.plan?.deadline),
    ]);
    for (const plan of [...(p.revisions ?? []), ...(p.plan ? [p.plan] : [])]) {
      const checkpoints = plan.checkpoints.map((c) => `${c.title}(${day(c.dueAt)})`).join('；');
      rows.push([
        p.title,
        `实施方案第${plan.revision}版`,
        day(plan.savedAt),
        `保障措施：${plan.safeguards.join('；')}；节点：${checkpoints}`,
        '',
        plan.reason ?? '',
        plan.responsibleUnit,
        day(plan.deadline),
      ]);
    }
    for (const u of p.updates ?? [])
      rows.push([p.title, '进展', day(u.at), u.body, u.percent, u.checkpointTitle ? `完成节点：${u.checkpointTitle}` : '', '', '']);
    for (const s of (p.supervisions ?? []).filter((x) => !x.held && !x.rejected)) {
      rows.push([p.title, '督办', day(s.date), s.findings, '', SUPERVISION_RATING_LABELS[s.rating], '', '']);
      for (const r of s.requests)
        rows.push([
          p.title,
          '督办要求',
          day(s.date),
          r.text + (r.answer ? `；答复：${r.answer}` : ''),
          '',
          r.status === 'closed' ? '已办结' : '办理中',
          '',
          day(r.dueAt),
        ]);
    }
    if (p.status === 'accepted' && p.ratingSummary) {
      const r = p.ratingSummary;
      rows.push([
        p.title,
        '代表测评',
        day(p.acceptedAt),
        `满意${r.satisfied}，基本满意${r.basically_satisfied}，不满意${r.dissatisfied}`,
        '',
        `满意率${r.satisfactionRate}%`,
        '',
        '',
      ]);
    }
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\n');
}
