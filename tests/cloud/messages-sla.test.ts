import { startTestEmulator } from '../support/emulator';
import { boundDelegate, draft, ok, STAFF } from './messages-fixtures';

// Service levels run on the timer: one reminder after 3 days without a reply, the overdue list after
// 7, automatic closing of resolved messages left unrated. Statistics and totals come from the data.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.stop());

test('a message without a reply reminds its delegate once, then shows in the overdue list of staff (filterable by group)', async () => {
  const { delegateId } = await boundDelegate(emulator, 'delegate-slow', '周代表');
  await emulator.grantSubscription('delegate-slow', 'reminder', 5);
  const { id } = await ok(emulator.call('res-wait', 'messages.send', draft(delegateId)));
  await emulator.timer();
  const reminders = async () => (await emulator.deliveries()).filter((d: any) => d.recipient === 'delegate-slow' && d.templateKey === 'reminder' && d.result.errCode === 0);
  expect(await reminders()).toHaveLength(0);

  await emulator.advanceClock(3 * DAY + 3600_000);
  await emulator.timer();
  await emulator.timer();
  const sent = await reminders();
  expect(sent).toHaveLength(1);
  expect(sent[0].page).toBe(`packages/delegate/thread/thread?id=${id}`);
  expect((await ok(emulator.call(STAFF, 'messages.overdue', {}))).items.map((m: any) => m.id)).not.toContain(id);

  await emulator.advanceClock(4 * DAY);
  await emulator.timer();
  expect(await reminders()).toHaveLength(1);
  const overdue = await ok(emulator.call(STAFF, 'messages.overdue', {}));
  expect(overdue.items.find((m: any) => m.id === id)).toMatchObject({ delegateName: '周代表', waitingDays: 7 });
  expect(await emulator.call('res-wait', 'messages.overdue', {})).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
});

test('a resolved message left unrated closes itself after the configured days', async () => {
  const { delegateId } = await boundDelegate(emulator, 'delegate-close', '吴代表');
  const { id } = await ok(emulator.call('res-close', 'messages.send', draft(delegateId)));
  await ok(emulator.call('delegate-close', 'messages.reply', { id, body: '已处理' }));
  await ok(emulator.call('delegate-close', 'messages.transition', { id, to: 'resolved' }));
  await emulator.advanceClock(8 * DAY);
  await emulator.timer();
  expect((await ok(emulator.call('res-close', 'messages.get', { id }))).status).toBe('closed');
});

test('response statistics show only from 10 messages; the year summary counts from the data', async () => {
  const { delegateId } = await boundDelegate(emulator, 'delegate-stats', '郑代表');
  for (let i = 0; i < 9; i++) await ok(emulator.call(`res-s${i}`, 'messages.send', draft(delegateId)));
  expect(await ok(emulator.call('anyone', 'delegates.stats', { id: delegateId }))).toEqual({ delegateId, received: 9, sufficient: false });
  const { id } = await ok(emulator.call('res-s9', 'messages.send', draft(delegateId)));
  const before = await ok(emulator.call('anyone', 'stats.summary', {}));
  await ok(emulator.call('delegate-stats', 'messages.reply', { id, body: '好的' }));
  await ok(emulator.call('delegate-stats', 'messages.transition', { id, to: 'resolved' }));
  await ok(emulator.call('res-s9', 'messages.rate', { id, satisfaction: 'basically_satisfied' }));
  const stats = await ok(emulator.call('anyone', 'delegates.stats', { id: delegateId }));
  expect(stats).toMatchObject({ received: 10, sufficient: true, repliedWithinSla: 1, satisfactionRate: 1 });
  const after = await ok(emulator.call('anyone', 'stats.summary', {}));
  expect(after.collected).toBe(before.collected);
  expect(after.replied).toBe(before.replied + 1);
  expect(after.resolved).toBe(before.resolved + 1);
  expect(after.satisfactionRate).toBeGreaterThan(0);
});
