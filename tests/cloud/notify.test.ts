import { startTestEmulator } from '../support/emulator';
import { boundDelegate, draft, ok } from './messages-fixtures';

// Notifications go through the outbox: sent right after the action, retried by the timer on
// transient errors until delivered exactly once; 43101 becomes a to-do without a retry storm.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let delegateId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  delegateId = (await boundDelegate(emulator, 'delegate-n', '孙代表')).delegateId;
});
afterAll(() => emulator?.stop());
afterEach(() => emulator.setFaults({ openapiErrorRate: 0 }));

const HOUR = 3600_000;
const deliveredTo = async (openid: string) => (await emulator.deliveries()).filter((d: any) => d.recipient === openid && isDelivered(d));
const isDelivered = (d: any) => d.result?.errCode === 0;

test('a new message reaches the delegate with a page that opens the thread', async () => {
  await emulator.grantSubscription('delegate-n', 'newMessage', 1);
  const { id } = await ok(
    emulator.call('res-n1', 'messages.send', draft(delegateId, { title: '这是一个非常非常长的标题，超过了微信的二十个字限制' })),
  );
  const [delivery] = await deliveredTo('delegate-n');
  expect(delivery).toBeDefined();
  expect(delivery.page).toBe(`packages/delegate/thread/thread?id=${id}`);
  expect(Array.from(delivery.data.thing1.value as string).length).toBeLessThanOrEqual(20);
  expect(delivery.data.phrase2.value).toBe('待回复');
  // Sent at once from the message's own write: nothing left in the outbox or on the message (docs/architecture.md#budgets).
  expect((await emulator.collection('outbox')).filter((o: any) => o.dedupeKey === `message:${id}:new`)).toEqual([]);
  const message = (await emulator.collection('messages')).find((m: any) => m._id === id) as any;
  expect(message.notices ?? {}).toEqual({});
  expect(message.noticeDueAt).toBeUndefined();
});

test('with subscribe sends failing transiently, every notification is eventually delivered exactly once', async () => {
  const residents = Array.from({ length: 20 }, (_, i) => `res-f${i}`);
  const ids: string[] = [];
  for (const resident of residents) {
    await emulator.grantSubscription(resident, 'messageUpdate', 5);
    const { id } = await ok(emulator.call(resident, 'messages.send', draft(delegateId)));
    await ok(emulator.call('delegate-n', 'messages.reply', { id, body: '已收到，正在协调' }));
    ids.push(id);
  }
  const resolvedNotice = (d: any) => d.data.phrase2?.value === '已办结';
  // Faults on the open API: resolving carries no text (no content check), so only the sends fail.
  await emulator.setFaults({ openapiErrorRate: 0.4 });
  for (const id of ids) await ok(emulator.call('delegate-n', 'messages.transition', { id, to: 'resolved' }));
  const outbox = async () =>
    (await emulator.collection('outbox')).filter(
      (o: any) => ids.some((id) => o.dedupeKey.startsWith(`message:${id}:`)) && o.kind === 'message.resolve',
    );
  for (let run = 0; run < 40 && (await outbox()).some((o: any) => o.status !== 'sent'); run++) {
    await emulator.advanceClock(6 * HOUR);
    await emulator.timer();
  }
  await emulator.setFaults({ openapiErrorRate: 0 });
  // A notice sent at once never enters the outbox; every one that failed did, and ended sent.
  expect((await outbox()).length).toBeGreaterThan(0);
  expect((await outbox()).every((o: any) => o.status === 'sent')).toBe(true);
  const delivered = (await emulator.deliveries()).filter(
    (d: any) => residents.includes(d.recipient) && isDelivered(d) && resolvedNotice(d),
  );
  expect(delivered.map((d: any) => d.page).sort()).toEqual(ids.map((id) => `packages/resident/thread/thread?id=${id}`).sort());
  // Retries happened (injected failures never reach WeChat's delivery log, so the outbox counts them).
  expect((await outbox()).some((o: any) => o.attempts > 1)).toBe(true);
});

