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
  expect(counters.map((r) => Object.entries(r.counts).map(([kind, days]) => [kind, Object.values(days as object)]))).toEqual([
    [['send', [1]]],
  ]);
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

describe('review never rewinds a message (issue 17, item 3)', () => {
  const answered = async (resident: string) => {
    const { id } = await ok(emulator.call(resident, 'messages.send', draft(delegateId)));
    await ok(emulator.call('delegate-m', 'messages.reply', { id, body: '收到，我去现场看一下。' }));
    return id;
  };
  const pendingItemFor = async (id: string) =>
    (await ok(emulator.call(STAFF, 'admin.moderation.list', {}))).items.find((i: any) => i.subjectId === id && i.status === 'pending');

  test('a held 转办 approved after the message was closed shows, but reopens nothing', async () => {
    const id = await answered('res-rewind');
    expect(
      await ok(emulator.call('delegate-m', 'messages.transition', { id, to: 'forwarded', department: '街道城管科', note: '详情加微信' })),
    ).toEqual({ status: 'replied', held: true });
    await ok(emulator.call('delegate-m', 'messages.transition', { id, to: 'resolved', note: '已经处理好了。' }));
    await ok(emulator.call('res-rewind', 'messages.rate', { id, satisfaction: 'satisfied' }));
    expect((await ok(emulator.call('res-rewind', 'messages.get', { id }))).status).toBe('closed');

    await ok(emulator.call(STAFF, 'admin.moderation.approve', { id: (await pendingItemFor(id)).id }));
    const seen = await ok(emulator.call('res-rewind', 'messages.get', { id }));
    expect(seen.status).toBe('closed');
    expect(seen.thread.find((e: any) => e.kind === 'forward')).toMatchObject({ superseded: true, department: '街道城管科' });
  });

  test('a held 不满意 counts at once; only its comment waits, and the auto-close cannot swallow it', async () => {
    const id = await answered('res-unhappy');
    await ok(emulator.call('delegate-m', 'messages.transition', { id, to: 'resolved', note: '已经处理好了。' }));
    await emulator.grantSubscription('delegate-m', 'newMessage', 5);
    const noticesBefore = (await deliveriesTo('delegate-m')).length;
    expect(
      await ok(emulator.call('res-unhappy', 'messages.rate', { id, satisfaction: 'dissatisfied', comment: '根本没修好，加微信我发照片' })),
    ).toEqual({ status: 'pending' });
    // The delegate is told at once and sees the rating, not the held comment.
    expect((await deliveriesTo('delegate-m')).length).toBe(noticesBefore + 1);
    const delegateView = await ok(emulator.call('delegate-m', 'messages.get', { id }));
    expect(delegateView.status).toBe('pending');
    const rating = delegateView.thread.find((e: any) => e.kind === 'rating');
    expect(rating).toMatchObject({ satisfaction: 'dissatisfied' });
    expect(rating.body).toBeUndefined();
    expect((await ok(emulator.call('res-unhappy', 'messages.get', { id }))).thread.find((e: any) => e.kind === 'rating')).toMatchObject({
      body: '根本没修好，加微信我发照片',
      commentHeld: true,
    });

    // Weeks pass before anyone reviews: the sweep closes resolved messages, and this one is no longer resolved.
    await emulator.advanceClock(30 * 24 * 3600_000);
    await emulator.timer();
    expect((await ok(emulator.call('res-unhappy', 'messages.get', { id }))).status).toBe('pending');

    await ok(emulator.call(STAFF, 'admin.moderation.approve', { id: (await pendingItemFor(id)).id }));
    const after = await ok(emulator.call('delegate-m', 'messages.get', { id }));
    expect(after.status).toBe('pending');
    expect(after.thread.find((e: any) => e.kind === 'rating')).toMatchObject({ body: '根本没修好，加微信我发照片' });
  });

  test('a refused rating comment leaves the rating standing, its text seen only by its author', async () => {
    const id = await answered('res-refused');
    await ok(emulator.call('delegate-m', 'messages.transition', { id, to: 'resolved', note: '已经处理好了。' }));
    await ok(emulator.call('res-refused', 'messages.rate', { id, satisfaction: 'basically_satisfied', comment: '还行，有事加微信' }));
    expect((await ok(emulator.call('delegate-m', 'messages.get', { id }))).status).toBe('closed');
    await ok(emulator.call(STAFF, 'admin.moderation.reject', { id: (await pendingItemFor(id)).id, reason: '含联系方式' }));
    const rating = (await ok(emulator.call('delegate-m', 'messages.get', { id }))).thread.find((e: any) => e.kind === 'rating');
    expect(rating).toMatchObject({ satisfaction: 'basically_satisfied' });
    expect(rating.body).toBeUndefined();
    expect((await ok(emulator.call('res-refused', 'messages.get', { id }))).thread.find((e: any) => e.kind === 'rating')).toMatchObject({
      commentRejected: true,
    });
  });
});
