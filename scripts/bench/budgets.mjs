// Benchmark: database requests per action, split into reads and writes as the emulator counts them by wire
// action (GET /_emulator/calls: databaseReads, databaseWrites; a transaction's start and commit count as
// writes), beside each action's budget (docs/architecture.md#budgets, tests/cloud/budgets.test.ts asserts
// them), and what they mean on CloudBase's basic plan: 30 database requests a second, 50,000 reads and
// 30,000 writes a day.
//
//   node scripts/build.mjs && node scripts/bench/budgets.mjs      (or: npm run bench -- budgets)
import { benchPort, startEmulator } from './lib/emulator.mjs';

const STAFF = 'staff-openid';
const PLAN = { qps: 30, reads: 50_000, writes: 30_000 };
const TEMPLATE_IDS = { newMessage: 't-new', messageUpdate: 't-update', reminder: 't-reminder', voteResult: 't-vote' };

const emulator = await startEmulator({
  port: await benchPort(),
  env: { ADMIN_OPENIDS: STAFF, TEMPLATE_IDS: JSON.stringify(TEMPLATE_IDS) },
});
const { call, get, post } = emulator;
const rows = [];
let sequence = 0;
const requestId = () => `bench-budget-${(sequence++).toString(36).padStart(6, '0')}`;

/** Calls once, then reads the call's own record: reads and writes of exactly this call. */
async function measure(row, budget, openid, action, payload, { refused = false } = {}) {
  const result = await post('/functions/api', { action, payload }, openid);
  if (result.ok === refused) throw new Error(`${row}: ${action} answered ${JSON.stringify(result)}`);
  const { items } = await get('/_emulator/calls?limit=1');
  const [last] = items;
  rows.push({ row, budget, reads: last.databaseReads, writes: last.databaseWrites });
  return result.data;
}

