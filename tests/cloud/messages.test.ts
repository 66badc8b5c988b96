import { startTestEmulator } from '../support/emulator';
import { boundDelegate, draft, ok, STAFF } from './messages-fixtures';

// The resident ↔ delegate loop through the real api function, the real SDK and the emulator.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let delegateA: string;
let delegateB: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  delegateA = (await boundDelegate(emulator, 'delegate-a', '王代表')).delegateId;
  delegateB = (await boundDelegate(emulator, 'delegate-b', '李代表')).delegateId;
});
afterAll(() => emulator?.stop());

test('a retried send with the same requestId gives one message', async () => {
  const payload = draft(delegateA);
  const [first, second] = await Promise.all([
    emulator.call('res-retry', 'messages.send', payload),
    emulator.call('res-retry', 'messages.send', payload),
  ]);
  const third = await emulator.call('res-retry', 'messages.send', payload);
  expect(first).toMatchObject({ ok: true });
  const ids = [first, second, third].filter((r) => r.ok).map((r) => (r as any).data.id);
  expect(new Set(ids).size).toBe(1);
  const stored = (await emulator.collection('messages')).filter((m: any) => m.residentOpenid === 'res-retry');
  expect(stored).toHaveLength(1);
  const mine = await ok(emulator.call('res-retry', 'messages.mine', {}));
  expect(mine.items).toHaveLength(1);
});

