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
  expect(stats).toMatchObject({ received: 10, sufficient: true, repliedWithinSla: 1 });
  // One rating, one first reply: too few to show a satisfaction rate or a median (the minimum sample applies to each).
  expect(stats.satisfactionRate).toBeUndefined();
  expect(stats.medianFirstReplyHours).toBeUndefined();
  const after = await ok(emulator.call('anyone', 'stats.summary', {}));
  expect(after.collected).toBe(before.collected);
  expect(after.replied).toBe(before.replied + 1);
  expect(after.resolved).toBe(before.resolved + 1);
  expect(after.satisfactionRate).toBeUndefined();
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

describe('service levels count what the delegate owes (issue 17, item 8)', () => {
  const delegateFigures = async (delegateId: string) => {
    const [figures] = (await emulator.collection('figures')) as any[];
    return figures?.delegates?.[delegateId] ?? {};
  };
  const remindersTo = async (openid: string) =>
    (await emulator.deliveries()).filter((d: any) => d.recipient === openid && d.templateKey === 'reminder' && d.result.errCode === 0);

  test('time held for review is not the delegate’s: the clock and the reminder start at approval', async () => {
    const { delegateId } = await boundDelegate(emulator, 'delegate-held', '钱代表');
    await emulator.grantSubscription('delegate-held', 'reminder', 5);
    const held = await ok(emulator.call('res-held-sla', 'messages.send', draft(delegateId, { body: '物业乱收费，有事加微信联系我。' })));
    expect(held.status).toBe('held');
    // Four days in review: past the reminder time counted from the send, but the delegate has not seen it.
    await emulator.advanceClock(4 * DAY);
    const item = (await ok(emulator.call(STAFF, 'admin.moderation.list', {}))).items.find((i: any) => i.subjectId === held.id);
    await ok(emulator.call(STAFF, 'admin.moderation.approve', { id: item.id }));
    await emulator.timer();
    expect(await remindersTo('delegate-held')).toHaveLength(0);
    expect((await ok(emulator.call(STAFF, 'messages.overdue', {}))).items.map((m: any) => m.id)).not.toContain(held.id);
    // A reply a day after approval is within the 3-day service level, though five days after the send.
    await emulator.advanceClock(DAY);
    await ok(emulator.call('delegate-held', 'messages.reply', { id: held.id, body: '收到，这就去了解' }));
    expect(await delegateFigures(delegateId)).toMatchObject({ received: 1, replied: 1, withinSla: 1, h24: 1 });
  });

  test('a staff 转办 is not the delegate’s first response; the delegate’s own reply is', async () => {
    const { delegateId } = await boundDelegate(emulator, 'delegate-fwd', '孙代表');
    const { id } = await ok(emulator.call('res-fwd', 'messages.send', draft(delegateId)));
    await ok(emulator.call(STAFF, 'messages.transition', { id, to: 'forwarded', department: '城管科' }));
    expect(await delegateFigures(delegateId)).toEqual({ received: 1 });
    await emulator.advanceClock(2 * 3600_000);
    await ok(emulator.call('delegate-fwd', 'messages.reply', { id, body: '已跟进城管科' }));
    expect(await delegateFigures(delegateId)).toMatchObject({ received: 1, replied: 1, withinSla: 1, h2: 1 });
  });

  test('不满意 sends it back: no longer resolved, waiting for the delegate, reminded again, and resolvable once handled', async () => {
    const { delegateId } = await boundDelegate(emulator, 'delegate-again', '李代表');
    await emulator.grantSubscription('delegate-again', 'reminder', 5);
    const { id } = await ok(emulator.call('res-again', 'messages.send', draft(delegateId)));
    await ok(emulator.call('delegate-again', 'messages.reply', { id, body: '已处理' }));
    await ok(emulator.call('delegate-again', 'messages.transition', { id, to: 'resolved' }));
    const resolvedBefore = (await ok(emulator.call('anyone', 'stats.summary', {}))).resolved;
    expect(await ok(emulator.call('res-again', 'messages.rate', { id, satisfaction: 'dissatisfied', comment: '还是不行' }))).toEqual({
      status: 'pending',
    });
    expect((await ok(emulator.call('anyone', 'stats.summary', {}))).resolved).toBe(resolvedBefore - 1);
    const inbox = await ok(emulator.call('delegate-again', 'messages.inbox', { status: 'pending' }));
    expect(inbox.items.map((m: any) => m.id)).toContain(id);

    // Nobody acts: the delegate is reminded of the new wait, once.
    await emulator.advanceClock(3 * DAY + 3600_000);
    await emulator.timer();
    await emulator.timer();
    expect(await remindersTo('delegate-again')).toHaveLength(1);
    await emulator.advanceClock(DAY);
    await emulator.timer();
    expect(await remindersTo('delegate-again')).toHaveLength(1);
    expect((await ok(emulator.call(STAFF, 'messages.overdue', {}))).items.map((m: any) => m.id)).not.toContain(id);

    await ok(emulator.call('delegate-again', 'messages.transition', { id, to: 'resolved', note: '这次彻底修好了' }));
    expect((await ok(emulator.call('anyone', 'stats.summary', {}))).resolved).toBe(resolvedBefore);
  });
});
