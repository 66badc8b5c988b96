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
import { DEMO_BIND_CODE, DEMO_CAMPAIGN_ID, DEMO_PUBLISHED_CAMPAIGN_ID, demoReceipt, demoSeed } from '../../emulator/seed/demo';
import { cycleKindOf } from '../../cloudfunctions/api/src/projects/cycle';
import {
  isDelayed,
  nextAlertAt,
  projectYear,
  ratingSummaryOf,
  shanghaiMonthOf,
  type ProjectRecord,
} from '../../cloudfunctions/api/src/projects/rules';
import { markerId, receiptHash, sumShards, voterKeyOf } from '../../cloudfunctions/api/src/voting/rules';
import { seedIfEmpty } from '../../emulator/seed';
import { figuresOf, messageId, serviceLevels, type MessageRecord } from '../../cloudfunctions/api/src/messages/rules';
import { flatten, sumCounts } from '../../cloudfunctions/api/src/stats/rules';

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

test.each([
  [DEMO_CAMPAIGN_ID, (n: number) => `demo-voter-${n}`, (n: number) => demoReceipt(n)],
  [DEMO_PUBLISHED_CAMPAIGN_ID, (n: number) => `demo-voter-2026-${n}`, (n: number) => demoReceipt(n + 12)],
] as const)(
  'the demo vote %s is stored as the function stores ballots: markers, receipt hashes and tallies agree',
  (id, openid, receipt) => {
    process.env.VOTER_KEY_SECRET = LOCAL_SECRETS.VOTER_KEY_SECRET;
    const campaign = seed.campaigns.find((c) => c._id === id)!;
    const ballots = seed.ballots.filter((b) => b.campaignId === id);
    const markers = seed.voterMarkers.filter((m) => m.campaignId === id);
    const voter = (n: number) => voterKeyOf(campaign as never, { openid: openid(n) });
    expect(markers.map((m) => m._id)).toEqual(ballots.map((_, i) => markerId(id, voter(i + 1))));
    expect(ballots.map((b) => b.receiptHash)).toEqual(ballots.map((_, i) => receiptHash(id, receipt(i + 1))));
    // Markers hold no choices; ballots no voter; the shards sum to the ballots.
    for (const marker of markers) expect(Object.keys(marker).sort()).toEqual(['_id', 'campaignId', 'day']);
    for (const ballot of ballots) expect(JSON.stringify(ballot)).not.toContain('demo-voter');
    const votes: Record<string, number> = {};
    for (const b of ballots) for (const p of b.projectIds as string[]) votes[p] = (votes[p] ?? 0) + 1;
    expect(sumShards(seed.tallies.filter((t) => t.campaignId === id) as never)).toEqual({ ballots: ballots.length, votes });
    if (campaign.status === 'published') expect(campaign.count).toEqual({ ballots: ballots.length, votes });
  },
);

test('the demo 民生实事 stand in every status, stored as projects/rules.ts keeps them', () => {
  const projects = seed.projects as unknown as ProjectRecord[];
  expect(new Set(projects.map((p) => p.status))).toEqual(new Set(['planning', 'in_progress', 'completed', 'accepted']));
  expect(projects.some((p) => isDelayed(p, now))).toBe(true);
  expect(projects.some((p) => (p.revisions ?? []).length > 0 && p.plan?.reason)).toBe(true);
  expect(projects.some((p) => (p.updates ?? []).some((u) => u.photos.length > 0))).toBe(true);
  expect(projects.some((p) => (p.supervisions ?? []).length > 0)).toBe(true);
  for (const p of projects) {
    // The timer's query finds exactly the projects with a reminder or escalation to come.
    expect(p.alertAt).toEqual(nextAlertAt(p));
    expect(p.year).toBe(projectYear(seed.campaigns.find((c) => c._id === p.campaignId)!.closesAt as Date));
    if (p.ratingSummary) expect(p.ratingSummary).toEqual(ratingSummaryOf(p.ratings));
    for (const [n, u] of (p.updates ?? []).entries()) if (n > 0) expect(u.percent).toBeGreaterThanOrEqual(p.updates![n - 1].percent);
  }
  // This month's task is the one the timer would open (单月公告 in odd months, 双月督办 in even ones); an
  // earlier task is a 双月督办 not recorded yet, still among its project's open tasks.
  const month = shanghaiMonthOf(now);
  for (const task of seed.projectTasks) {
    expect(task.kind).toBe(cycleKindOf(String(task.month)));
    if (task.month !== month) expect(task).toMatchObject({ kind: 'supervise', status: 'open' });
    expect(projects.find((p) => p._id === task.projectId)?.openTaskIds).toContain(task._id);
  }
  expect(seed.projectTasks.filter((t) => t.month === month)).toHaveLength(2);
  // 综合治理 (demo-liaison's group) has a 督办 open in every month.
  expect(seed.projectTasks.some((t) => t.groupId === 'g1' && t.kind === 'supervise' && t.status === 'open')).toBe(true);
  expect(JSON.stringify(seed.projects)).not.toContain('demo-resident');
});

test('in an odd month (单月公告) 综合治理 still has last month’s 督办 open', () => {
  const january = new Date('2027-01-15T04:00:00Z');
  const tasks = demoSeed(january).projectTasks;
  expect(tasks.filter((t) => t.month === '2027-01').map((t) => t.kind)).toEqual(['announce', 'announce']);
  expect(tasks.filter((t) => t.month !== '2027-01')).toEqual([
    expect.objectContaining({ month: '2026-12', kind: 'supervise', status: 'open', groupId: 'g1' }),
  ]);
});

test('the demo messages are stored as the function stores them, and the counters are the ones their sending added', () => {
  const messages = seed.messages as unknown as MessageRecord[];
  for (const m of messages) expect(m._id).toBe(messageId(m.residentOpenid, `demo-message-${messages.indexOf(m) + 1}`));
  expect(flatten(seed.figures[0])).toEqual(sumCounts(messages.map((m) => figuresOf(m, serviceLevels().escalationDays))));
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
