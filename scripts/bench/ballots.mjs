// Benchmark: 10,000 ballots from 10,000 voters cast concurrently (200 in flight) through the gateway
// of a freshly started emulator (in memory, no seed), plus 500 repeat attempts that must be refused.
// Prints ballots per second, database requests per ballot (from /_emulator/calls), the time to
// compute results (sharded running totals), the time of the close-time recount from the ballots, and
// the secrecy scan: how many stored documents link a voter to choices (must be 0).
//
//   node scripts/build.mjs && node scripts/bench/ballots.mjs      (or: npm run bench -- ballots)
import { benchPort, pool, startEmulator, timed } from './lib/emulator.mjs';

const STAFF = 'staff-openid';
const VOTERS = Number(process.env.BENCH_VOTERS ?? 10_000);
const REPEATS = Math.round(VOTERS / 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const PROJECTS = 8;

/** A deterministic spread of 1–3 choices per voter, so the expected totals are known. */
const choicesOf = (n) =>
  [...new Set([n % PROJECTS, (n * 7 + 3) % PROJECTS, (n * 13 + 5) % PROJECTS].slice(0, 1 + (n % 3)))].map((k) => `p${k + 1}`);

const emulator = await startEmulator({ port: await benchPort(), env: { ADMIN_OPENIDS: STAFF } });
const { call, get, post } = emulator;

try {
  const hour = 3600_000;
  const { id } = await call(STAFF, 'admin.campaigns.create', {
    title: '基准测试票选',
    description: '',
    eligibility: 'residents',
    // Counts accounts, so ten thousand bench voters need no phone codes; a ballot by verified number
    // costs the same 6 requests (bench/budgets.mjs prints both).
    verification: 'none',
    minChoices: 1,
    maxChoices: 3,
    opensAt: new Date(Date.now() + hour).toISOString(),
    closesAt: new Date(Date.now() + 24 * hour).toISOString(),
    resultsVisibility: 'live',
    projects: Array.from({ length: PROJECTS }, (_, k) => ({ title: `候选项目 ${k + 1}`, summary: '基准测试项目', category: '其他' })),
  });
  // Scheduled, then opened early by hand (docs/architecture.md#voting-lifecycle).
  await call(STAFF, 'admin.campaigns.schedule', { id });
  await call(STAFF, 'admin.campaigns.open', { id, reason: '基准测试：提前开启' });

  const expected = {};
  for (let n = 0; n < VOTERS; n++) for (const p of choicesOf(n)) expected[p] = (expected[p] ?? 0) + 1;
  const attempts = [
    ...Array.from({ length: VOTERS }, (_, n) => ({ openid: `bench-voter-${n}`, projectIds: choicesOf(n) })),
    ...Array.from({ length: REPEATS }, (_, k) => ({ openid: `bench-voter-${k * 20}`, projectIds: choicesOf(k * 20) })),
  ];
  const outcome = { accepted: 0, duplicate: 0, other: 0 };
  const otherCodes = {};
  const cast = await timed(() =>
    pool(attempts, CONCURRENCY, async ({ openid, projectIds }) => {
      const result = await post('/functions/api', { action: 'votes.cast', payload: { campaignId: id, projectIds } }, openid).catch(
        (error) => ({
          ok: false,
          error: { code: `NETWORK ${error.cause?.code ?? error.message}` },
        }),
      );
      if (result.ok) outcome.accepted += 1;
      else if (result.error?.code === 'ALREADY_EXISTS') outcome.duplicate += 1;
      else {
        outcome.other += 1;
        otherCodes[result.error?.code] = (otherCodes[result.error?.code] ?? 0) + 1;
      }
    }),
  );

  // The emulator keeps its last 500 calls: measure the cost of an accepted ballot and of a refused
  // repeat on two clean samples of 200 after the run (same campaign, same load on the store).
  const SAMPLE = 200;
  const requestsOf = async (openids) => {
    const { items } = await get('/_emulator/calls?limit=500');
    const wanted = new Set(openids);
    const requests = items.filter((c) => c.action === 'votes.cast' && wanted.has(c.openid)).map((c) => c.databaseRequests);
    return requests.reduce((a, b) => a + b, 0) / Math.max(1, requests.length);
  };
  const fresh = Array.from({ length: SAMPLE }, (_, n) => `bench-sample-${n}`);
  await pool(fresh, 20, (openid) =>
    post('/functions/api', { action: 'votes.cast', payload: { campaignId: id, projectIds: ['p1'] } }, openid),
  );
  const perBallot = await requestsOf(fresh);
  await pool(fresh, 20, (openid) =>
    post('/functions/api', { action: 'votes.cast', payload: { campaignId: id, projectIds: ['p2'] } }, openid),
  );
  const perRepeat = (await requestsOf(fresh)) * 2 - perBallot;

  const results = await timed(() => call('bench-reader', 'campaigns.results', { id }));
  const close = await timed(() => call(STAFF, 'admin.campaigns.close', { id, reason: '基准测试：提前截止' }));
  // The samples added SAMPLE ballots for p1.
  expected.p1 = (expected.p1 ?? 0) + SAMPLE;
  const exact = results.value.ballots === VOTERS + SAMPLE && results.value.totals.every((t) => t.votes === (expected[t.projectId] ?? 0));

  console.log(`attempts:                 ${VOTERS} voters + ${REPEATS} repeats, ${CONCURRENCY} in flight`);
  console.log(
    `accepted / duplicate:     ${outcome.accepted} / ${outcome.duplicate} (other refusals: ${outcome.other} ${JSON.stringify(otherCodes)})`,
  );
  console.log(
    `throughput:               ${(outcome.accepted / (cast.ms / 1000)).toFixed(1)} ballots/s (${(cast.ms / 1000).toFixed(1)} s for all attempts)`,
  );
  console.log(
    `database requests/ballot: ${perBallot.toFixed(2)} per accepted ballot, ${perRepeat.toFixed(2)} per refused repeat (samples of ${SAMPLE})`,
  );
  console.log(`results (sum of shards):  ${results.ms.toFixed(0)} ms, ${results.value.ballots} ballots, exact: ${exact}`);
  console.log(
    `close + recount:          ${close.ms.toFixed(0)} ms (${VOTERS + SAMPLE} ballots), recount ${JSON.stringify({ ballots: close.value.recount.ballots, shardBallots: close.value.recount.shardBallots, matches: close.value.recount.matches })}`,
  );
  // The secrecy scan (docs/architecture.md#voting): no stored document holds both a voter's openid
  // and a choice list or a receipt hash.
  const { items: collections } = await get('/_emulator/collections');
  let scanned = 0;
  let linking = 0;
  for (const { name } of collections) {
    const { items } = await get(`/_emulator/collections/${encodeURIComponent(name)}?limit=10000`);
    for (const doc of items) {
      scanned += 1;
      const text = JSON.stringify(doc);
      if (/bench-(voter|sample)-\d+/.test(text) && /"projectIds"|"receiptHash"|"receipt"/.test(text)) linking += 1;
    }
  }
  console.log(`secrecy scan:             ${scanned} documents in ${collections.length} collections, ${linking} link a voter to choices`);
  if (!exact || !close.value.recount.matches || outcome.accepted !== VOTERS || linking > 0) process.exitCode = 1;
} finally {
  emulator.stop();
}
