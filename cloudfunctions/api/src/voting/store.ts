import type { CampaignStatus } from '../../../../typings/contract';
import { _, afterLast, db, readInTx, type Transaction } from '../platform/db';
import { shardId, type BallotRecord, type CampaignRecord, type TallyShard } from './rules';

const CAMPAIGNS = 'campaigns';
const BALLOTS = 'ballots';
const TALLIES = 'tallies';
const campaigns = () => db.collection<CampaignRecord>(CAMPAIGNS);
const ballots = () => db.collection<BallotRecord>(BALLOTS);
const tallies = () => db.collection<TallyShard>(TALLIES);

type Where = Record<string, unknown>;
export interface CampaignAfter {
  opensAt: Date;
  id: string;
}
export interface BallotAfter {
  castAt: Date;
  receiptHash: string;
}

// ---- inside a write's one transaction

export async function getCampaignInTx(tx: Transaction, idValue: string): Promise<CampaignRecord | null> {
  return readInTx<CampaignRecord>(tx, CAMPAIGNS, idValue);
}

/** A new campaign and its zeroed tally shards commit together. */
export async function insertCampaignInTx(tx: Transaction, record: CampaignRecord, shards: TallyShard[]): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(CAMPAIGNS).doc(_id).set({ data });
  for (const { _id: shard, ...shardData } of shards) await tx.collection(TALLIES).doc(shard).set({ data: shardData });
}

export async function updateCampaignInTx(tx: Transaction, idValue: string, change: Partial<Omit<CampaignRecord, '_id'>>): Promise<void> {
  await tx.collection(CAMPAIGNS).doc(idValue).update({ data: change });
}

/** An insert, not an upsert: a second ballot with the same `_id` fails in the database itself. */
export async function insertBallotInTx(tx: Transaction, ballot: BallotRecord): Promise<void> {
  await tx.collection(BALLOTS).add({ data: ballot as unknown as Record<string, unknown> });
}

/** Reading the shard first locks it, so a close (which writes every shard) and a ballot serialize. */
export async function getShardInTx(tx: Transaction, campaignId: string, shard: number): Promise<TallyShard | null> {
  return readInTx<TallyShard>(tx, TALLIES, shardId(campaignId, shard));
}

/** Adds one ballot to a shard; a shard that is missing must abort the ballot, never lose the count. */
export async function incrementShardInTx(tx: Transaction, campaignId: string, shard: number, projectIds: string[]): Promise<void> {
  const change: Record<string, unknown> = { ballots: _.inc(1) };
  for (const projectId of projectIds) change[`votes.${projectId}`] = _.inc(1);
  const { stats } = await tx.collection(TALLIES).doc(shardId(campaignId, shard)).update({ data: change });
  if (stats.updated !== 1) throw new Error(`tally shard ${shardId(campaignId, shard)} not updated`);
}

/**
 * Writes every shard: a ballot transaction reads and writes its shard, so it either commits before
 * the close or sees the shard closed; no ballot commits after the close on any isolation level.
 */
export async function markShardsInTx(
  tx: Transaction,
  campaignId: string,
  shards: number,
  change: Partial<Pick<TallyShard, 'public' | 'closed' | 'projectIds'>>,
): Promise<void> {
  for (let k = 0; k < shards; k++) await tx.collection(TALLIES).doc(shardId(campaignId, k)).update({ data: change });
}

// ---- reads: one query each

export async function findCampaign(streetId: string, idValue: string): Promise<CampaignRecord | null> {
  const { data } = await campaigns().where({ _id: idValue, streetId }).limit(1).get();
  return data[0] ?? null;
}

