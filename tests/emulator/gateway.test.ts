// The gateway and the function runner: the real `api` bundle in worker threads, with the caller's
// identity from the platform (x-wx-openid → WX_OPENID), never from the event.
import { startTestEmulator, STAFF_OPENID, type TestEmulator } from '../support/emulator';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

test('me.get called concurrently for two openids answers each its own openid', async () => {
  const openids = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'resident-a' : 'resident-b'));
  const answers = await Promise.all(openids.map((openid) => emulator.call(openid, 'me.get')));
  answers.forEach((answer, i) => {
    expect(answer).toMatchObject({ ok: true, data: { openid: openids[i] } });
  });
});

test('staff openids from the emulator environment reach the function', async () => {
  expect(await emulator.call(STAFF_OPENID, 'me.get')).toMatchObject({ ok: true, data: { roles: expect.arrayContaining(['staff']) } });
  expect(await emulator.call('resident-a', 'me.get')).toMatchObject({ ok: true, data: { roles: ['resident'] } });
});

test('an openid written into the event is ignored', async () => {
  const answer = await emulator.callRaw('resident-a', { action: 'me.get', payload: {}, userInfo: { openId: 'someone-else' } });
  expect(answer).toMatchObject({ status: 200, body: { ok: true, data: { openid: 'resident-a' } } });
});

test('a call without a caller is refused as unauthenticated, and a client cannot pose as the timer', async () => {
  expect(await emulator.callRaw(null, { action: 'me.get', payload: {} })).toMatchObject({
    status: 200,
    body: { ok: false, error: { code: 'UNAUTHENTICATED' } },
  });
  expect(await emulator.callRaw('resident-a', { Type: 'Timer', TriggerName: 'tick' })).toMatchObject({
    status: 200,
    body: { ok: false, error: { code: 'INVALID_ARGUMENT' } },
  });
  // Without a caller, only the trigger config.json declares runs the jobs (issue 17, item 12).
  expect(await emulator.callRaw(null, { Type: 'Timer', TriggerName: 'other', Time: new Date().toISOString() })).toMatchObject({
    status: 200,
    body: { ok: false, error: { code: 'UNAUTHENTICATED' } },
  });
  expect(await emulator.callRaw(null, { Type: 'Timer', TriggerName: 'tick', Time: new Date().toISOString() })).toMatchObject({
    status: 200,
    body: { timer: expect.any(Object) },
  });
});

test('an unknown function answers like callFunction does', async () => {
  const response = await fetch(`${emulator.url}/functions/nope`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ errCode: -501000 });
});

test('a body that is not JSON is a 400 with a structured error, and unknown routes are 404', async () => {
  const bad = await fetch(`${emulator.url}/functions/api`, { method: 'POST', body: '{not json' });
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ errCode: -1, errMsg: expect.any(String) });
  expect((await fetch(`${emulator.url}/_emulator/nothing`)).status).toBe(404);
});

test('every call is logged with its database requests: me.get reads once', async () => {
  await emulator.call('resident-counted', 'me.get');
  const [latest] = await emulator.calls();
  expect(latest).toMatchObject({ function: 'api', openid: 'resident-counted', action: 'me.get', status: 'ok', databaseRequests: 1 });
});

test('/admin answers an action it does not know the way the service does: a code, a message, a request id', async () => {
  const response = await fetch(`${emulator.url}/admin?env=emulator`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'functions.invokeFunction' }),
  });
  expect(await response.json()).toEqual({
    code: 'INVALID_ACTION',
    message: expect.stringContaining('functions.invokeFunction'),
    requestId: expect.any(String),
  });
});
