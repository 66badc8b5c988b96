import type { AuditEntry } from '../../typings/contract';
import { formatDateTime } from './time';
import { campaignStatusLabels } from './voting';

// How the audit trail reads on the admin pages: who did what, when, the status change and why
// (docs/architecture.md#voting-lifecycle).

const ACTION_LABELS: Record<string, string> = {
  'admin.campaigns.create': '新建草稿',
  'admin.campaigns.update': '修改规则',
  'admin.campaigns.schedule': '排期（规则冻结）',
  'admin.campaigns.unschedule': '撤回为草稿',
  'admin.campaigns.open': '开启投票',
  'admin.campaigns.close': '截止投票',
  'admin.campaigns.publish': '公布结果',
  'admin.campaigns.select': '选定实施项目',
  timer: '定时任务',
};

export interface TrailRow {
  id: string;
  when: string;
  who: string;
  what: string;
  /** "已排期 → 投票中", or empty. */
  change: string;
  reason: string;
}

const statusWord = (status: string) => campaignStatusLabels[status as keyof typeof campaignStatusLabels] ?? status;

export function toTrailRow(entry: AuditEntry): TrailRow {
  return {
    id: entry.id,
    when: formatDateTime(entry.at),
    // Staff are told apart by the end of their openid: the trail names an account, not a guess at a name.
    who: entry.actor === 'timer' ? '系统（定时）' : `工作人员 …${entry.actor.slice(-6)}`,
    what: ACTION_LABELS[entry.action] ?? entry.action,
    change: entry.from && entry.to ? `${statusWord(entry.from)} → ${statusWord(entry.to)}` : '',
    reason: entry.reason ?? '',
  };
}
