import type { CampaignStatus, CampaignSummary, Eligibility, ProjectTotal } from '../../typings/contract';
import { formatDateTime } from './time';

// How campaigns read on screen, shared by the voting pages, the home card and the admin page.

export const campaignStatusLabels: Record<CampaignStatus, string> = {
  draft: '草稿',
  scheduled: '已排期',
  open: '投票中',
  closed: '已截止',
  published: '结果已公布',
};

export const eligibilityLabels: Record<Eligibility, string> = {
  residents: '居民意向投票',
  delegates: '代表票决',
};

export interface CampaignRow {
  id: string;
  title: string;
  status: CampaignStatus;
  statusLabel: string;
  meta: string;
  /** Staff may attach a roster: a resident vote checked by phone, while its rules may change (a draft). */
  rosterEditable: boolean;
  rosterCount: number;
}

export function toCampaignRow(c: CampaignSummary): CampaignRow {
  return {
    id: c.id,
    title: c.title,
    status: c.status,
    statusLabel: campaignStatusLabels[c.status],
    meta: `${eligibilityLabels[c.eligibility]}${verificationNote(c)} · ${c.projectCount} 个候选项目 · ${formatDateTime(c.opensAt)} 至 ${formatDateTime(c.closesAt)}`,
    rosterEditable: c.eligibility === 'residents' && c.verification === 'phone' && c.status === 'draft',
    rosterCount: c.rosterCount ?? 0,
  };
}

/** How a resident vote knows one person, for the line under its title. */
export function verificationNote(c: Pick<CampaignSummary, 'eligibility' | 'verification' | 'rosterCount'>): string {
  if (c.eligibility !== 'residents') return '';
  if (c.rosterCount) return ' · 限名册内住户，需验证手机号';
  return c.verification === 'phone' ? ' · 需验证手机号' : '';
}

/** "请选择 1–3 个项目" / "请选择 2 个项目" */
export function choiceRule(minChoices: number, maxChoices: number): string {
  return minChoices === maxChoices ? `请选择 ${minChoices} 个项目` : `请选择 ${minChoices}–${maxChoices} 个项目`;
}

export interface ResultBar {
  projectId: string;
  title: string;
  rank: number;
  votes: number;
  /** "42.5%" of ballots. */
  shareText: string;
  /** Bar width relative to the leader, 0–100, so the longest bar fills the row. */
  width: number;
  selected: boolean;
}

export function toResultBars(totals: ProjectTotal[], projects: { id: string; title: string; selected?: boolean }[]): ResultBar[] {
  const titles = new Map(projects.map((p) => [p.id, p]));
  const top = Math.max(1, ...totals.map((t) => t.votes));
  return totals.map((t) => ({
    projectId: t.projectId,
    title: titles.get(t.projectId)?.title ?? t.projectId,
    rank: t.rank,
    votes: t.votes,
    shareText: `${(t.share * 100).toFixed(1)}%`,
    width: Math.round((t.votes / top) * 100),
    selected: Boolean(titles.get(t.projectId)?.selected),
  }));
}

/** The receipt is shown once by the server; the phone keeps it so the voter can find it again. */
const receiptKey = (campaignId: string) => `receipt:${campaignId}`;

export function keepReceipt(campaignId: string, receipt: string): void {
  try {
    wx.setStorageSync(receiptKey(campaignId), receipt);
  } catch {
    // Storage full or unavailable: the receipt page still shows it this time.
  }
}

export function keptReceipt(campaignId: string): string {
  try {
    return String(wx.getStorageSync(receiptKey(campaignId)) || '');
  } catch {
    return '';
  }
}
