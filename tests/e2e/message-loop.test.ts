import { startTestEmulator } from '../support/emulator';

// The whole 代表连线 loop across three roles, through the real api function and the emulator:
// staff set up a delegate → the delegate binds → a resident writes → the delegate's phone is notified
// with a page that opens the thread → reply → the resident is notified → resolve → rate → statistics.

const STAFF = 'staff-openid';
const DELEGATE = 'e2e-delegate';
const RESIDENT = 'e2e-resident';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.stop());

async function ok<T = any>(promise: Promise<any>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

test('resident writes, delegate is notified and replies, resident is notified, resolves, rates; statistics follow', async () => {
  const group = await ok(emulator.call(STAFF, 'admin.groups.create', { name: '城建环保组' }));
  const { id: delegateId, bindCode } = await ok(emulator.call(STAFF, 'admin.delegates.create', { name: '陈代表', groupId: group.id }));
  await ok(emulator.call(DELEGATE, 'delegates.bind', { code: bindCode }));
  // Both accepted the subscription at the natural moment (binding; the send button).
  await emulator.grantSubscription(DELEGATE, 'newMessage', 1);
  await ok(emulator.call(DELEGATE, 'subscriptions.record', { accepted: ['newMessage'] }));
  await emulator.grantSubscription(RESIDENT, 'messageUpdate', 3);
  await ok(emulator.call(RESIDENT, 'subscriptions.record', { accepted: ['messageUpdate'] }));

  const summaryBefore = await ok(emulator.call(RESIDENT, 'stats.summary', {}));
  const { id } = await ok(
    emulator.call(RESIDENT, 'messages.send', {
      delegateId,
      category: '交通出行',
      title: '公交站台没有遮雨棚',
      body: '人民路公交站台没有遮雨棚，下雨天老人孩子等车很不方便。',
      phone: '13900001111',
      isPublic: true,
      requestId: 'e2e-request-0001',
    }),
  );

  const toDelegate = (await emulator.deliveries()).filter((d: any) => d.recipient === DELEGATE && d.result.errCode === 0);
  expect(toDelegate).toHaveLength(1);
  expect(toDelegate[0].page).toBe(`packages/delegate/thread/thread?id=${id}`);
  const opened = await ok(
    emulator.call(DELEGATE, 'messages.get', { id: new URLSearchParams(String(toDelegate[0].page).split('?')[1]).get('id') ?? '' }),
  );
  expect(opened).toMatchObject({ title: '公交站台没有遮雨棚', phone: '13900001111', viewer: 'delegate', status: 'pending' });

  await ok(emulator.call(DELEGATE, 'messages.reply', { id, body: '已联系公交公司，下月加装。' }));
  const toResident = () =>
    emulator.deliveries().then((all: any[]) => all.filter((d) => d.recipient === RESIDENT && d.result.errCode === 0));
  expect((await toResident()).map((d: any) => d.data.phrase2.value)).toEqual(['已回复']);
  expect((await toResident())[0].page).toBe(`packages/resident/thread/thread?id=${id}`);

  await ok(emulator.call(DELEGATE, 'messages.transition', { id, to: 'resolved', note: '遮雨棚已装好' }));
  expect((await toResident()).map((d: any) => d.data.phrase2.value)).toEqual(['已回复', '已办结']);
  expect(await ok(emulator.call(RESIDENT, 'messages.rate', { id, satisfaction: 'satisfied', comment: '谢谢代表' }))).toEqual({
    status: 'closed',
  });

  const mine = await ok(emulator.call(RESIDENT, 'messages.mine', {}));
  expect(mine.items[0]).toMatchObject({ id, status: 'closed' });
  const summaryAfter = await ok(emulator.call(RESIDENT, 'stats.summary', {}));
  expect(summaryAfter).toMatchObject({
    collected: summaryBefore.collected + 1,
    replied: summaryBefore.replied + 1,
    resolved: summaryBefore.resolved + 1,
  });
  // One rating is below the minimum sample: no satisfaction rate yet.
  expect(summaryAfter.satisfactionRate).toBeUndefined();
  const stats = await ok(emulator.call(RESIDENT, 'delegates.stats', { id: delegateId }));
  expect(stats).toEqual({ delegateId, received: 1, sufficient: false });
  const wall = await ok(emulator.call('someone', 'messages.wall', {}));
  expect(wall.items.map((w: any) => w.id)).toContain(id);
});