test('without a credit (43101) the notification becomes a to-do and is not retried', async () => {
  const { id } = await ok(emulator.call('res-nocredit', 'messages.send', draft(delegateId)));
  // The resident never accepted messageUpdate: WeChat answers 43101 to the reply's notification.
  await ok(emulator.call('delegate-n', 'messages.reply', { id, body: '收到，马上处理' }));
  const todos = await ok(emulator.call('res-nocredit', 'notifications.todos', {}));
  expect(todos.count).toBe(1);
  expect(todos.items[0]).toMatchObject({ templateKey: 'messageUpdate', page: `packages/resident/thread/thread?id=${id}` });
  const attemptsBefore = (await emulator.deliveries()).filter((d: any) => d.recipient === 'res-nocredit').length;
  for (let run = 0; run < 5; run++) {
    await emulator.advanceClock(6 * HOUR);
    await emulator.timer();
  }
  expect((await emulator.deliveries()).filter((d: any) => d.recipient === 'res-nocredit').length).toBe(attemptsBefore);
  const [outbox] = (await emulator.collection('outbox')).filter((o: any) => o.recipient === 'res-nocredit');
  expect(outbox).toMatchObject({ status: 'undeliverable', attempts: 1 });
  expect(await ok(emulator.call('res-nocredit', 'notifications.dismiss', { id: todos.items[0].id }))).toEqual({ dismissed: true });
  expect((await ok(emulator.call('res-nocredit', 'notifications.todos', {}))).count).toBe(0);
});

test('subscriptions.record counts credits per template key', async () => {
  expect(await ok(emulator.call('res-sub', 'subscriptions.record', { accepted: ['messageUpdate'] }))).toEqual({
    credits: { messageUpdate: 1 },
  });
  expect(await ok(emulator.call('res-sub', 'subscriptions.record', { accepted: ['messageUpdate', 'voteResult'] }))).toEqual({
    credits: { messageUpdate: 2, voteResult: 1 },
  });
  expect(await emulator.call('res-sub', 'subscriptions.record', { accepted: ['spam'] } as any)).toMatchObject({
    ok: false,
    error: { code: 'INVALID_ARGUMENT' },
  });
});

test('a notice whose send never reported back is queued by the timer after its lease, and sent once', async () => {
  await emulator.grantSubscription('delegate-n', 'newMessage', 5);
  const { id } = await ok(emulator.call('res-lost', 'messages.send', draft(delegateId)));
  const stored = (await emulator.collection('messages')).find((m: any) => m._id === id) as any;
  // The same message as an instance that died between its write and its send leaves it: the notice still on it.
  const lostId = `${id}-lost`;
  const lease = new Date(new Date(stored.createdAt).getTime() + 2 * 60_000).toISOString(); // the emulator's clock
  const notice = {
    _id: 'lost-notice-0001',
    streetId: stored.streetId,
    kind: 'message.new',
    recipient: 'delegate-n',
    templateKey: 'newMessage',
    content: { subject: stored.title, state: '待回复', at: { $date: stored.createdAt }, hint: '请及时回复' },
    page: `packages/delegate/thread/thread?id=${lostId}`,
    status: 'sending',
    attempts: 1,
    nextAttemptAt: { $date: lease },
    dedupeKey: `message:${lostId}:new`,
    createdAt: { $date: stored.createdAt },
  };
  const dates = { createdAt: { $date: stored.createdAt }, updatedAt: { $date: stored.updatedAt } };
  await fetch(`${emulator.url}/_emulator/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      collections: {
        messages: [{ ...stored, ...dates, _id: lostId, notices: { [notice._id]: notice }, noticeDueAt: { $date: lease } }],
      },
    }),
  });
  const sentTo = async () => (await deliveredTo('delegate-n')).filter((d: any) => d.page.endsWith(lostId)).length;
  await emulator.timer();
  expect(await sentTo()).toBe(0); // still within its lease: the send may yet report
  await emulator.advanceClock(5 * 60_000);
  await emulator.timer();
  expect(await sentTo()).toBe(1);
  const after = (await emulator.collection('messages')).find((m: any) => m._id === lostId) as any;
  expect(after.notices).toEqual({});
  expect(after.noticeDueAt).toBeUndefined();
  await emulator.advanceClock(HOUR);
  await emulator.timer();
  expect(await sentTo()).toBe(1);
});
