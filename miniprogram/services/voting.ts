import type { BallotsCsv, CampaignResults, CampaignStatus, CampaignSummary, Eligibility, ProjectTotal } from '../../typings/contract';
import { showHint, showSuccess } from './feedback';
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
  /** 代办投票 at a station: an open resident vote checked by phone. */
  assistable: boolean;
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
    assistable: c.eligibility === 'residents' && c.verification === 'phone' && c.status === 'open',
  };
}

/** How a resident vote knows one person, for the line under its title. */
export function verificationNote(c: Pick<CampaignSummary, 'eligibility' | 'verification' | 'rosterCount'>): string {
  if (c.eligibility !== 'residents') return '';
  if (c.rosterCount) return ' · 限名册内住户，需验证手机号';
  return c.verification === 'phone' ? ' · 需验证手机号' : '';
}

/** What the home page's card shows of the newest open campaign. */
export interface CampaignCard {
  id: string;
  title: string;
  meta: string;
}

export function toCampaignCard(c: CampaignSummary): CampaignCard {
  return { id: c.id, title: c.title, meta: `${eligibilityLabels[c.eligibility]} · ${formatDateTime(c.closesAt)} 截止` };
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

// The server keeps no link between a voter and their choices (docs/architecture.md#voting): the
// choices and the receipt live on this phone only. A ballot being sent is kept too, with its
// requestId, so sending it again after a lost answer gets the same receipt rather than a refusal.

/** What the phone keeps of its own ballot. */
export interface KeptBallot {
  projectIds: string[];
  receipt: string;
  day: string;
}

/** A ballot sent but not yet answered. */
export interface PendingBallot {
  projectIds: string[];
  requestId: string;
}

const ballotKey = (campaignId: string) => `ballot:${campaignId}`;
const pendingKey = (campaignId: string) => `ballot-pending:${campaignId}`;

function read<T>(key: string): T | null {
  try {
    const value = wx.getStorageSync(key);
    return value && typeof value === 'object' ? (value as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) wx.removeStorageSync(key);
    else wx.setStorageSync(key, value);
  } catch {
    // Storage full or unavailable: the receipt page still shows it this time.
  }
}

export function keepBallot(campaignId: string, ballot: KeptBallot): void {
  write(ballotKey(campaignId), ballot);
  write(pendingKey(campaignId), null);
}

export const keptBallot = (campaignId: string): KeptBallot | null => read<KeptBallot>(ballotKey(campaignId));

export const keptReceipt = (campaignId: string): string => keptBallot(campaignId)?.receipt ?? '';

/** The ballot about to be sent: the same choices sent again reuse its requestId. */
export function pendingBallot(campaignId: string, projectIds: string[], newId: () => string): PendingBallot {
  const pending = read<PendingBallot>(pendingKey(campaignId));
  if (pending && pending.projectIds.join(',') === projectIds.join(',')) return pending;
  const fresh = { projectIds, requestId: newId() };
  write(pendingKey(campaignId), fresh);
  return fresh;
}

// ---- the ballots' CSV (staff's export before publishing, open data after)

/** Every page of a ballots CSV joined into one file (the header comes with the first page). */
export async function collectCsv(page: (cursor?: string) => Promise<BallotsCsv>): Promise<{ csv: string; rows: number }> {
  const parts: string[] = [];
  let cursor: string | undefined;
  let rows = 0;
  do {
    const next = await page(cursor);
    if (next.csv) parts.push(next.csv);
    rows += next.rows;
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return { csv: parts.join('\n'), rows };
}

/** The published totals as CSV lines, to sit beside the ballots in open data: rank, project, votes. */
export function totalsCsv(results: CampaignResults, projects: { id: string; title: string }[]): string {
  const titles = new Map(projects.map((p) => [p.id, p.title]));
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [
    'rank,project_id,title,votes',
    ...results.totals.map((t) => [String(t.rank), t.projectId, cell(titles.get(t.projectId) ?? t.projectId), String(t.votes)].join(',')),
  ].join('\n');
}

/** Writes the CSV into the mini-program's files and offers to send it; falls back to the clipboard. */
export function saveCsv(name: string, csv: string, rows: number): void {
  const filePath = `${wx.env.USER_DATA_PATH}/${name}`;
  try {
    wx.getFileSystemManager().writeFileSync(filePath, `\ufeff${csv}`, 'utf8');
    wx.shareFileMessage({ filePath, fileName: name, fail: () => showSuccess(`已导出 ${rows} 张选票`) });
  } catch {
    wx.setClipboardData({ data: csv });
    showHint(`已复制 ${rows} 张选票的 CSV`);
  }
}