/** Newest opening first, paged by (opensAt, _id). */
export async function listCampaigns(
  streetId: string,
  statuses: CampaignStatus[],
  after: CampaignAfter | null,
  limit: number,
): Promise<CampaignRecord[]> {
  const where: Where = { streetId, status: statuses.length === 1 ? statuses[0] : _.in(statuses) };
  const query = afterLast(where, after && { field: 'opensAt', value: after.opensAt, order: 'desc', id: after.id });
  const { data } = await campaigns()
    .where(query as Where)
    .field({ description: false, count: false, recount: false })
    .orderBy('opensAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get();
  return data;
}

/** Campaigns of every street the timer must open or close now. */
export async function findDueCampaigns(at: Date, limit: number): Promise<CampaignRecord[]> {
  const { data } = await campaigns()
    .where(_.or({ status: 'scheduled', opensAt: _.lte(at), closesAt: _.gt(at) }, { status: 'open', closesAt: _.lte(at) }) as Where)
    .field({ description: false })
    .limit(limit)
    .get();
  return data;
}

/** Published campaigns whose voters are still to be told. */
export async function findCampaignsToNotify(limit: number): Promise<CampaignRecord[]> {
  const { data } = await campaigns()
    .where({ status: 'published', notifyAfter: _.exists(true) })
    .field({ description: false })
    .limit(limit)
    .get();
  return data;
}

export async function recordCount(
  idValue: string,
  count: NonNullable<CampaignRecord['count']>,
  recount: NonNullable<CampaignRecord['recount']>,
): Promise<void> {
  await campaigns().doc(idValue).update({ data: { count, recount } });
}

export async function setNotifyAfter(idValue: string, notifyAfter: CampaignRecord['notifyAfter'] | null): Promise<void> {
  await campaigns()
    .doc(idValue)
    .update({ data: { notifyAfter: notifyAfter ?? _.remove() } });
}

export async function readShards(streetId: string, campaignId: string, limit: number): Promise<TallyShard[]> {
  const { data } = await tallies().where({ campaignId, streetId }).limit(limit).get();
  return data;
}

export async function findBallot(idValue: string): Promise<BallotRecord | null> {
  const { data } = await ballots().where({ _id: idValue }).field({ receiptHash: false }).limit(1).get();
  return data[0] ?? null;
}

/** Only the time leaves this query: never the `_id` (the voter) nor the choices. */
export async function findCastAtByReceipt(campaignId: string, hash: string): Promise<Date | null> {
  const { data } = await ballots().where({ campaignId, receiptHash: hash }).field({ _id: false, castAt: true }).limit(1).get();
  return data[0]?.castAt ?? null;
}

/** The receipt hash of the caller's own ballot; used to recognise our own commit after a lost answer. */
export async function findReceiptHash(idValue: string): Promise<string | null> {
  const { data } = await ballots().where({ _id: idValue }).field({ receiptHash: true }).limit(1).get();
  return data[0]?.receiptHash ?? null;
}

/** Oldest first, paged by (castAt, receiptHash): the cursor never carries a voter's id. */
export async function ballotsPage(
  streetId: string,
  campaignId: string,
  after: BallotAfter | null,
  limit: number,
  withVoter: boolean,
): Promise<BallotRecord[]> {
  const where: Where = { campaignId, streetId };
  const query = afterLast(
    where,
    after && { field: 'castAt', value: after.castAt, order: 'asc', id: after.receiptHash, idField: 'receiptHash' },
  );
  const { data } = await ballots()
    .where(query as Where)
    .field(withVoter ? { castAt: true, receiptHash: true } : { _id: false, castAt: true, receiptHash: true, projectIds: true })
    .orderBy('castAt', 'asc')
    .orderBy('receiptHash', 'asc')
    .limit(limit)
    .get();
  return data;
}

/** The count straight from the ballots, for the close-time recount. */
export async function countFromBallots(
  campaignId: string,
  projectCount: number,
): Promise<{ ballots: number; votes: Record<string, number> }> {
  const $ = _.aggregate;
  const [counted, perProject] = await Promise.all([
    ballots().aggregate().match({ campaignId }).count('ballots').end(),
    ballots()
      .aggregate()
      .match({ campaignId })
      .project({ projectIds: 1 })
      .unwind('$projectIds')
      .group({ _id: '$projectIds', votes: $.sum(1) })
      .limit(projectCount + 1)
      .end(),
  ]);
  const votes: Record<string, number> = {};
  for (const row of perProject.list) votes[String(row._id)] = Number(row.votes);
  return { ballots: Number(counted.list[0]?.ballots ?? 0), votes };
}
