// The `api` function's envelope through the gateway: one answer shape for every call, identity from
// the platform, and the database round trips the budget allows (a read: one query; a write: one
// transaction), as counted by the emulator.
import { startTestEmulator, STAFF_OPENID, type TestEmulator } from '../support/emulator';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

const lastCall = async () => (await emulator.calls())[0];

test('me.get answers the caller with the resident role, an empty profile and no verified phone', async () => {
  expect(await emulator.call('new-resident', 'me.get')).toEqual({
    ok: true,
    data: {
      openid: 'new-resident',
      roles: ['resident'],
      profile: {},
      phoneVerified: false,
      uploadFolder: expect.stringMatching(/^uploads\/[0-9a-f]{24}$/),
    },
  });
  expect(await lastCall()).toMatchObject({ action: 'me.get', databaseRequests: 1 });
});

test('a profile update is one transaction, and the next me.get reads it back', async () => {
  expect(await emulator.call('profile-owner', 'me.update', { nickname: '李阿姨', community: '清风社区' })).toMatchObject({
    ok: true,
    data: { profile: { nickname: '李阿姨', community: '清风社区' } },
  });
  const write = await lastCall();
  // start, read, write, commit: the wire requests of one runTransaction.
  expect(write.databaseRequests).toBe(4);
  expect(await emulator.call('profile-owner', 'me.get')).toMatchObject({ ok: true, data: { profile: { nickname: '李阿姨' } } });
});

test('an unknown action names the action field', async () => {
  expect(await emulator.callRaw('someone', { action: 'messages.delete_all', payload: {} })).toMatchObject({
    status: 200,
    body: { ok: false, error: { code: 'INVALID_ARGUMENT', field: 'action', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } },
  });
});

test('a payload field of the wrong type or unknown to the schema is refused with its name', async () => {
  const wrongType = await emulator.callRaw('someone', { action: 'me.update', payload: { nickname: 42 } });
  expect(wrongType.body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'nickname' } });
  const unknown = await emulator.callRaw('someone', { action: 'me.update', payload: { nickname: '小王', openid: 'victim' } });
  expect(unknown.body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  expect(JSON.stringify(await emulator.collection('users'))).not.toContain('小王');
});

test("wx.cloud.callFunction's userInfo is tolerated but never trusted", async () => {
  const answer = await emulator.callRaw('real-caller', { action: 'me.get', payload: {}, userInfo: { openId: STAFF_OPENID, appId: 'x' } });
  expect(answer.body).toMatchObject({ ok: true, data: { openid: 'real-caller', roles: ['resident'], profile: {}, phoneVerified: false } });
});

test('staff actions refuse residents without touching data', async () => {
  expect(await emulator.call('plain-resident', 'admin.staff.grant', { openid: 'plain-resident' })).toMatchObject({
    ok: false,
    error: { code: 'PERMISSION_DENIED' },
  });
  expect(await emulator.call(STAFF_OPENID, 'admin.staff.list', {})).toMatchObject({ ok: true });
});

test('a refused field is named in Chinese for people and by its path for programs', async () => {
  const short = (await emulator.call('new-resident', 'me.update', { nickname: 'x'.repeat(21) })) as {
    ok: false;
    error: { message: string; field: string };
  };
  expect(short.error).toMatchObject({ field: 'nickname', message: '「称呼」不能超过 20 个字' });
  const nested = (await emulator.call(STAFF_OPENID, 'admin.campaigns.create', {
    title: '测试票选',
    description: '',
    eligibility: 'residents',
    minChoices: 1,
    maxChoices: 1,
    opensAt: '2030-01-01T00:00:00+08:00',
    closesAt: '2030-01-02T00:00:00+08:00',
    projects: [
      { title: '甲项目', summary: '甲', category: '城建' },
      { title: '乙', summary: '乙', category: '城建' },
    ],
  })) as { ok: false; error: { message: string; field: string } };
  expect(nested.error).toMatchObject({ field: 'projects.1.title', message: '「候选项目第 2 项的标题」至少需要 2 个字' });
});
