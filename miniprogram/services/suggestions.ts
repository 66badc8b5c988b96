import type { AnswerClass, Satisfaction, SuggestionStatus, SuggestionSummary } from '../../typings/contract';
import { formatDate } from './time';

// 代表建议 on the phone: labels and list rows shared by the delegate's, the public and staff's pages.

export const SUGGESTION_STATUS_LABELS: Record<SuggestionStatus, string> = {
  submitted: '待交办',
  assigned: '办理中',
  answered: '已答复',
  closed: '已办结',
};
export const ANSWER_CLASS_LABELS: Record<AnswerClass, string> = { A: 'A 类 · 已解决', B: 'B 类 · 列入计划', C: 'C 类 · 留作参考' };
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

export interface SuggestionRow {
  id: string;
  title: string;
  statusLabel: string;
  meta: string;
  /** "已超期" on an assignment past its due date. */
  overdue: string;
}

export function toSuggestionRow(s: SuggestionSummary): SuggestionRow {
  const parts = [s.delegateName + (s.coSignerNames.length ? ` 等 ${s.coSignerNames.length + 1} 位代表` : ''), s.category];
  if (s.unit) parts.push(`承办：${s.unit}`);
  if (s.answerClass) parts.push(ANSWER_CLASS_LABELS[s.answerClass]);
  if (s.satisfaction) parts.push(`代表评价：${SATISFACTION_LABELS[s.satisfaction]}`);
  else if (s.status === 'assigned' && s.dueAt) parts.push(`期限 ${formatDate(s.dueAt)}`);
  return {
    id: s.id,
    title: s.title,
    statusLabel: SUGGESTION_STATUS_LABELS[s.status] + (s.round > 1 ? `（第 ${s.round} 轮）` : ''),
    meta: parts.join(' · '),
    overdue: s.overdue ? '已超期' : '',
  };
}
