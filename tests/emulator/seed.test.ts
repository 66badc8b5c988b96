import {
  delegateSortKey,
  hashBindCode,
  mergeUpcoming,
  normalizeBindCode,
  stationSortKey,
} from '../../cloudfunctions/api/src/directory/rules';
import { createDatabase } from '../../emulator/database';
import { noFaults } from '../../emulator/faults';
import { LOCAL_SECRETS } from '../../emulator/functions/local-secrets';
import { DEMO_BIND_CODE, DEMO_CAMPAIGN_ID, demoReceipt, demoSeed } from '../../emulator/seed/demo';
import { markerId, receiptHash, sumShards, voterKeyOf } from '../../cloudfunctions/api/src/voting/rules';
import { seedIfEmpty } from '../../emulator/seed';

// The demo data set is written out as the function would have stored it, without importing the
// function's code; this test holds the two together so they cannot drift apart.

const now = new Date();
const seed = demoSeed();

test('derived fields equal what the function computes', () => {
  for (const d of seed.delegates) expect(d.sortKey).toBe(delegateSortKey(String(d.name), String(d._id)));
  for (const s of seed.stations) expect(s.sortKey).toBe(stationSortKey(s.kind as never, String(s.name)));
  expect(seed.bindCodes[0]._id).toBe(hashBindCode(normalizeBindCode(DEMO_BIND_CODE), LOCAL_SECRETS.BIND_CODE_PEPPER));
  expect(seed.delegates.find((d) => d.codeHash)?.codeHash).toBe(seed.bindCodes[0]._id);
});

test('each station keeps its coming receptions as the function would', () => {
  for (const station of seed.stations) {
    const own = seed.receptions
      .filter((r) => r.stationId === station._id)
      .map((r) => ({
        id: String(r._id),
        startsAt: r.startsAt as Date,
        endsAt: r.endsAt as Date,
        theme: r.theme as string,
        delegates: r.delegates as never,
      }));
    const expected = own.reduce((kept, brief) => mergeUpcoming(kept, brief, now), [] as ReturnType<typeof mergeUpcoming>);
    expect(station.upcoming).toEqual(expected);
  }
});

test('the demo vote is stored as the function stores ballots: markers, receipt hashes and tallies agree', () => {
  process.env.VOTER_KEY_SECRET = LOCAL_SECRETS.VOTER_KEY_SECRET;
  const [campaign] = seed.campaigns;
  expect(campaign._id).toBe(DEMO_CAMPAIGN_ID);
  const voter = (n: number) => voterKeyOf(campaign as never, { openid: `demo-voter-${n}` });
  expect(seed.voterMarkers.map((m) => m._id)).toEqual(seed.ballots.map((_, i) => markerId(DEMO_CAMPAIGN_ID, voter(i + 1))));
  expect(seed.ballots.map((b) => b.receiptHash)).toEqual(seed.ballots.map((_, i) => receiptHash(DEMO_CAMPAIGN_ID, demoReceipt(i + 1))));
  // Markers hold no choices; ballots no voter; the shards sum to the ballots.
  for (const marker of seed.voterMarkers) expect(Object.keys(marker).sort()).toEqual(['_id', 'campaignId', 'day']);
  for (const ballot of seed.ballots) expect(JSON.stringify(ballot)).not.toContain('demo-voter');
  const votes: Record<string, number> = {};
  for (const b of seed.ballots) for (const p of b.projectIds as string[]) votes[p] = (votes[p] ?? 0) + 1;
  expect(sumShards(seed.tallies as never)).toEqual({ ballots: seed.ballots.length, votes });
});

test('reception days fall on Shanghai wall-clock hours', () => {
  for (const r of seed.receptions) expect([1, 6]).toContain((r.startsAt as Date).getUTCHours());
});

test('the seed goes in through the backup import path, once, into an empty store only', async () => {
  const database = await createDatabase({
    collections: Object.keys(seed).map((name) => ({ name, indexes: [] })),
    now: () => now,
    faults: noFaults(),
  });
  const count = Object.values(seed).reduce((sum, docs) => sum + docs.length, 0);
  expect(await seedIfEmpty(database)).toBe(count);
  expect(await seedIfEmpty(database)).toBe(0);
  const [delegate] = database.readCollection('delegates', 1);
  expect(typeof delegate.createdAt).toBe('string');
  await database.close();
});
