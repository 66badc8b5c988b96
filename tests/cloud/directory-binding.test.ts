import { startTestEmulator } from '../support/emulator';
import { failure, newDelegate, newGroup, ok, snapshot, STAFF, type TestEmulator } from './directory-fixtures';

// Delegate binding: a one-time code issued by staff proves a delegate on their own phone.

let emulator: TestEmulator;
let groupId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  groupId = await newGroup(emulator);
}, 120_000);
afterAll(() => emulator?.stop());

const roles = async (openid: string) => await ok<{ roles: string[]; delegateId?: string }>(emulator.call(openid, 'me.get', {}));

describe('delegates.bind', () => {
  it('binds the caller to the delegate, once, and the person becomes a delegate', async () => {
    const { id, bindCode } = await newDelegate(emulator, { name: '王芳', groupId });
    expect(bindCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await ok(emulator.call('wang-phone', 'delegates.bind', { code: bindCode.toLowerCase().replace('-', ' ') }))).toEqual({
      delegateId: id,
      name: '王芳',
    });
    expect(await roles('wang-phone')).toMatchObject({ roles: ['resident', 'delegate'], delegateId: id });
    expect((await ok(emulator.call('anyone', 'delegates.get', { id }))).bound).toBe(true);
  });

  it('never stores the code itself', async () => {
    const { bindCode } = await newDelegate(emulator, { name: '李强', groupId });
    const stored = await snapshot(emulator, 'delegates', 'bindCodes');
    expect(stored).not.toContain(bindCode);
    expect(stored).not.toContain(bindCode.replace('-', ''));
  });

  it('refuses a used code with a clear message and changes nothing', async () => {
    const { bindCode } = await newDelegate(emulator, { name: '张伟', groupId });
    await ok(emulator.call('zhang-phone', 'delegates.bind', { code: bindCode }));
    const before = await snapshot(emulator, 'delegates', 'users', 'bindCodes');
    const error = await failure(emulator.call('someone-else', 'delegates.bind', { code: bindCode }));
    expect(error).toMatchObject({ code: 'FAILED_PRECONDITION', field: 'code' });
    expect(error.message).toContain('已被使用');
    expect(await snapshot(emulator, 'delegates', 'users', 'bindCodes')).toBe(before);
    expect((await roles('someone-else')).roles).toEqual(['resident']);
  });

  it('refuses an expired code with a clear message and changes nothing', async () => {
    const { bindCode } = await newDelegate(emulator, { name: '陈静', groupId });
    await emulator.advanceClock(7 * 24 * 3600 * 1000 + 1000);
    const before = await snapshot(emulator, 'delegates', 'users', 'bindCodes');
    const error = await failure(emulator.call('chen-phone', 'delegates.bind', { code: bindCode }));
    expect(error).toMatchObject({ code: 'FAILED_PRECONDITION', field: 'code' });
    expect(error.message).toContain('已过期');
    expect(await snapshot(emulator, 'delegates', 'users', 'bindCodes')).toBe(before);
  });

  it('refuses a wrong code with a clear message and binds nobody', async () => {
    await newDelegate(emulator, { name: '刘洋', groupId });
    const before = await snapshot(emulator, 'delegates', 'users', 'bindCodes');
    const error = await failure(emulator.call('guesser', 'delegates.bind', { code: 'ABCD-EFGH' }));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'code' });
    expect(error.message).toContain('绑定码不正确');
    expect(await snapshot(emulator, 'delegates', 'users', 'bindCodes')).toBe(before);
  });

  it('refuses the 11th wrong guess within the window, even a right one, and forgives after the window', async () => {
    const { bindCode } = await newDelegate(emulator, { name: '赵敏', groupId });
    for (let i = 0; i < 10; i++) {
      expect((await failure(emulator.call('brute', 'delegates.bind', { code: `WRNG-${2000 + i}`.replace(/0/g, '3') }))).code).toBe(
        'INVALID_ARGUMENT',
      );
    }
    const refused = await failure(emulator.call('brute', 'delegates.bind', { code: 'WRNG-9999' }));
    expect(refused.code).toBe('RESOURCE_EXHAUSTED');
    expect(refused.message).toContain('错误次数过多');
    expect((await failure(emulator.call('brute', 'delegates.bind', { code: bindCode }))).code).toBe('RESOURCE_EXHAUSTED');
    // Another person is not affected by this one's guesses.
    expect((await failure(emulator.call('innocent', 'delegates.bind', { code: 'WRNG-9999' }))).code).toBe('INVALID_ARGUMENT');
    await emulator.advanceClock(61 * 60 * 1000);
    await ok(emulator.call('brute', 'delegates.bind', { code: bindCode }));
  });

  it('lets exactly one of two people racing with the same code win', async () => {
    for (let round = 0; round < 3; round++) {
      const { id, bindCode } = await newDelegate(emulator, { name: `孙磊${round}`, groupId });
      const racers = ['racer-a', 'racer-b', 'racer-c'].map((p) => `${p}-${round}`);
      const results = await Promise.all(racers.map((openid) => emulator.call(openid, 'delegates.bind', { code: bindCode })));
      const winners = racers.filter((_, i) => results[i].ok);
      expect(winners).toHaveLength(1);
      for (const [i, result] of results.entries()) if (!result.ok) expect(result.error.code).toBe('FAILED_PRECONDITION');
      const delegate = (await emulator.collection('delegates')).find((d: any) => d._id === id) as any;
      expect(delegate.openid).toBe(winners[0]);
      const linked = (await emulator.collection('users')).filter((u: any) => u.delegateId === id);
      expect(linked.map((u: any) => u._id)).toEqual([winners[0]]);
    }
  });

  it('a reissued code replaces the old one; unbinding frees the delegate for a new phone', async () => {
    const { id, bindCode: first } = await newDelegate(emulator, { name: '周洁', groupId });
    const { bindCode: second } = await ok(emulator.call(STAFF, 'admin.delegates.reissueCode', { id }));
    expect((await failure(emulator.call('zhou-old', 'delegates.bind', { code: first }))).code).toBe('INVALID_ARGUMENT');
    await ok(emulator.call('zhou-old', 'delegates.bind', { code: second }));

    await ok(emulator.call(STAFF, 'admin.delegates.unbind', { id }));
    expect((await roles('zhou-old')).roles).toEqual(['resident']);
    expect((await ok(emulator.call('anyone', 'delegates.get', { id }))).bound).toBe(false);
    expect((await failure(emulator.call('zhou-new', 'delegates.bind', { code: second }))).code).toBe('FAILED_PRECONDITION');

    const { bindCode: third } = await ok(emulator.call(STAFF, 'admin.delegates.reissueCode', { id }));
    await ok(emulator.call('zhou-new', 'delegates.bind', { code: third }));
    expect(await roles('zhou-new')).toMatchObject({ roles: ['resident', 'delegate'], delegateId: id });
  });

  it('one WeChat account is one delegate at a time', async () => {
    const { bindCode: a } = await newDelegate(emulator, { name: '吴刚', groupId });
    const { bindCode: b } = await newDelegate(emulator, { name: '吴刚二', groupId });
    await ok(emulator.call('wu-phone', 'delegates.bind', { code: a }));
    const error = await failure(emulator.call('wu-phone', 'delegates.bind', { code: b }));
    expect(error.code).toBe('FAILED_PRECONDITION');
    expect(error.message).toContain('已绑定其他代表');
  });

  it('deactivating a delegate ends their access at once (issue 17, item 2)', async () => {
    const { id, bindCode } = await newDelegate(emulator, { name: '钱进', groupId });
    await ok(emulator.call('qian-phone', 'delegates.bind', { code: bindCode }));
    const sent = await ok<{ id: string }>(
      emulator.call('qian-resident', 'messages.send', {
        delegateId: id,
        category: '其他',
        title: '楼道堆物',
        body: '三楼楼道堆满杂物。',
        phone: '13800001234',
        requestId: 'deactivate-req-1',
      }),
    );
    expect((await ok(emulator.call('qian-phone', 'messages.get', { id: sent.id }))).phone).toBeDefined();

    await ok(emulator.call(STAFF, 'admin.delegates.update', { id, active: false }));
    expect((await roles('qian-phone')).roles).toEqual(['resident']);
    expect((await failure(emulator.call('qian-phone', 'messages.inbox', {}))).code).toBe('PERMISSION_DENIED');
    expect((await failure(emulator.call('qian-phone', 'messages.get', { id: sent.id }))).code).toBe('NOT_FOUND');
    expect((await failure(emulator.call('qian-phone', 'messages.reply', { id: sent.id, body: '收到' }))).code).toBe('NOT_FOUND');
    const staffView = await ok(emulator.call(STAFF, 'admin.delegates.list', { keyword: '钱进' }));
    expect(staffView.items).toMatchObject([{ id, active: false, bound: false }]);
  });
});

describe('secrets fail closed', () => {
  it('without BIND_CODE_PEPPER a binding code is neither issued nor accepted, and staff are told which secret is missing', async () => {
    const bare = await startTestEmulator({ env: { BIND_CODE_PEPPER: '' } });
    try {
      const group = await newGroup(bare);
      const error = await failure(bare.call(STAFF, 'admin.delegates.create', { name: '赵敏', groupId: group }));
      expect(error).toMatchObject({ code: 'INTERNAL' });
      expect(error.message).toContain('BIND_CODE_PEPPER');
      expect(await bare.collection('delegates')).toEqual([]);
      expect(await bare.collection('bindCodes')).toEqual([]);
      expect((await failure(bare.call('someone', 'delegates.bind', { code: 'ABCD-EFGH' }))).message).toContain('BIND_CODE_PEPPER');
    } finally {
      await bare.stop();
    }
  });
});
