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
import { DEMO_BIND_CODE, demoSeed } from '../../emulator/seed/demo';
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
