import { db, type Transaction } from '../platform/db';
import { bucketOf, rosterBucketId, type RosterBucket } from './rules';

// Roster buckets (`rosters`): the keyed hashes of a campaign's listed numbers, in documents of one
// leading hex pair each, so checking a voter reads one small document.

const ROSTERS = 'rosters';

/** The hashes in one bucket of the campaign's roster (empty when none): one read. */
export async function rosterBucket(campaignId: string, bucket: string): Promise<string[]> {
  const { data } = await db
    .collection<RosterBucket>(ROSTERS)
    .where({ _id: rosterBucketId(campaignId, bucket) })
    .limit(1)
    .get();
  return data[0]?.hashes ?? [];
}

/** Whether the campaign's roster lists this phone hash: one read. */
export async function isOnRoster(campaignId: string, phoneHash: string): Promise<boolean> {
  return (await rosterBucket(campaignId, bucketOf(phoneHash))).includes(phoneHash);
}

/** Writes the new buckets and removes the previous ones it no longer needs, in the caller's transaction. */
export async function replaceRosterInTx(
  tx: Transaction,
  streetId: string,
  campaignId: string,
  buckets: Map<string, string[]>,
  previous: readonly string[],
): Promise<void> {
  for (const [bucket, hashes] of buckets) {
    await tx.collection(ROSTERS).doc(rosterBucketId(campaignId, bucket)).set({ data: { campaignId, streetId, hashes } });
  }
  for (const bucket of previous) {
    if (!buckets.has(bucket)) await tx.collection(ROSTERS).doc(rosterBucketId(campaignId, bucket)).remove();
  }
}
