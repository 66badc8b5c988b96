import { startTestEmulator, type CallRecord } from '../support/emulator';
import { boundDelegate, draft, newRequestId, ok } from './messages-fixtures';
import { openCampaign } from './voting-fixtures';

// Database requests per action (docs/architecture.md#budgets, issue 16): each is a round trip from the function and
// what CloudBase plans are sized by. Counts are deterministic, read from the emulator's per-call record, split by wire
// action into reads (get, count, aggregate) and writes (everything else, a transaction's start and commit included).
// One row per action and path; `npm run bench` prints the same table beside throughput and capacity.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.stop());

async function measure(openid: string, action: string, payload: unknown): Promise<CallRecord> {
  await ok(emulator.call(openid, action as never, payload as never));
  const [last] = await emulator.calls();
  expect(last.action).toBe(action);
  return last;
}

interface Row {
  row: string;
  /** Exact counts; absent for rows another capability's tests pin down (a ballot: tests/cloud/voting.test.ts). */
  reads?: number;
  writes?: number;
  /** The issue's budget for the whole call, when it names one. */
  budget?: number;
}

const measured: (Row & { actual: { reads: number; writes: number } })[] = [];
const expectRow = (row: Row, call: CallRecord) =>
  measured.push({ ...row, actual: { reads: call.databaseReads, writes: call.databaseWrites } });