test("a resident cannot read or reply to another resident's message, even knowing its id", async () => {
  const { id } = await ok(emulator.call('res-owner', 'messages.send', draft(delegateA)));
  for (const [action, payload] of [
    ['messages.get', { id }],
    ['messages.reply', { id, body: '我也想知道' }],
    ['messages.rate', { id, satisfaction: 'satisfied' }],
  ] as const) {
    const result = await emulator.call('res-stranger', action, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }
  const guessed = await emulator.call('res-stranger', 'messages.get', { id: '0123456789abcdef01234567' });
  expect(guessed).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect((await ok(emulator.call('res-stranger', 'messages.mine', {}))).items).toHaveLength(0);
  const stored = (await emulator.collection('messages')).find((m: any) => m._id === id) as any;
  expect(stored.thread).toHaveLength(0);
});

test("a delegate cannot act on another delegate's message, and does not see it in the inbox", async () => {
  const { id } = await ok(emulator.call('res-c', 'messages.send', draft(delegateA)));
  expect(await emulator.call('delegate-b', 'messages.reply', { id, body: '我来答复' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(await emulator.call('delegate-b', 'messages.transition', { id, to: 'forwarded', department: '城管科' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  const inbox = await ok(emulator.call('delegate-b', 'messages.inbox', {}));
  expect(inbox.items.map((m: any) => m.id)).not.toContain(id);
  expect((await ok(emulator.call('delegate-a', 'messages.inbox', {}))).items.map((m: any) => m.id)).toContain(id);
});

test('the contact phone is shown to the handling delegate and masked to staff', async () => {
  const { id } = await ok(emulator.call('res-phone', 'messages.send', draft(delegateA, { phone: '13812345678' })));
  expect((await ok(emulator.call('delegate-a', 'messages.get', { id }))).phone).toBe('13812345678');
  expect((await ok(emulator.call(STAFF, 'messages.get', { id }))).phone).toBe('138****5678');
});

test('the loop: reply, forward, department answer, resolve, rate; 不满意 reopens it', async () => {
  const { id, status } = await ok(emulator.call('res-loop', 'messages.send', draft(delegateB, { isPublic: true })));
  expect(status).toBe('pending');
  expect(await ok(emulator.call('delegate-b', 'messages.reply', { id, body: '收到，我去现场看看。' }))).toMatchObject({
    status: 'replied',
  });
  expect(await emulator.call('delegate-b', 'messages.transition', { id, to: 'forwarded' })).toMatchObject({
    ok: false,
    error: { field: 'department' },
  });
  expect(
    await ok(emulator.call('delegate-b', 'messages.transition', { id, to: 'forwarded', department: '城管科', note: '请尽快修复' })),
  ).toMatchObject({ status: 'forwarded' });
  await ok(emulator.call('delegate-b', 'messages.recordAnswer', { id, body: '城管科：本周五前修复。' }));
  expect(await emulator.call('res-loop', 'messages.rate', { id, satisfaction: 'satisfied' })).toMatchObject({
    ok: false,
    error: { code: 'FAILED_PRECONDITION' },
  });
  await ok(emulator.call('delegate-b', 'messages.transition', { id, to: 'resolved', note: '路灯已修好' }));
  // 不满意 sends it back to the delegate: waiting for them again.
  expect(await ok(emulator.call('res-loop', 'messages.rate', { id, satisfaction: 'dissatisfied', comment: '只修了一盏' }))).toMatchObject({
    status: 'pending',
  });
  await ok(emulator.call('delegate-b', 'messages.transition', { id, to: 'resolved', note: '两盏都修好了' }));
  expect(await ok(emulator.call('res-loop', 'messages.rate', { id, satisfaction: 'satisfied' }))).toMatchObject({ status: 'closed' });

  const thread = await ok(emulator.call('res-loop', 'messages.get', { id }));
  expect(thread.thread.map((e: any) => e.kind)).toEqual([
    'reply',
    'forward',
    'department_answer',
    'resolve',
    'rating',
    'resolve',
    'rating',
  ]);
  const wall = await ok(emulator.call('someone-else', 'messages.wall', {}));
  const shown = wall.items.find((w: any) => w.id === id);
  expect(shown).toMatchObject({ title: '小区东门路灯不亮', delegateName: '李代表', answer: '两盏都修好了' });
  expect(JSON.stringify(shown)).not.toContain('res-loop');
});

test('the daily limit stops the sixth message of the day with a clear message', async () => {
  for (let i = 0; i < 5; i++) await ok(emulator.call('res-limit', 'messages.send', draft(delegateA)));
  const sixth = await emulator.call('res-limit', 'messages.send', draft(delegateA));
  expect(sixth).toMatchObject({ ok: false, error: { code: 'RESOURCE_EXHAUSTED' } });
  expect((sixth as any).error.message).toContain('每天最多发送 5 条');
  expect((await emulator.collection('messages')).filter((m: any) => m.residentOpenid === 'res-limit')).toHaveLength(5);
});

test('malformed sends are refused field by field and write nothing', async () => {
  const before = (await emulator.collection('messages')).length;
  const cases: [any, string][] = [
    [draft(delegateA, { category: '闲聊' }), 'category'],
    [draft(delegateA, { title: 'x'.repeat(41) }), 'title'],
    [draft(delegateA, { body: '' }), 'body'],
    [draft(delegateA, { phone: '12345' }), 'phone'],
    [draft(delegateA, { residentOpenid: 'someone' }), ''],
    [draft('no-such-delegate'), 'delegateId'],
  ];
  for (const [payload, field] of cases) {
    const result = await emulator.call('res-bad', 'messages.send', payload);
    expect(result).toMatchObject({ ok: false });
    if (field) expect((result as any).error.field).toBe(field);
  }
  expect((await emulator.collection('messages')).length).toBe(before);
});

test('inbox counts and status filter', async () => {
  const { delegateId } = await boundDelegate(emulator, 'delegate-count', '赵代表');
  const first = await ok(emulator.call('res-count', 'messages.send', draft(delegateId)));
  await ok(emulator.call('res-count', 'messages.send', draft(delegateId)));
  await ok(emulator.call('delegate-count', 'messages.reply', { id: first.id, body: '已收到' }));
  expect(await ok(emulator.call('delegate-count', 'messages.inboxCounts', {}))).toEqual({
    pending: 1,
    replied: 1,
    forwarded: 0,
    resolved: 0,
    closed: 0,
  });
  const pending = await ok(emulator.call('delegate-count', 'messages.inbox', { status: 'pending' }));
  expect(pending.items).toHaveLength(1);
  expect(await emulator.call('res-count', 'messages.inbox', {})).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
});
