import { startTestEmulator } from '../support/emulator';
import { boundDelegate, draft, newRequestId, ok } from './messages-fixtures';

// Limits before costs (issue 17, item 4): a content check (msgSecCheck) costs WeChat quota, so every write of text
// authorizes and takes one of the day's allowance first. A random id or a caller over the limit is refused
// without a single open API request; replies and ratings have daily limits of their own; a run of follow-ups
// costs the delegate one subscription credit, not one each.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let delegateId: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ env: { MESSAGE_DAILY_LIMIT: '2', REPLY_DAILY_LIMIT: '3', RATE_DAILY_LIMIT: '1' } });
  delegateId = (await boundDelegate(emulator, 'lim-delegate', '冯代表')).delegateId;
  await emulator.grantSubscription('lim-delegate', 'newMessage', 50);
});
afterAll(() => emulator?.stop());

/** The call's error and how many open API requests (content checks, sends) it made. */
async function refusal(openid: string, action: string, payload: unknown) {
  const result = await emulator.call(openid, action as never, payload as never);
  expect(result.ok).toBe(false);
  const [last] = await emulator.calls();
  return { code: (result as any).error.code, openapi: last.openapiRequests };
}

test('a reply to a random or foreign id spends no content check', async () => {
  expect(await refusal('lim-stranger', 'messages.reply', { id: 'no-such-message', body: '随便写点什么' })).toEqual({
    code: 'NOT_FOUND',
    openapi: 0,
  });
  const { id } = await ok(emulator.call('lim-owner', 'messages.send', draft(delegateId)));
  expect(await refusal('lim-stranger', 'messages.reply', { id, body: '我不是留言人' })).toEqual({ code: 'NOT_FOUND', openapi: 0 });
  expect(await refusal('lim-stranger', 'messages.rate', { id, satisfaction: 'satisfied', comment: '好' })).toEqual({
    code: 'NOT_FOUND',
    openapi: 0,
  });
});

test('a send to a random delegate, or over the daily limit, spends no content check', async () => {
  expect(await refusal('lim-sender', 'messages.send', draft('no-such-delegate'))).toEqual({ code: 'NOT_FOUND', openapi: 0 });
  await ok(emulator.call('lim-sender', 'messages.send', draft(delegateId)));
  await ok(emulator.call('lim-sender', 'messages.send', draft(delegateId)));
  expect(await refusal('lim-sender', 'messages.send', draft(delegateId))).toEqual({ code: 'RESOURCE_EXHAUSTED', openapi: 0 });
  expect((await ok(emulator.call('lim-sender', 'messages.mine', {}))).items).toHaveLength(2);
});

test('a send repeated with its requestId takes one of the day only once and answers the same', async () => {
  const payload = draft(delegateId);
  const first = await ok(emulator.call('lim-repeat', 'messages.send', payload));
  expect(await ok(emulator.call('lim-repeat', 'messages.send', payload))).toEqual(first);
  expect(await ok(emulator.call('lim-repeat', 'messages.send', payload))).toEqual(first);
  // The limit is 2: the repeats took nothing, so one more message goes through.
  await ok(emulator.call('lim-repeat', 'messages.send', draft(delegateId)));
  expect((await ok(emulator.call('lim-repeat', 'messages.mine', {}))).items).toHaveLength(2);
  const [counter] = (await emulator.collection('rateLimits')).filter((r: any) => r.openid === 'lim-repeat');
  // One record per person: today's sends under `send`, nothing taken of the other kinds.
  expect(Object.keys((counter as any).counts)).toEqual(['send']);
  expect(Object.values((counter as any).counts.send)).toEqual([2]);
});

test('replies have their own daily limit, checked before the content check', async () => {
  const { id } = await ok(emulator.call('lim-r', 'messages.send', draft(delegateId)));
  for (const body of ['补充一：东门', '补充二：晚上', '补充三：两盏'])
    await ok(emulator.call('lim-r', 'messages.reply', { id, body, requestId: newRequestId() }));
  expect(await refusal('lim-r', 'messages.reply', { id, body: '补充四', requestId: newRequestId() })).toEqual({
    code: 'RESOURCE_EXHAUSTED',
    openapi: 0,
  });
  // A repeat of an accepted reply is still answered (it takes nothing).
  const requestId = newRequestId();
  const { id: other } = await ok(emulator.call('lim-r2', 'messages.send', draft(delegateId)));
  const answer = await ok(emulator.call('lim-r2', 'messages.reply', { id: other, body: '补充', requestId }));
  expect(await ok(emulator.call('lim-r2', 'messages.reply', { id: other, body: '补充', requestId }))).toEqual(answer);
  const thread = ((await emulator.collection('messages')).find((m: any) => m._id === other) as any).thread;
  expect(thread).toHaveLength(1);
});

test('ratings have their own daily limit', async () => {
  const resolvedMessage = async () => {
    const { id } = await ok(emulator.call('lim-rater', 'messages.send', draft(delegateId)));
    await ok(emulator.call('lim-delegate', 'messages.transition', { id, to: 'forwarded', department: '城管科' }));
    await ok(emulator.call('lim-delegate', 'messages.transition', { id, to: 'resolved', note: '已处理' }));
    return id;
  };
  const a = await resolvedMessage();
  const b = await resolvedMessage();
  await ok(emulator.call('lim-rater', 'messages.rate', { id: a, satisfaction: 'satisfied' }));
  expect(await refusal('lim-rater', 'messages.rate', { id: b, satisfaction: 'satisfied', comment: '很好' })).toEqual({
    code: 'RESOURCE_EXHAUSTED',
    openapi: 0,
  });
});

test('a run of follow-ups tells the delegate once, until the delegate answers', async () => {
  const other = (await boundDelegate(emulator, 'lim-delegate-f', '褚代表')).delegateId;
  await emulator.grantSubscription('lim-delegate-f', 'newMessage', 50);
  const { id } = await ok(emulator.call('lim-f', 'messages.send', draft(other)));
  const notices = async () =>
    (await emulator.deliveries()).filter((d: any) => d.recipient === 'lim-delegate-f' && d.page.endsWith(id) && d.result.errCode === 0)
      .length;
  expect(await notices()).toBe(1);
  // Before any answer, the new-message notice stands for the follow-up too.
  await ok(emulator.call('lim-f', 'messages.reply', { id, body: '补充：路灯在东门右侧' }));
  expect(await notices()).toBe(1);
  await ok(emulator.call('lim-delegate-f', 'messages.reply', { id, body: '收到，已报修' }));
  await ok(emulator.call('lim-f', 'messages.reply', { id, body: '谢谢，请问大概几天？' }));
  expect(await notices()).toBe(2);
  await ok(emulator.call('lim-f', 'messages.reply', { id, body: '今晚还是不亮' }));
  expect(await notices()).toBe(2);
});
