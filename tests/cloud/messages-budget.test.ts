import { startTestEmulator } from '../support/emulator';
import { boundDelegate, draft, ok } from './messages-fixtures';

// docs/architecture.md#budgets: a read action costs one database query, a write one transaction. The emulator
// counts every database request of a call; these are the figures a person waiting on a phone pays.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.stop());

async function requestsOf(openid: string, action: string, payload: unknown): Promise<number> {
  await ok(emulator.call(openid, action as never, payload as never));
  const [last] = await emulator.calls();
  expect(last.action).toBe(action);
  return last.databaseRequests;
}

test('reads cost one query (two when the caller must be looked up as a delegate)', async () => {
  const { delegateId } = await boundDelegate(emulator, 'budget-delegate', '许代表');
  await emulator.grantSubscription('budget-delegate', 'newMessage', 5);
  const { id } = await ok(emulator.call('budget-resident', 'messages.send', draft(delegateId, { isPublic: true })));
  const figures = {
    mine: await requestsOf('budget-resident', 'messages.mine', {}),
    getAsResident: await requestsOf('budget-resident', 'messages.get', { id }),
    getAsDelegate: await requestsOf('budget-delegate', 'messages.get', { id }),
    inbox: await requestsOf('budget-delegate', 'messages.inbox', {}),
    wall: await requestsOf('anyone', 'messages.wall', {}),
    summary: await requestsOf('anyone', 'stats.summary', {}),
    delegateStats: await requestsOf('anyone', 'delegates.stats', { id: delegateId }),
  };
  console.log('database requests per read', figures);
  expect(figures).toEqual({ mine: 1, getAsResident: 1, getAsDelegate: 2, inbox: 2, wall: 1, summary: 1, delegateStats: 1 });
});

test('a send is one transaction plus the delegate lookup and the notification', async () => {
  const { delegateId } = await boundDelegate(emulator, 'budget-delegate-2', '何代表');
  await emulator.grantSubscription('budget-delegate-2', 'newMessage', 5);
  const send = await requestsOf('budget-resident-2', 'messages.send', draft(delegateId));
  const [message] = (await ok(emulator.call('budget-resident-2', 'messages.mine', {}))).items;
  const reply = await requestsOf('budget-delegate-2', 'messages.reply', { id: message.id, body: '收到' });
  console.log('database requests per write', { send, reply });
  // send: delegate 1 + transaction 7 (start, 2 reads, 3 writes, commit) + settle 1 + credit 1
  expect(send).toBeLessThanOrEqual(10);
  expect(reply).toBeLessThanOrEqual(8);
});
