import type { PaperBatch, PaperBatchStatus, PaperFigures, PaperTotals } from '../../../../typings/contract';
import { ensure } from '../app/errors';

// Paper ballots (docs/architecture.md#paper-ballots): pure checks of a station's batch and of its
// double entry. A batch counts only once a second staff member has entered the same figures.

export interface PaperBatchRecord {
  /** `<campaignId>:<stationId>`: one live batch per station and campaign, locked by the transaction that reads it. */
  _id: string;
  campaignId: string;
  streetId: string;
  stationId: string;
  stationName: string;
  status: PaperBatchStatus;
  figures: PaperFigures;
  enteredBy: string;
  enteredAt: Date;
  confirmedBy?: string;
  confirmedAt?: Date;
  mismatches: number;
}

export const paperBatchId = (campaignId: string, stationId: string) => `${campaignId}:${stationId}`;

/** What a batch is checked against: the campaign's projects and choice limits. */
export interface PaperCampaign {
  status: string;
  eligibility: string;
  minChoices: number;
  maxChoices: number;
  projects: { id: string; title: string }[];
}

/** Paper is counted while voting runs and after it closes, until the results are published. */
export function ensurePaperAccepted(campaign: PaperCampaign): void {
  ensure(campaign.eligibility === 'residents', 'FAILED_PRECONDITION', '代表票决不接受纸质票录入');
  ensure(
    campaign.status === 'open' || campaign.status === 'closed',
    'FAILED_PRECONDITION',
    campaign.status === 'published' ? '结果已经公布，不能再录入纸质票' : '投票开始后才能录入纸质票',
  );
}

/**
 * Figures a count sheet can hold: every project has a number, none above the ballots (a ballot marks a
 * project once), and the votes add up to between ballots × minChoices and ballots × maxChoices.
 * Returns the votes in the campaign's project order.
 */
export function checkFigures(campaign: PaperCampaign, figures: PaperFigures): PaperFigures {
  const known = new Map(campaign.projects.map((p) => [p.id, p.title]));
  const unknown = Object.keys(figures.votes).find((id) => !known.has(id));
  ensure(!unknown, 'INVALID_ARGUMENT', `项目 ${unknown} 不在本次票选中，请刷新后重试`, 'votes');
  const missing = campaign.projects.find((p) => figures.votes[p.id] === undefined);
  ensure(!missing, 'INVALID_ARGUMENT', `请填写「${missing?.title}」的票数（没有票填 0）`, `votes.${missing?.id}`);
  const over = campaign.projects.find((p) => figures.votes[p.id] > figures.ballots);
  ensure(!over, 'INVALID_ARGUMENT', `「${over?.title}」的票数不能超过选票张数（${figures.ballots} 张）`, `votes.${over?.id}`);
  const sum = campaign.projects.reduce((n, p) => n + figures.votes[p.id], 0);
  ensure(
    sum <= figures.ballots * campaign.maxChoices,
    'INVALID_ARGUMENT',
    `各项目票数合计 ${sum} 票，超过了选票张数 × 最多可选数（${figures.ballots} × ${campaign.maxChoices}）`,
    'votes',
  );
  ensure(
    sum >= figures.ballots * campaign.minChoices,
    'INVALID_ARGUMENT',
    `各项目票数合计 ${sum} 票，少于选票张数 × 最少应选数（${figures.ballots} × ${campaign.minChoices}）；无效票不计入选票张数`,
    'votes',
  );
  return { ballots: figures.ballots, votes: Object.fromEntries(campaign.projects.map((p) => [p.id, figures.votes[p.id]])) };
}

/** A new first entry may replace only a discarded batch: a pending or counted one stands. */
export function ensureStationFree(existing: Pick<PaperBatchRecord, 'status'> | null): void {
  ensure(
    !existing || existing.status === 'discarded',
    'ALREADY_EXISTS',
    existing?.status === 'confirmed' ? '该站点的纸质票已经复核计入' : '该站点已有待复核的纸质票，请由另一位工作人员复核，或作废后重新录入',
    'stationId',
  );
}

/** Only a pending batch is confirmed or discarded: a counted batch stands, a discarded one is gone. */
export function ensurePending(batch: Pick<PaperBatchRecord, 'status'>): void {
  ensure(batch.status === 'pending', 'FAILED_PRECONDITION', batch.status === 'confirmed' ? '该批纸质票已经复核计入' : '该批纸质票已作废');
}

/** The second entry: another staff member, on a batch still pending. */
export function ensureConfirmable(batch: Pick<PaperBatchRecord, 'status' | 'enteredBy'>, confirmer: string): void {
  ensurePending(batch);
  ensure(batch.enteredBy !== confirmer, 'PERMISSION_DENIED', '复核须由另一位工作人员完成，录入人不能复核自己的录入');
}

/**
 * Where two entries of one count sheet differ, named as a person reads them; never with the first
 * entry's values, so the second entry cannot be copied from the refusal.
 */
export function differences(campaign: PaperCampaign, first: PaperFigures, second: PaperFigures): string[] {
  const found = first.ballots === second.ballots ? [] : ['选票张数'];
  for (const p of campaign.projects) if (first.votes[p.id] !== second.votes[p.id]) found.push(`「${p.title}」的票数`);
  return found;
}

/** The confirmed batches added up (the recount's side). */
export function paperTotals(batches: Pick<PaperBatchRecord, 'status' | 'figures'>[]): PaperTotals {
  return batches.filter((b) => b.status === 'confirmed').reduce((totals, b) => addBatch(totals, b.figures), noPaper());
}

export const noPaper = (): PaperTotals => ({ batches: 0, ballots: 0, votes: {} });

/** A running total with one more confirmed batch (the campaign's side, kept as batches are confirmed). */
export function addBatch(totals: PaperTotals | undefined, figures: PaperFigures): PaperTotals {
  const sum = totals ?? noPaper();
  const votes = { ...sum.votes };
  for (const [id, n] of Object.entries(figures.votes)) votes[id] = (votes[id] ?? 0) + n;
  return { batches: sum.batches + 1, ballots: sum.ballots + figures.ballots, votes };
}

/**
 * The recount's paper half: the confirmed batches added up again must equal the running total the
 * campaign kept as they were confirmed. Answers the problems found, in Chinese (none when equal).
 */
export function comparePaper(fromBatches: PaperTotals, kept: PaperTotals | undefined, projectIds: string[]): string[] {
  const running = kept ?? noPaper();
  const problems: string[] = [];
  if (fromBatches.ballots !== running.ballots) problems.push(`纸质票各批合计 ${fromBatches.ballots} 张，累计数 ${running.ballots} 张`);
  for (const id of projectIds) {
    const a = fromBatches.votes[id] ?? 0;
    const b = running.votes[id] ?? 0;
    if (a !== b) problems.push(`项目 ${id} 纸质票各批合计 ${a} 票，累计数 ${b} 票`);
  }
  return problems;
}

export function toPaperBatch(record: PaperBatchRecord): PaperBatch {
  return {
    id: record._id,
    campaignId: record.campaignId,
    stationId: record.stationId,
    stationName: record.stationName,
    status: record.status,
    enteredBy: record.enteredBy,
    enteredAt: record.enteredAt.toISOString(),
    ...(record.confirmedBy ? { confirmedBy: record.confirmedBy } : {}),
    ...(record.confirmedAt ? { confirmedAt: record.confirmedAt.toISOString() } : {}),
    ...(record.status === 'confirmed' ? { figures: record.figures } : {}),
    mismatches: record.mismatches,
  };
}
