import type { CampaignStatus } from '../../../../typings/contract';
import { _, afterLast, db, readInTx, type Transaction } from '../platform/db';
import { finalShardId, shardId, type BallotRecord, type CampaignRecord, type TallyShard, type VoterMarker } from './rules';

const CAMPAIGNS = 'campaigns';
const BALLOTS = 'ballots';
const MARKERS = 'voterMarkers';
const TALLIES = 'tallies';
const campaigns = () => db.collection<CampaignRecord>(CAMPAIGNS);
const ballots = () => db.collection<BallotRecord>(BALLOTS);
const markers = () => db.collection<VoterMarker>(MARKERS);
const tallies = () => db.collection<TallyShard>(TALLIES);

type Where = Record<string, unknown>;
export interface CampaignAfter {
  opensAt: Date;
  id: string;
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

/**
 * A ballot and its voter's marker, in the caller's transaction. Inserts, not upserts: a second marker
 * with the same `_id` (the same voter) fails in the database itself, and with it the whole ballot.
 */
export async function insertBallotInTx(tx: Transaction, marker: VoterMarker, ballot: BallotRecord): Promise<void> {
  await tx.collection(MARKERS).add({ data: marker as unknown as Record<string, unknown> });
  await tx.collection(BALLOTS).add({ data: ballot as unknown as Record<string, unknown> });
}

/**
 * Adds one ballot to a running shard, which locks it. False when the shard is gone: the close
 * replaced it with its sealed copy (sealShardsInTx), so the ballot comes too late and must abort.
 * No read first: the update is both the lock and the check.
 */
export async function incrementShardInTx(tx: Transaction, campaignId: string, shard: number, projectIds: string[]): Promise<boolean> {
  const change: Record<string, unknown> = { ballots: _.inc(1) };
  for (const projectId of projectIds) change[`votes.${projectId}`] = _.inc(1);
  const { stats } = await tx.collection(TALLIES).doc(shardId(campaignId, shard)).update({ data: change });
  return stats.updated === 1;
}

/**
 * Closing: every running shard is read (locked), removed and written again as its sealed copy. A
 * ballot's transaction updates its running shard, so it either commits before the close or finds the
 * shard gone; no ballot counts after the close on any isolation level. Answers the sealed shards.
 */
export async function sealShardsInTx(tx: Transaction, campaignId: string, shards: number, isPublic: boolean): Promise<TallyShard[]> {
  const sealed: TallyShard[] = [];
  for (let k = 0; k < shards; k++) {
    const running = await readInTx<TallyShard>(tx, TALLIES, shardId(campaignId, k));
    if (!running) continue;
    await tx.collection(TALLIES).doc(running._id).remove();
    const { _id, ...data } = running;
    const final = { ...data, closed: true, public: isPublic };
    await tx.collection(TALLIES).doc(finalShardId(campaignId, k)).set({ data: final });
    sealed.push({ ...final, _id: finalShardId(campaignId, k) });
  }
  return sealed;
}

/** Publishing: every sealed shard becomes readable by everyone. */
export async function publishShardsInTx(tx: Transaction, campaignId: string, shards: number): Promise<void> {
  for (let k = 0; k < shards; k++)
    await tx
      .collection(TALLIES)
      .doc(finalShardId(campaignId, k))
      .update({ data: { public: true } });
}

/** Changes every running shard of a campaign not yet open (its projects, who may read it). */
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

/** A voter's marker by its id (a keyed hash), or null: whether, and on which day, they voted. */
export async function findMarker(idValue: string): Promise<VoterMarker | null> {
  const { data } = await markers().where({ _id: idValue }).limit(1).get();
  return data[0] ?? null;
}

/** Only the day leaves this query: never the ballot's id nor its choices. */
export async function findDayByReceipt(campaignId: string, hash: string): Promise<string | null> {
  const { data } = await ballots().where({ campaignId, receiptHash: hash }).field({ _id: false, day: true }).limit(1).get();
  return data[0]?.day ?? null;
}

/** Ballots in id order (random: neither time nor voter), choices and day only. */
export async function ballotsPage(streetId: string, campaignId: string, afterId: string | null, limit: number): Promise<BallotRecord[]> {
  const { data } = await ballots()
    .where({ campaignId, streetId, ...(afterId ? { _id: _.gt(afterId) } : {}) })
    .field({ _id: true, projectIds: true, day: true })
    .orderBy('_id', 'asc')
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