try {
  const group = await call(STAFF, 'admin.groups.create', { name: '预算小组' });
  const { id: delegateId, bindCode } = await call(STAFF, 'admin.delegates.create', { name: '预算代表', groupId: group.id });
  await call('bench-delegate', 'delegates.bind', { code: bindCode });
  for (const [openid, templateKey] of [
    ['bench-delegate', 'newMessage'],
    ['bench-resident', 'messageUpdate'],
  ])
    await post('/_emulator/subscriptions', { openid, templateId: TEMPLATE_IDS[templateKey], count: 50 });
  const draft = () => ({
    delegateId,
    category: '环境卫生',
    title: '小区东门路灯不亮',
    body: '东门外的路灯坏了两个星期，晚上出行不安全。',
    requestId: requestId(),
  });

  // The street's very first message also creates its public counters, once: not a figure of the action.
  await call('bench-first', 'messages.send', draft());
  const { id } = await measure("messages.send (a person's first ever)", 6, 'bench-resident', 'messages.send', {
    ...draft(),
    isPublic: true,
  });
  await measure('messages.send', 6, 'bench-resident', 'messages.send', draft());
  const repeat = draft();
  await call('bench-resident', 'messages.send', repeat);
  await measure('messages.send (same requestId again)', 6, 'bench-resident', 'messages.send', repeat);
  for (let n = 0; n < 5; n++) await call('bench-limit', 'messages.send', draft());
  await measure('messages.send over the daily limit (refused)', 6, 'bench-limit', 'messages.send', draft(), { refused: true });
  const reply = (row, budget, openid, body) => measure(row, budget, openid, 'messages.reply', { id, body, requestId: requestId() });
  await reply('messages.reply by the delegate (a first response)', 5, 'bench-delegate', '收到');
  await reply('messages.reply by the delegate', 5, 'bench-delegate', '已联系物业');
  await reply('messages.reply by the resident (first ever)', 5, 'bench-resident', '谢谢');
  await call('bench-delegate', 'messages.reply', { id, body: '不客气', requestId: requestId() });
  await reply('messages.reply by the resident (notifies)', 5, 'bench-resident', '今晚还是不亮');
  await reply('messages.reply by the resident (not told again)', 5, 'bench-resident', '补充说明');
  await measure(
    'messages.reply to a random id (refused)',
    5,
    'bench-stranger',
    'messages.reply',
    { id: 'no-such-id', body: '随便' },
    { refused: true },
  );
  await measure('messages.mine', 1, 'bench-resident', 'messages.mine', {});
  await measure('messages.get (the delegate)', 2, 'bench-delegate', 'messages.get', { id });
  await measure('messages.inbox', 2, 'bench-delegate', 'messages.inbox', {});
  await measure('messages.wall', 1, 'anyone', 'messages.wall', {});
  await measure('stats.summary', 1, 'anyone', 'stats.summary', {});
  await measure('delegates.stats', 1, 'anyone', 'delegates.stats', { id: delegateId });
  await measure('delegates.profile (the profile page)', 2, 'anyone', 'delegates.profile', { id: delegateId });
  await measure('receptions.figures', 1, 'anyone', 'receptions.figures', { month: '2026-12' });

  const hour = 3600_000;
  /** A campaign scheduled, then opened early by hand (docs/architecture.md#voting-lifecycle). */
  const openCampaign = async (over, roster) => {
    const campaign = await call(STAFF, 'admin.campaigns.create', {
      title: '预算票选',
      description: '',
      eligibility: 'residents',
      minChoices: 1,
      maxChoices: 1,
      opensAt: new Date(Date.now() + hour).toISOString(),
      closesAt: new Date(Date.now() + 24 * hour).toISOString(),
      resultsVisibility: 'live',
      projects: [1, 2].map((k) => ({ title: `项目 ${k}`, summary: '预算测试', category: '其他' })),
      ...over,
    });
    if (roster) await call(STAFF, 'admin.rosters.import', { campaignId: campaign.id, csv: roster.join('\n') });
    await call(STAFF, 'admin.campaigns.schedule', { id: campaign.id });
    await call(STAFF, 'admin.campaigns.open', { id: campaign.id, reason: '基准测试：提前开启' });
    return campaign;
  };
  const verifyPhone = async (openid, phoneNumber) =>
    call(openid, 'me.verifyPhone', { code: (await post('/_emulator/phone-codes', { openid, phoneNumber })).code });
  const ballot = (campaign, projectId = 'p1') => ({ campaignId: campaign.id, projectIds: [projectId], requestId: requestId() });

  // Each campaign: warm the instance's campaign cache with one voter, then measure a second.
  const accounts = await openCampaign({ verification: 'none' });
  await call('bench-voter-0', 'votes.cast', ballot(accounts));
  await measure('votes.cast (accepted, one per account)', 6, 'bench-voter-1', 'votes.cast', ballot(accounts));
  await measure('votes.cast (repeat, refused)', 2, 'bench-voter-1', 'votes.cast', ballot(accounts, 'p2'), { refused: true });

  const phones = await openCampaign({});
  for (const n of [0, 1, 2]) await verifyPhone(`bench-phone-${n}`, `1380000000${n}`);
  await call('bench-phone-0', 'votes.cast', ballot(phones));
  // As the campaign page casts: with the pass votes.mine gave it (docs/architecture.md#voting).
  const { pass } = await call('bench-phone-1', 'votes.mine', { campaignId: phones.id });
  await measure('votes.cast (accepted, one per verified number)', 6, 'bench-phone-1', 'votes.cast', { ...ballot(phones), pass });
  await measure(
    'votes.cast (repeat by number, refused)',
    2,
    'bench-phone-1',
    'votes.cast',
    { ...ballot(phones, 'p2'), pass },
    { refused: true },
  );
  // Without a pass (cast straight after verifying, or after it expired): the caller's record is read instead.
  await measure('votes.cast (by number, no pass, accepted)', 6, 'bench-phone-2', 'votes.cast', ballot(phones));
  // Rare: a client without a pass that does not know it voted. Refused by the marker's insert.
  await measure('votes.cast (by number, no pass, repeat refused)', undefined, 'bench-phone-2', 'votes.cast', ballot(phones, 'p2'), {
    refused: true,
  });

  // A roster of 2,000 numbers: votes.mine reads the caller's roster bucket (1 of 256) the first time a warm instance needs it.
  const rostered = Array.from({ length: 2000 }, (_, n) => `1370000${String(n).padStart(4, '0')}`);
  const withRoster = await openCampaign({}, rostered);
  for (const n of [0, 1]) await verifyPhone(`bench-roster-${n}`, rostered[n]);
  await call('bench-roster-0', 'votes.mine', { campaignId: withRoster.id });
  // The page's votes.mine reads the caller, the bucket (the first time this instance needs it) and the marker.
  const rosterPass = await measure('votes.mine (by number, rostered)', undefined, 'bench-roster-1', 'votes.mine', {
    campaignId: withRoster.id,
  });
  await measure('votes.cast (rostered, with its pass)', 6, 'bench-roster-1', 'votes.cast', {
    ...ballot(withRoster),
    pass: rosterPass.pass,
  });

  const formal = await openCampaign({ eligibility: 'delegates', resultsVisibility: 'after_close' });
  await call('bench-delegate', 'votes.mine', { campaignId: formal.id });
  await measure("votes.cast (a delegates' 票决, accepted)", 6, 'bench-delegate', 'votes.cast', ballot(formal));

  console.log('database requests per action (reads + writes = total, budget)');
  for (const r of rows) {
    const total = r.reads + r.writes;
    const mark = r.budget === undefined ? '' : total <= r.budget ? '  ok' : '  OVER';
    console.log(
      `  ${r.row.padEnd(56)} ${String(r.reads).padStart(2)} + ${String(r.writes).padStart(2)} = ${String(total).padStart(2)}   ${r.budget === undefined ? '(no budget: rare or once per instance)' : `≤ ${r.budget}`}${mark}`,
    );
  }
  const rowOf = (name) => rows.find((r) => r.row === name);
  const capacity = (r, what) => {
    const total = r.reads + r.writes;
    const perDay = Math.floor(Math.min(r.reads ? PLAN.reads / r.reads : Infinity, r.writes ? PLAN.writes / r.writes : Infinity));
    const bound = r.writes && PLAN.writes / r.writes <= (r.reads ? PLAN.reads / r.reads : Infinity) ? 'writes' : 'reads';
    console.log(
      `  ${what.padEnd(10)} ${(PLAN.qps / total).toFixed(1)} a second at ${PLAN.qps} database QPS; ${perDay.toLocaleString('en')} a day within ${PLAN.reads.toLocaleString('en')} reads and ${PLAN.writes.toLocaleString('en')} writes (bound by ${bound})`,
    );
  };
  console.log(`capacity on the basic plan (${PLAN.qps} QPS, ${PLAN.reads} reads and ${PLAN.writes} writes a day):`);
  capacity(rowOf('votes.cast (accepted, one per verified number)'), 'ballots');
  capacity(rowOf('messages.send'), 'messages');
  if (rows.some((r) => r.budget !== undefined && r.reads + r.writes > r.budget)) process.exitCode = 1;
} finally {
  emulator.stop();
}
