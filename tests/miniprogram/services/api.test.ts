import path from 'node:path';
import { startTestEmulator } from '../../support/emulator';
import { connect, MINIPROGRAM_ROOT } from '../../support/miniprogram';

// The typed client against the real backend, through both transports. (Typed loosely here: the
// mini-program's own types need the wx typings, which clash with Node's in the tests' program.)
const { call, ApiCallError, NETWORK_MESSAGE } = require(path.join(MINIPROGRAM_ROOT, 'services/api')) as {
  call: (action: string, payload: unknown) => Promise<unknown>;
  ApiCallError: new (...args: never[]) => Error;
  NETWORK_MESSAGE: string;
};
const { config } = require(path.join(MINIPROGRAM_ROOT, 'services/config')) as {
  config: { mode: 'cloud' | 'local'; localOpenid: string; templateIds: Record<string, string> };
};

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe.each(['cloud', 'local'] as const)('call() over %s', (mode) => {
  beforeEach(() => {
    config.mode = mode;
    config.localOpenid = 'client-resident';
  });

  it('answers with the data, as the caller the platform names', async () => {
    connect(emulator, 'client-resident');
    const me = await call('me.get', {});
    expect(me).toEqual(expect.objectContaining({ openid: 'client-resident', roles: ['resident'] }));
  });

  it("rejects an unknown field with the server's code, Chinese message and field", async () => {
    connect(emulator, 'client-resident');
    const failure = await call('me.get', { nickname: 'x' }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiCallError);
    expect(failure).toEqual(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect((failure as Error).message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('retries a lost answer once and succeeds when the second attempt gets through', async () => {
    const link = connect(emulator, 'client-resident');
    link.dropNext(1);

    await expect(call('me.get', {})).resolves.toEqual(expect.objectContaining({ openid: 'client-resident' }));
    expect(link.attempts()).toBe(2);
  });

  it('repeats a write whose answer was lost with the same requestId, so it happens once', async () => {
    config.localOpenid = 'staff-openid';
    const link = connect(emulator, 'staff-openid');
    link.loseNextAnswers(1);
    const created = (await call('admin.groups.create', { name: `重试小组-${mode}` })) as { id: string };
    expect(link.attempts()).toBe(2);
    // The first attempt created the group; the repeat carried the same key and got its answer back.
    const groups = (await emulator.collection('groups')).filter((g) => g.name === `重试小组-${mode}`);
    expect(groups.map((g) => g._id)).toEqual([created.id]);
  });

  it('never repeats a write that would count twice, and says the answer was lost', async () => {
    config.localOpenid = 'staff-openid';
    const link = connect(emulator, 'staff-openid');
    link.loseNextAnswers(1);
    const failure = await call('admin.delegates.create', { name: '只发一次', groupId: 'g-none' }).catch((error: unknown) => error);
    expect(failure).toEqual(expect.objectContaining({ code: 'NETWORK' }));
    expect(link.attempts()).toBe(1);
  });

  it('gives up after one retry with the network message', async () => {
    const link = connect(emulator, 'client-resident');
    link.setOnline(false);

    const failure = await call('me.get', {}).catch((error: unknown) => error);
    expect(failure).toEqual(expect.objectContaining({ code: 'NETWORK', message: NETWORK_MESSAGE }));
    expect(link.attempts()).toBe(2);
    expect(link.apiCalls).toEqual([]);
  });
});