test('each action stays within its database request budget', async () => {
  const { delegateId } = await boundDelegate(emulator, 'b-delegate', '许代表');
  await emulator.grantSubscription('b-delegate', 'newMessage', 20);
  await emulator.grantSubscription('b-resident', 'messageUpdate', 20);

  // The ballot (its shape belongs to voting): within budget on a warm instance, with and without a repeat.
  const campaign = await openCampaign(emulator, { title: '请求预算', resultsVisibility: 'live' });
  await ok(emulator.call('b-voter-0', 'votes.cast', { campaignId: campaign.id, projectIds: [campaign.projectIds[0]] }));
  expectRow(
    { row: 'votes.cast, accepted', budget: 6 },
    await measure('b-voter-1', 'votes.cast', { campaignId: campaign.id, projectIds: [campaign.projectIds[0]] }),
  );
  await emulator.call('b-voter-1', 'votes.cast', { campaignId: campaign.id, projectIds: [campaign.projectIds[0]] });
  const [refused] = await emulator.calls();
  expectRow({ row: 'votes.cast, a refused repeat', budget: 2 }, refused);
  // A vote checked by phone (residents' default), cast as the campaign page does: with the pass votes.mine gave.
  const phones = await openCampaign(emulator, { title: '请求预算：手机号', verification: 'phone' });
  for (const n of [0, 1]) await emulator.verifyPhone(`b-phone-${n}`, `1350000000${n}`);
  await ok(emulator.call('b-phone-0', 'votes.cast', { campaignId: phones.id, projectIds: [phones.projectIds[0]] }));
  const { pass } = await ok(emulator.call('b-phone-1', 'votes.mine', { campaignId: phones.id }));
  const byNumber = { campaignId: phones.id, projectIds: [phones.projectIds[0]], pass };
  expectRow(
    { row: 'votes.cast by a verified number, accepted', reads: 1, writes: 5, budget: 6 },
    await measure('b-phone-1', 'votes.cast', byNumber),
  );
  await emulator.call('b-phone-1', 'votes.cast', byNumber);
  const [refusedByNumber] = await emulator.calls();
  expectRow({ row: 'votes.cast by a verified number, a refused repeat', reads: 1, writes: 0, budget: 2 }, refusedByNumber);

  // The street's very first message also creates its public counters (stats/): one write more, once.
  await ok(emulator.call('b-someone', 'messages.send', draft(delegateId)));
  // A resident's very first message: the delegate, the day's allowance (one conditional update that finds no
  // record, then its creation), the message with its notice, the public counters, the settle.
  const first = await measure('b-resident', 'messages.send', draft(delegateId, { isPublic: true }));
  expectRow({ row: 'messages.send, the first ever (creates the allowance record)', reads: 1, writes: 5, budget: 6 }, first);
  const second = await measure('b-resident', 'messages.send', draft(delegateId));
  expectRow({ row: 'messages.send', reads: 1, writes: 4, budget: 6 }, second);
  const [{ id }] = (await ok(emulator.call('b-resident', 'messages.mine', {}))).items;

  // The delegate: the message, the caller, the entry with its notice (a delegate's allowance is per message and
  // day, counted from the thread), the public counters on a first response, the settle.
  const reply1 = await measure('b-delegate', 'messages.reply', { id, body: '收到，正在了解情况', requestId: newRequestId() });
  expectRow({ row: 'messages.reply by the delegate, a first response', reads: 2, writes: 3, budget: 5 }, reply1);
  const reply2 = await measure('b-delegate', 'messages.reply', { id, body: '已联系物业', requestId: newRequestId() });
  expectRow({ row: 'messages.reply by the delegate', reads: 2, writes: 2, budget: 5 }, reply2);
  // The resident's follow-up after the delegate answered: the delegate's current WeChat is read for the notice. Their
  // first ever reply: the allowance record their first message created counts replies too, so no record is created.
  const followUp = await measure('b-resident', 'messages.reply', { id, body: '好的，谢谢', requestId: newRequestId() });
  expectRow({ row: 'messages.reply by the resident, the first ever (notifies)', reads: 2, writes: 3, budget: 5 }, followUp);
  // A second follow-up before the delegate answers tells nobody: no notice, no settle.
  const quiet = await measure('b-resident', 'messages.reply', { id, body: '补充一张照片的说明', requestId: newRequestId() });
  expectRow({ row: 'messages.reply by the resident (delegate not told again)', reads: 1, writes: 2, budget: 5 }, quiet);
  await ok(emulator.call('b-delegate', 'messages.reply', { id, body: '好的', requestId: newRequestId() }));
  const told = await measure('b-resident', 'messages.reply', { id, body: '今晚还是不亮', requestId: newRequestId() });
  expectRow({ row: 'messages.reply by the resident (notifies)', reads: 2, writes: 3, budget: 5 }, told);
  const repeat = await measure('b-resident', 'messages.send', { ...draft(delegateId), requestId: 'b-repeat' });
  expectRow({ row: 'messages.send, first try of a requestId', reads: 1, writes: 4, budget: 6 }, repeat);
  const again = await measure('b-resident', 'messages.send', { ...draft(delegateId), requestId: 'b-repeat' });
  expectRow({ row: 'messages.send, the same requestId again', reads: 3, writes: 2 }, again);
  // Another day costs the same: the day is a field of the person's record, created by the increment.
  await emulator.advanceClock(24 * 3600_000);
  const nextDay = await measure('b-resident', 'messages.send', draft(delegateId));
  expectRow({ row: 'messages.send, the next day', reads: 1, writes: 4, budget: 6 }, nextDay);
  const nextDayReply = await measure('b-delegate', 'messages.reply', { id, body: '今天已修好', requestId: newRequestId() });
  expectRow({ row: 'messages.reply by the delegate, the next day', reads: 2, writes: 2, budget: 5 }, nextDayReply);

  // Reads: one query each (two when the caller must be looked up).
  expectRow({ row: 'messages.mine', reads: 1, writes: 0 }, await measure('b-resident', 'messages.mine', {}));
  expectRow({ row: 'messages.get by its author', reads: 1, writes: 0 }, await measure('b-resident', 'messages.get', { id }));
  expectRow({ row: 'messages.get by the delegate', reads: 2, writes: 0 }, await measure('b-delegate', 'messages.get', { id }));
  expectRow({ row: 'messages.inbox', reads: 2, writes: 0 }, await measure('b-delegate', 'messages.inbox', {}));
  expectRow({ row: 'messages.wall', reads: 1, writes: 0 }, await measure('anyone', 'messages.wall', {}));
  expectRow({ row: 'stats.summary', reads: 1, writes: 0 }, await measure('anyone', 'stats.summary', {}));
  expectRow({ row: 'delegates.stats', reads: 1, writes: 0 }, await measure('anyone', 'delegates.stats', { id: delegateId }));
  // The profile page's one call: the delegate with group and station, and the figures.
  expectRow({ row: 'delegates.profile', reads: 2, writes: 0, budget: 2 }, await measure('anyone', 'delegates.profile', { id: delegateId }));

  // 履职 (duties/): a log reads the caller and the delegate, then one transaction (start, the request key's read, the
  // entry, the key, commit); the feed reads entries and news, one query each.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 24 * 3600_000));
  const duty = { kind: '走访调研', date: today, summary: '走访社区，了解居民诉求。', isPublic: true };
  expectRow({ row: 'duties.log', reads: 3, writes: 4 }, await measure('b-delegate', 'duties.log', { ...duty, requestId: newRequestId() }));
  expectRow({ row: 'duties.feed', reads: 2, writes: 0 }, await measure('anyone', 'duties.feed', {}));
  expectRow({ row: 'duties.targets', reads: 1, writes: 0 }, await measure('anyone', 'duties.targets', { year: Number(today.slice(0, 4)) }));

  console.log(
    'database requests per action (reads + writes)\n' +
      measured
        .map((m) => `  ${m.row.padEnd(70)} ${m.actual.reads} + ${m.actual.writes}${m.budget ? `  (budget ${m.budget})` : ''}`)
        .join('\n'),
  );
  const exact = measured.filter((m) => m.reads !== undefined);
  expect(exact.map((m) => ({ row: m.row, reads: m.actual.reads, writes: m.actual.writes }))).toEqual(
    exact.map(({ row, reads, writes }) => ({ row, reads, writes })),
  );
  for (const m of measured) if (m.budget) expect(m.actual.reads + m.actual.writes).toBeLessThanOrEqual(m.budget);
});
