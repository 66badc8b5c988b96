import { startTestEmulator } from '../support/emulator';
import { failure } from './directory-fixtures';
import { boundDelegate, draft, ok, STAFF } from './messages-fixtures';

// The liaison's workspace (issue 12, item 6): a group's liaison committee member (the group's
// liaisonOpenid, not staff) opens the overdue messages of the groups they follow, read-only with the
// phone masked. Before, every row answered 「留言不存在或您无权查看」.

type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;
let emulator: TestEmulator;
let followed: { delegateId: string; groupId: string };
let other: { delegateId: string; groupId: string };

beforeAll(async () => {
  emulator = await startTestEmulator();
  followed = await boundDelegate(emulator, 'li-delegate', '褚代表');
  other = await boundDelegate(emulator, 'li-other-delegate', '卫代表');
  await ok(emulator.call(STAFF, 'admin.groups.update', { id: followed.groupId, liaisonOpenid: 'li-liaison' }));
}, 120_000);
afterAll(() => emulator?.stop());

it('a liaison opens an overdue message of their group read-only, phone masked; not another group’s', async () => {
  const { id } = await ok(emulator.call('li-resident', 'messages.send', draft(followed.delegateId, { phone: '13812345678' })));
  const { id: elsewhere } = await ok(emulator.call('li-resident', 'messages.send', draft(other.delegateId)));
  await emulator.advanceClock(8 * 24 * 3600_000);

  const overdue = await ok(emulator.call('li-liaison', 'messages.overdue', {}));
  expect(overdue.items.map((m: { id: string }) => m.id)).toEqual([id]);
  const thread = await ok(emulator.call('li-liaison', 'messages.get', { id }));
  expect(thread).toMatchObject({
    id,
    viewer: 'liaison',
    phone: '138****5678',
    can: { reply: false, forward: false, answer: false, resolve: false, rate: false },
  });
  expect(await failure(emulator.call('li-liaison', 'messages.get', { id: elsewhere }))).toMatchObject({ code: 'NOT_FOUND' });

  // Reading only: a reply or a transfer is refused and writes nothing.
  const before = JSON.stringify(await emulator.collection('messages'));
  expect(await failure(emulator.call('li-liaison', 'messages.reply', { id, body: '请尽快答复居民。' }))).toMatchObject({
    code: 'PERMISSION_DENIED',
    message: expect.stringContaining('联系委员'),
  });
  expect(await failure(emulator.call('li-liaison', 'messages.transition', { id, to: 'resolved' }))).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
  expect(JSON.stringify(await emulator.collection('messages'))).toBe(before);

  // Once the link is removed, the liaison sees nothing of the group.
  await ok(emulator.call(STAFF, 'admin.groups.update', { id: followed.groupId, liaisonOpenid: null }));
  expect(await failure(emulator.call('li-liaison', 'messages.get', { id }))).toMatchObject({ code: 'NOT_FOUND' });
});

it('a message held in review stays out of the liaison’s sight', async () => {
  await ok(emulator.call(STAFF, 'admin.groups.update', { id: followed.groupId, liaisonOpenid: 'li-liaison' }));
  await fetch(`${emulator.url}/_emulator/seccheck`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ review: ['待审'] }),
  });
  const { id, status } = await ok(
    emulator.call('li-resident-2', 'messages.send', draft(followed.delegateId, { body: '这条留言有待审内容。' })),
  );
  expect(status).toBe('held');
  expect(await failure(emulator.call('li-liaison', 'messages.get', { id }))).toMatchObject({ code: 'NOT_FOUND' });
});
