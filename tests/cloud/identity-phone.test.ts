import { createHmac } from 'node:crypto';
import { LOCAL_SECRETS } from '../../emulator/functions/local-secrets';
import { startTestEmulator } from '../support/emulator';
import { failure, ok, snapshot, type TestEmulator } from './directory-fixtures';

// Phone verification (issue 9, item 2): a code from 手机号快速验证 becomes a keyed hash of the number and
// its masked form on the person's record; the number itself is stored nowhere.

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
}, 120_000);
afterAll(() => emulator?.stop());

/** What identity/phone.ts stores: HMAC('VOTER_KEY_SECRET', 'phone:' + E.164). */
const hashOf = (e164: string) => createHmac('sha256', LOCAL_SECRETS.VOTER_KEY_SECRET).update(`phone:${e164}`).digest('hex');

const user = async (openid: string) => (await emulator.collection('users')).find((u) => u._id === openid);

/** Every document of every collection, as one text, to look for a number anywhere. */
async function everything(): Promise<string> {
  const { items } = (await (await fetch(`${emulator.url}/_emulator/collections`)).json()) as { items: { name: string }[] };
  return snapshot(emulator, ...items.map((c) => c.name));
}

describe('me.verifyPhone', () => {
  it('stores only the keyed hash and the masked number, and me.get reports the person verified', async () => {
    expect(await ok(emulator.call('phone-a', 'me.get', {}))).toMatchObject({ phoneVerified: false });
    expect((await ok(emulator.call('phone-a', 'me.get', {}))).maskedPhone).toBeUndefined();

    const code = await emulator.phoneCode('phone-a', '13812341234');
    expect(await ok(emulator.call('phone-a', 'me.verifyPhone', { code }))).toEqual({ maskedPhone: '138****1234' });

    expect(await ok(emulator.call('phone-a', 'me.get', {}))).toMatchObject({ phoneVerified: true, maskedPhone: '138****1234' });
    expect(await user('phone-a')).toMatchObject({ phoneHash: hashOf('+8613812341234'), maskedPhone: '138****1234' });
    // Not in any document, not in any spelling: the record, the idempotency record, the audit, nothing.
    const stored = await everything();
    expect(stored).not.toContain('13812341234');
    expect(stored).not.toContain('812341234');
  });

  it('gives two WeChat accounts that share one number the same hash: one person to a phone-verified vote', async () => {
    await emulator.verifyPhone('phone-b1', '13900002222');
    await emulator.verifyPhone('phone-b2', '13900002222');
    const [one, two] = [await user('phone-b1'), await user('phone-b2')];
    expect(one?.phoneHash).toBe(two?.phoneHash);
    expect(one?.phoneHash).toBe(hashOf('+8613900002222'));
  });

  it('keeps numbers of other countries apart by their country code', async () => {
    const code = await emulator.phoneCode('phone-hk', '13900002222', '852');
    await ok(emulator.call('phone-hk', 'me.verifyPhone', { code }));
    expect((await user('phone-hk'))?.phoneHash).toBe(hashOf('+85213900002222'));
    expect((await user('phone-hk'))?.phoneHash).not.toBe((await user('phone-b1'))?.phoneHash);
  });

  it('replaces the number when the person verifies another one', async () => {
    await emulator.verifyPhone('phone-c', '13700003333');
    expect(await emulator.verifyPhone('phone-c', '13700004444')).toBe('137****4444');
    expect(await user('phone-c')).toMatchObject({ phoneHash: hashOf('+8613700004444'), maskedPhone: '137****4444' });
  });

  it('keeps the profile the person set when they verify', async () => {
    await ok(emulator.call('phone-d', 'me.update', { nickname: '王阿姨', community: '清风社区' }));
    await emulator.verifyPhone('phone-d', '13600005555');
    expect(await ok(emulator.call('phone-d', 'me.get', {}))).toMatchObject({
      profile: { nickname: '王阿姨', community: '清风社区' },
      phoneVerified: true,
    });
  });

  it('refuses a used, unknown or expired code with a Chinese message on the code, and writes nothing', async () => {
    const code = await emulator.phoneCode('phone-e', '13500006666');
    await ok(emulator.call('phone-e', 'me.verifyPhone', { code }));
    const before = await snapshot(emulator, 'users', 'requests');

    const used = await failure(emulator.call('phone-e2', 'me.verifyPhone', { code }));
    expect(used).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('重新'), field: 'code' });
    expect(await failure(emulator.call('phone-e2', 'me.verifyPhone', { code: 'made-up-code' }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'code',
    });

    const late = await emulator.phoneCode('phone-e2', '13500007777');
    await emulator.advanceClock(5 * 60_000 + 1_000);
    expect(await failure(emulator.call('phone-e2', 'me.verifyPhone', { code: late }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'code',
    });
    expect(await snapshot(emulator, 'users', 'requests')).toBe(before);
  });

  it('names the field as people know it when the code is malformed (not 绑定码)', async () => {
    const error = await failure(emulator.call('phone-f', 'me.verifyPhone', { code: '' }));
    expect(error).toEqual({ code: 'INVALID_ARGUMENT', message: '「手机号验证凭据」至少需要 1 个字', field: 'code' });
    expect(await failure(emulator.call('phone-f', 'me.verifyPhone', { code: 'a b' }))).toMatchObject({ field: 'code' });
    expect(await failure(emulator.call('phone-f', 'me.verifyPhone', { code: 'abc', phone: '13812341234' } as never))).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(await user('phone-f')).toBeUndefined();
  });

  it('answers a repeated request (same requestId, answer lost) with the first answer, though WeChat honours a code once', async () => {
    const code = await emulator.phoneCode('phone-g', '13300008888');
    const first = await ok(emulator.call('phone-g', 'me.verifyPhone', { code, requestId: 'verify-phone-g-1' }));
    const again = await ok(emulator.call('phone-g', 'me.verifyPhone', { code, requestId: 'verify-phone-g-1' }));
    expect(again).toEqual(first);
    expect(first).toEqual({ maskedPhone: '133****8888' });
  });

  it('tells the person to try later when WeChat fails, and writes nothing', async () => {
    const code = await emulator.phoneCode('phone-h', '13200009999');
    await emulator.setFaults({ openapiErrorRate: 1 });
    try {
      const error = await failure(emulator.call('phone-h', 'me.verifyPhone', { code }));
      expect(error).toEqual({ code: 'INTERNAL', message: '微信暂时无法验证手机号，请稍后再试' });
    } finally {
      await emulator.setFaults({ openapiErrorRate: 0 });
    }
    expect(await user('phone-h')).toBeUndefined();
    // The fault struck before WeChat looked at the code: it still works.
    expect(await ok(emulator.call('phone-h', 'me.verifyPhone', { code }))).toEqual({ maskedPhone: '132****9999' });
  });
});

describe('without VOTER_KEY_SECRET', () => {
  it('stores nothing and tells staff which secret is missing', async () => {
    const bare = await startTestEmulator({ env: { VOTER_KEY_SECRET: '' } });
    try {
      const code = await bare.phoneCode('phone-bare', '13812341234');
      const error = await failure(bare.call('phone-bare', 'me.verifyPhone', { code }));
      expect(error.code).toBe('INTERNAL');
      expect(error.message).toContain('VOTER_KEY_SECRET');
      expect(await bare.collection('users')).toEqual([]);
    } finally {
      await bare.stop();
    }
  });
});
