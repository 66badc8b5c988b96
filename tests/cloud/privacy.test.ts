import { startTestEmulator } from '../support/emulator';
import { newStation } from './directory-fixtures';
import { boundDelegate, draft, ok, STAFF } from './messages-fixtures';
import { PRIVACY_NOTICE_VERSION } from '../../typings/contract/constants';
import collections from '../../cloudfunctions/api/collections.json';

// Personal information, by law (issue 17, item 14): a person reads and copies what the service keeps
// of them, deletes their account, and what is needed only for a while is erased on schedule.

type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;
let emulator: TestEmulator;
let delegateId: string;
const DAY = 24 * 3600_000;
const PHONE = '13912345678';

beforeAll(async () => {
  emulator = await startTestEmulator();
  delegateId = (await boundDelegate(emulator, 'delegate-p', '沈代表')).delegateId;
}, 120_000);
afterAll(() => emulator?.stop());

const COLLECTIONS = [
  'users',
  'messages',
  'subscriptions',
  'rateLimits',
  'outbox',
  'receptionInterests',
  'bindAttempts',
  'moderation',
  'audit',
];
async function everything(): Promise<string> {
  const all: Record<string, unknown[]> = {};
  for (const name of COLLECTIONS) all[name] = await emulator.collection(name);
  return JSON.stringify(all);
}

/** A resident who has used most of the service: profile, verified phone, a message with a number, a registration, notices. */
async function activeResident(openid: string, phone = PHONE): Promise<{ messageId: string; receptionId: string }> {
  await ok(emulator.call(openid, 'me.update', { nickname: '隐私测试居民', community: '清风社区' }));
  await ok(emulator.call(openid, 'me.verifyPhone', { code: await emulator.phoneCode(openid, phone) }));
  await ok(emulator.call(openid, 'me.consent', { version: PRIVACY_NOTICE_VERSION }));
  const { id: messageId } = await ok(emulator.call(openid, 'messages.send', draft(delegateId, { phone, title: '楼道灯坏了' })));
  await ok(emulator.call(openid, 'subscriptions.record', { accepted: ['messageUpdate'] }));
  const stationId = await newStation(emulator, `站点${openid}`);
  const reception = await ok(
    emulator.call(STAFF, 'admin.receptions.create', {
      stationId,
      startsAt: new Date(Date.now() + 2 * DAY).toISOString(),
      endsAt: new Date(Date.now() + 2 * DAY + 2 * 3600_000).toISOString(),
      delegateIds: [delegateId],
    }),
  );
  await ok(emulator.call(openid, 'receptions.register', { receptionId: reception.id }));
  return { messageId, receptionId: reception.id };
}

test('a person exports what the service keeps of them, and nothing of anyone else', async () => {
  const { messageId, receptionId } = await activeResident('res-export');
  await ok(emulator.call('res-other', 'messages.send', draft(delegateId, { title: '别人的留言' })));
  const data = await ok(emulator.call('res-export', 'me.export', {}));
  expect(data).toMatchObject({
    openid: 'res-export',
    profile: { nickname: '隐私测试居民', community: '清风社区' },
    maskedPhone: '139****5678',
    consent: { version: PRIVACY_NOTICE_VERSION },
    messagesTruncated: false,
    receptions: [{ receptionId }],
    notices: { messageUpdate: 1 },
  });
  expect(data.messages).toEqual([expect.objectContaining({ id: messageId, title: '楼道灯坏了', phone: PHONE, delegateName: '沈代表' })]);
  expect(data.votes).toContain('不记录是谁投的票');
  expect(JSON.stringify(data)).not.toContain('别人的留言');
});

test('deleting an account erases the person everywhere; their message stays for the delegate, anonymous', async () => {
  const deletedPhone = '13600001111';
  const { messageId } = await activeResident('res-delete', deletedPhone);
  expect((await everything()).includes('res-delete')).toBe(true);

  expect(await ok(emulator.call('res-delete', 'me.delete', {}))).toEqual({ deleted: true });
  const stored = await everything();
  expect(stored).not.toContain('res-delete');
  expect(stored).not.toContain(deletedPhone);
  expect(stored).not.toContain('136****1111');
  const kept = await ok(emulator.call('delegate-p', 'messages.get', { id: messageId }));
  expect(kept).toMatchObject({ title: '楼道灯坏了' });
  expect(kept.phone).toBeUndefined();
  // The same WeChat account is a stranger now: no profile, no messages, no verified phone.
  expect(await ok(emulator.call('res-delete', 'me.get', {}))).toMatchObject({ profile: {}, phoneVerified: false });
  expect((await ok(emulator.call('res-delete', 'messages.mine', {}))).items).toEqual([]);
  // A repeat (a retry after a lost answer) is harmless.
  expect(await ok(emulator.call('res-delete', 'me.delete', {}))).toEqual({ deleted: true });
});

test('a delegate cannot delete their account until staff unbind them, and nothing is erased', async () => {
  const before = await everything();
  const answer = await emulator.call('delegate-p', 'me.delete', {});
  expect(answer).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  expect((answer as any).error.message).toContain('解除代表绑定');
  expect(await everything()).toBe(before);
});

test('consent records only the notice in force', async () => {
  expect(await emulator.call('res-consent', 'me.consent', { version: '2020-01' })).toMatchObject({
    ok: false,
    error: { code: 'FAILED_PRECONDITION', field: 'version' },
  });
  expect((await ok(emulator.call('res-consent', 'me.get', {}))).privacyConsent).toBeUndefined();
  await ok(emulator.call('res-consent', 'me.consent', { version: PRIVACY_NOTICE_VERSION }));
  expect((await ok(emulator.call('res-consent', 'me.get', {}))).privacyConsent).toBe(PRIVACY_NOTICE_VERSION);
});

test('retention: a closed message loses its number after 180 days; open ones keep it; old records go', async () => {
  const { id: closed } = await ok(emulator.call('res-old', 'messages.send', draft(delegateId, { phone: PHONE, title: '已办结的旧留言' })));
  await ok(emulator.call('delegate-p', 'messages.reply', { id: closed, body: '已处理。' }));
  await ok(emulator.call('delegate-p', 'messages.transition', { id: closed, to: 'resolved', note: '已修好。' }));
  await ok(emulator.call('res-old', 'messages.rate', { id: closed, satisfaction: 'satisfied' }));
  const { id: open } = await ok(emulator.call('res-old', 'messages.send', draft(delegateId, { phone: PHONE, title: '还在办理的留言' })));
  const limitsBefore = (await emulator.collection('rateLimits')).length;
  expect(limitsBefore).toBeGreaterThan(0);

  await emulator.advanceClock(181 * DAY);
  await emulator.timer();
  const messages = await emulator.collection('messages');
  expect(messages.find((m) => m._id === closed)!.phone).toBeUndefined();
  expect(messages.find((m) => m._id === open)!.phone).toBe(PHONE);
  expect(await emulator.collection('rateLimits')).toEqual([]);
  expect(await emulator.collection('requests')).toEqual([]);
});
