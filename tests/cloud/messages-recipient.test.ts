import { startTestEmulator } from '../support/emulator';
import { boundDelegate, draft, ok, STAFF } from './messages-fixtures';

// Notices to a delegate go to whoever holds the delegate's WeChat when the notice is queued, not to
// the holder copied into the message when it was sent (issue 17, item 1).

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.stop());

const deliveredTo = async (recipient: string, templateKey: string) =>
  (await emulator.deliveries()).filter((d: any) => d.recipient === recipient && d.templateKey === templateKey);

test("after a delegate rebinds, a resident's follow-up reaches the new phone and not the old one", async () => {
  const { delegateId } = await boundDelegate(emulator, 'old-phone', '冯代表');
  await emulator.grantSubscription('new-phone', 'newMessage', 5);
  const { id } = await ok(emulator.call('follow-resident', 'messages.send', draft(delegateId)));
  await ok(emulator.call('old-phone', 'messages.reply', { id, body: '收到，我去看看。' }));

  await ok(emulator.call(STAFF, 'admin.delegates.unbind', { id: delegateId }));
  const { bindCode } = await ok(emulator.call(STAFF, 'admin.delegates.reissueCode', { id: delegateId }));
  await ok(emulator.call('new-phone', 'delegates.bind', { code: bindCode }));
  const before = (await deliveredTo('old-phone', 'newMessage')).length;

  await ok(emulator.call('follow-resident', 'messages.reply', { id, body: '补充：晚上八点后最暗。' }));
  expect(await deliveredTo('new-phone', 'newMessage')).toHaveLength(1);
  expect(await deliveredTo('old-phone', 'newMessage')).toHaveLength(before);
});

test('a message sent while its delegate was unbound is reminded once someone binds, not marked before', async () => {
  const group = (await ok(emulator.call(STAFF, 'admin.groups.create', { name: '未绑定小组' }))).id;
  const { id: delegateId, bindCode } = await ok(emulator.call(STAFF, 'admin.delegates.create', { name: '褚代表', groupId: group }));
  const { id } = await ok(emulator.call('early-resident', 'messages.send', draft(delegateId)));

  await emulator.advanceClock(3 * DAY + 3600_000);
  await emulator.timer();
  const stored = async () => ((await emulator.collection('messages')) as any[]).find((m) => m._id === id);
  expect((await stored()).reminderSentAt).toBeUndefined();

  await ok(emulator.call('late-phone', 'delegates.bind', { code: bindCode }));
  await emulator.grantSubscription('late-phone', 'reminder', 5);
  await emulator.timer();
  const reminders = await deliveredTo('late-phone', 'reminder');
  expect(reminders).toHaveLength(1);
  expect(reminders[0].page).toBe(`packages/delegate/thread/thread?id=${id}`);
  expect((await stored()).reminderSentAt).toBeDefined();
});
