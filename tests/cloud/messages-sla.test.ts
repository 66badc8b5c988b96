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
  const reminders = async () =>
    (await emulator.deliveries()).filter(
      (d: any) => d.recipient === 'delegate-slow' && d.templateKey === 'reminder' && d.result.errCode === 0,
    );
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

test("a group's liaison sees that group's overdue messages and no other group's; moving the liaison moves the view", async () => {
  const own = await startTestEmulator();
  try {
    const groupA = await ok(
      own.call(STAFF, 'admin.groups.create', { name: '城乡建设', liaison: { name: '郑委员' }, liaisonOpenid: 'liaison-zheng' }),
    );
    const groupB = await ok(own.call(STAFF, 'admin.groups.create', { name: '社会事业', liaison: { name: '冯委员' } }));
    const inA = await boundDelegate(own, 'delegate-a', '陈代表', groupA.id);
    const inB = await boundDelegate(own, 'delegate-b', '褚代表', groupB.id);
    const { id: waitingA } = await ok(own.call('res-a', 'messages.send', draft(inA.delegateId)));
    const { id: waitingB } = await ok(own.call('res-b', 'messages.send', draft(inB.delegateId)));
    await own.advanceClock(8 * DAY);

    // The link is private: the public directory shows the liaison's name, never their openid.
    const groups = await ok(own.call('res-a', 'groups.list', {}));
    expect(JSON.stringify(groups)).not.toContain('liaison-zheng');
    expect(await ok(own.call('liaison-zheng', 'me.get', {}))).toMatchObject({ roles: ['resident'], liaisonGroupIds: [groupA.id] });

    const seen = await ok(own.call('liaison-zheng', 'messages.overdue', {}));
    expect(seen.items.map((m: any) => m.id)).toEqual([waitingA]);
    expect(await own.call('liaison-zheng', 'messages.overdue', { groupId: groupB.id })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED', field: 'groupId' },
    });
    expect((await ok(own.call(STAFF, 'messages.overdue', {}))).items.map((m: any) => m.id).sort()).toEqual([waitingA, waitingB].sort());

    // Staff hand group A to another member: the first one loses the view, the new one gains it.
    await ok(own.call(STAFF, 'admin.groups.update', { id: groupA.id, liaisonOpenid: 'liaison-wei' }));
    expect(await own.call('liaison-zheng', 'messages.overdue', {})).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect((await ok(own.call('liaison-wei', 'messages.overdue', {}))).items.map((m: any) => m.id)).toEqual([waitingA]);
    // Editing other fields keeps the link; null removes it.
    await ok(own.call(STAFF, 'admin.groups.update', { id: groupA.id, duty: '道路、管网与老旧小区改造' }));
    expect((await ok(own.call('liaison-wei', 'messages.overdue', {}))).items).toHaveLength(1);
    await ok(own.call(STAFF, 'admin.groups.update', { id: groupA.id, liaisonOpenid: null }));
    expect(await ok(own.call('liaison-wei', 'me.get', {}))).not.toHaveProperty('liaisonGroupIds');
  } finally {
    await own.stop();
  }
});
