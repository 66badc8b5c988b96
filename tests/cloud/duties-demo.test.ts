import { startTestEmulator } from '../support/emulator';
import { ok, type TestEmulator } from './voting-fixtures';

// The demo data's 履职 works like what the function made (issue 12, item 7): 周建国's handbook counts his
// logged entries and the past reception days he attended against the year's 履职清单; the feed shows
// public entries and news, never the private one; demo-liaison (综合治理) sees only that group.

let emulator: TestEmulator;
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
beforeAll(async () => {
  emulator = await startTestEmulator({ seed: true });
});
afterAll(() => emulator?.stop());

test("周建国's handbook: logged and derived entries against the year's duty list", async () => {
  const book = await ok(emulator.call('demo-delegate', 'duties.mine', { year }));
  expect(book.entries).toHaveLength(5);
  expect(book.derived.filter((d: { source: string }) => d.source === 'receptions')).toHaveLength(2);
  expect(book.targets.find((t: { kind: string }) => t.kind === '接待选民')).toEqual({ kind: '接待选民', required: 4, done: 2 });
  expect(book.targets.find((t: { kind: string }) => t.kind === '走访调研')).toEqual({ kind: '走访调研', required: 2, done: 1 });
  // His filed suggestions of this year count too, one each.
  expect(book.counts['提出建议']).toBe(book.derived.filter((d: { source: string }) => d.source === 'suggestions').length);
});

test('the feed shows public entries and news, newest first, never the private entry', async () => {
  const feed = await ok(emulator.call('demo-resident', 'duties.feed', {}));
  const ids = feed.items.map((i: { id: string }) => i.id);
  expect(ids).toEqual(expect.arrayContaining(['nwdemo1', 'nwdemo2', 'dtdemo01']));
  expect(ids).not.toContain('dtdemo05');
  const times = feed.items.map((i: { at: string }) => i.at);
  expect([...times].sort().reverse()).toEqual(times);
});

test('demo-liaison sees the 综合治理 group only; staff see all five', async () => {
  const liaison = await ok(emulator.call('demo-liaison', 'duties.stats', { year }));
  expect(liaison).toMatchObject({ scope: 'liaison', groups: [{ groupId: 'g1', name: '综合治理', delegates: 14 }] });
  const street = await ok(emulator.call('staff-openid', 'duties.stats', { year }));
  expect(street.groups).toHaveLength(5);
  expect(street.delegates).toHaveLength(70);
  const report = await ok(emulator.call('demo-resident', 'duties.report', { delegateId: 'd01', year }));
  expect(report).toMatchObject({ delegate: { name: '周建国' }, receptionDays: 2 });
  expect(report.highlights).toHaveLength(4);
});

test("demo-liaison's workspace is not empty: 综合治理's overdue messages open read-only, and its 督办 tasks", async () => {
  const overdue = await ok(emulator.call('demo-liaison', 'messages.overdue', {}));
  expect(overdue.items.length).toBeGreaterThan(0);
  const delegates = new Map(
    ((await emulator.collection('delegates')) as { _id: string; groupId: string }[]).map((d) => [d._id, d.groupId]),
  );
  for (const m of overdue.items) expect(delegates.get(m.delegateId)).toBe('g1');
  const thread = await ok(emulator.call('demo-liaison', 'messages.get', { id: overdue.items[0].id }));
  expect(thread).toMatchObject({ viewer: 'liaison', can: { reply: false, forward: false } });
  if (thread.phone) expect(thread.phone).toMatch(/^\d{3}\*{4}\d{4}$/);

  const tasks = await ok(emulator.call('demo-liaison', 'supervisions.tasks', {}));
  expect(tasks.items.length).toBeGreaterThan(0);
  for (const t of tasks.items) expect(t).toMatchObject({ kind: 'supervise', status: 'open', groupId: 'g1' });
  // Staff's figures count the demo's messages: a rebuild from the messages finds the counters right.
  expect(await ok(emulator.call('staff-openid', 'admin.stats.rebuild', { requestId: 'demo-rebuild' }))).toMatchObject({ matched: true });
});
