import { startTestEmulator } from '../support/emulator';
import { boundDelegate, draft, ok, STAFF } from './messages-fixtures';

// Content security (docs/architecture.md#moderation), with the emulator's word list: 诈骗 is risky, 加微信 needs review.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let delegateId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  delegateId = (await boundDelegate(emulator, 'delegate-m', '韩代表')).delegateId;
  await emulator.grantSubscription('delegate-m', 'newMessage', 10);
});
afterAll(() => emulator?.stop());

const deliveriesTo = async (openid: string) =>
  (await emulator.deliveries()).filter((d: any) => d.recipient === openid && d.result.errCode === 0);

test('risky text is refused with CONTENT_REJECTED, writes no message and counts against the daily sends', async () => {
  const before = {
    messages: (await emulator.collection('messages')).length,
    moderation: (await emulator.collection('moderation')).length,
    outbox: (await emulator.collection('outbox')).length,
  };
  const result = await emulator.call('res-risky', 'messages.send', draft(delegateId, { body: '有人在小区里搞诈骗，骗老人钱。' }));
  expect(result).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
  expect((result as any).error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect({
    messages: (await emulator.collection('messages')).length,
    moderation: (await emulator.collection('moderation')).length,
    outbox: (await emulator.collection('outbox')).length,
  }).toEqual(before);
  // The attempt counts against the day's sends: the content check it spent is what the limit bounds (issue 17, item 4).
  const counters = (await emulator.collection('rateLimits')).filter((r: any) => r.openid === 'res-risky') as any[];
  expect(counters.map((r) => [r.kind, Object.values(r.counts)])).toEqual([['send', [1]]]);
});

test('text needing review is held, not delivered, until staff approve it', async () => {
  const sentBefore = (await deliveriesTo('delegate-m')).length;
  const { id, status } = await ok(
    emulator.call('res-review', 'messages.send', draft(delegateId, { body: '物业乱收费，有事加微信联系我。' })),
  );
  expect(status).toBe('held');
  expect((await ok(emulator.call('delegate-m', 'messages.inbox', {}))).items.map((m: any) => m.id)).not.toContain(id);
  expect(await emulator.call('delegate-m', 'messages.get', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await emulator.call('delegate-m', 'messages.inbox', { status: 'held' } as any)).toMatchObject({
    ok: false,
    error: { code: 'INVALID_ARGUMENT', field: 'status' },
  });
  expect((await deliveriesTo('delegate-m')).length).toBe(sentBefore);
  expect((await ok(emulator.call('res-review', 'messages.get', { id }))).status).toBe('held');

  expect(await emulator.call('res-review', 'admin.moderation.list', {})).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  const queue = await ok(emulator.call(STAFF, 'admin.moderation.list', {}));
  const item = queue.items.find((i: any) => i.subjectId === id);
  expect(item).toMatchObject({ kind: 'message', status: 'pending' });
  expect(item.text).toContain('加微信');

  await ok(emulator.call(STAFF, 'admin.moderation.approve', { id: item.id }));
  expect((await ok(emulator.call('delegate-m', 'messages.inbox', {}))).items.map((m: any) => m.id)).toContain(id);
  const delivered = (await deliveriesTo('delegate-m')).slice(sentBefore);
  expect(delivered.map((d: any) => d.page)).toEqual([`packages/delegate/thread/thread?id=${id}`]);
  expect(await emulator.call(STAFF, 'admin.moderation.approve', { id: item.id })).toMatchObject({
    ok: false,
    error: { code: 'FAILED_PRECONDITION' },
  });
});

test('a reply needing review is seen only by its author and staff until approved; a rejected one never', async () => {
  const { id } = await ok(emulator.call('res-thread', 'messages.send', draft(delegateId)));
  expect(await ok(emulator.call('delegate-m', 'messages.reply', { id, body: '你这个傻瓜问题我不管' }))).toEqual({
    status: 'pending',
    held: true,
  });
  expect((await ok(emulator.call('res-thread', 'messages.get', { id }))).thread).toHaveLength(0);
  expect((await ok(emulator.call('delegate-m', 'messages.get', { id }))).thread).toMatchObject([{ held: true }]);
  const queue = await ok(emulator.call(STAFF, 'admin.moderation.list', {}));
  const item = queue.items.find((i: any) => i.subjectId === id);
  await ok(emulator.call(STAFF, 'admin.moderation.reject', { id: item.id, reason: '用语不当' }));
  expect((await ok(emulator.call('delegate-m', 'messages.get', { id }))).thread).toMatchObject([{ rejected: true }]);
  expect((await ok(emulator.call('res-thread', 'messages.get', { id }))).thread).toHaveLength(0);

  await ok(emulator.call('delegate-m', 'messages.reply', { id, body: '有需要可以加微信细聊' }));
  const second = (await ok(emulator.call(STAFF, 'admin.moderation.list', {}))).items.find(
    (i: any) => i.subjectId === id && i.status === 'pending',
  );
  await ok(emulator.call(STAFF, 'admin.moderation.approve', { id: second.id }));
  const seen = await ok(emulator.call('res-thread', 'messages.get', { id }));
  expect(seen).toMatchObject({ status: 'replied', thread: [{ kind: 'reply', body: '有需要可以加微信细聊' }] });
  expect(seen.thread[0].held).toBeUndefined();
  expect(seen.thread).toHaveLength(1);
});
