/// <reference path="../../emulator/openapi/qrcode.d.ts" />
// The emulator's WeChat open API, driven through the function's own wrappers
// (cloudfunctions/api/src/platform/openapi.ts) over the real wx-server-sdk.
import fs from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { operations } from '../../emulator/openapi/operations';
import { startTestEmulator, TEMPLATE_IDS, type TestEmulator } from '../support/emulator';
import { sdkClient } from '../support/sdk';

type Wrappers = typeof import('../../cloudfunctions/api/src/platform/openapi');

let emulator: TestEmulator;
let openapi: Wrappers;
beforeAll(async () => {
  emulator = await startTestEmulator();
  sdkClient(emulator.url, 'function-caller');
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    openapi = require('../../cloudfunctions/api/src/platform/openapi');
  });
});
afterEach(() => emulator.setFaults({ openapiErrorRate: 0 }));
afterAll(() => emulator.stop());

const message = (touser: string, data: Record<string, string> = { thing1: '小区路灯不亮', phrase2: '待回复' }) => ({
  touser,
  templateId: TEMPLATE_IDS.newMessage,
  page: 'packages/delegate/thread/thread?id=m1',
  data,
});

test('a subscribe message without a credit answers 43101 and is logged as refused', async () => {
  expect(await openapi.sendSubscribeMessage(message('no-credit'))).toMatchObject({ ok: false, errCode: 43101 });
  const [delivery] = (await emulator.deliveries()).filter((d) => d.recipient === 'no-credit');
  expect(delivery).toMatchObject({ templateId: TEMPLATE_IDS.newMessage, templateKey: 'newMessage', result: { errCode: 43101 } });
});

test('each credit allows exactly one send, recorded with recipient, template, data and page', async () => {
  await emulator.grantSubscription('one-credit', 'newMessage', 1);
  expect(await openapi.sendSubscribeMessage(message('one-credit'))).toEqual({ ok: true });
  expect(await openapi.sendSubscribeMessage(message('one-credit'))).toMatchObject({ ok: false, errCode: 43101 });
  const deliveries = (await emulator.deliveries()).filter((d) => d.recipient === 'one-credit');
  expect(deliveries.map((d) => d.result.errCode)).toEqual([0, 43101]);
  expect(deliveries[0]).toMatchObject({
    templateKey: 'newMessage',
    page: 'packages/delegate/thread/thread?id=m1',
    data: { thing1: { value: '小区路灯不亮' }, phrase2: { value: '待回复' } },
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  });
});

test('a thing over 20 characters or a phrase over 5 is refused with 47003 and keeps the credit', async () => {
  await emulator.grantSubscription('long-fields', 'newMessage', 1);
  expect(await openapi.sendSubscribeMessage(message('long-fields', { thing1: '一'.repeat(21) }))).toMatchObject({
    ok: false,
    errCode: 47003,
  });
  expect(await openapi.sendSubscribeMessage(message('long-fields', { thing1: '好', phrase2: '六个字的短语' }))).toMatchObject({
    ok: false,
    errCode: 47003,
  });
  expect(await openapi.sendSubscribeMessage(message('long-fields', { thing1: '一'.repeat(20), phrase2: '五个字短语' }))).toEqual({
    ok: true,
  });
});

test('an injected open API fault is a transient -1 that neither logs a delivery nor spends a credit', async () => {
  await emulator.grantSubscription('flaky', 'newMessage', 1);
  await emulator.setFaults({ openapiErrorRate: 1 });
  expect(await openapi.sendSubscribeMessage(message('flaky'))).toMatchObject({ ok: false, errCode: -1 });
  await emulator.setFaults({ openapiErrorRate: 0 });
  expect(await openapi.sendSubscribeMessage(message('flaky'))).toEqual({ ok: true });
  expect((await emulator.deliveries()).filter((d) => d.recipient === 'flaky')).toHaveLength(1);
});

test('msgSecCheck v2 answers pass, review or risky from the word list, which can be replaced at run time', async () => {
  const check = (content: string) => openapi.checkText({ openid: 'writer', content, scene: 2 });
  expect(await check('小区门口的路灯坏了，请尽快修理')).toBe('pass');
  expect(await check('有需要的加微信聊')).toBe('review');
  expect(await check('这里有人组织赌博')).toBe('risky');
  const response = await fetch(`${emulator.url}/_emulator/seccheck`, {
    method: 'PUT',
    body: JSON.stringify({ risky: ['路灯'], review: [] }),
  });
  expect(response.status).toBe(200);
  expect(await check('小区门口的路灯坏了')).toBe('risky');
  expect(await check('这里有人组织赌博')).toBe('pass');
});

test('wxacode.getUnlimited draws a PNG QR code of the scene and records it', async () => {
  const image = await openapi.getUnlimitedCode({ scene: 'd=d01', page: 'packages/resident/compose/compose' });
  expect(image.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  // The same QR encoder given the scene draws the same image: the code carries exactly the scene,
  // 21 modules and a 2-module margin at 11 whole pixels each (275 px, about WeChat's smallest code).
  expect(image.equals(await QRCode.toBuffer('d=d01', { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 11 }))).toBe(true);
  const codes = ((await (await fetch(`${emulator.url}/_emulator/codes`)).json()) as { items: unknown[] }).items;
  expect(codes).toContainEqual(expect.objectContaining({ scene: 'd=d01', page: 'packages/resident/compose/compose' }));
  await expect(openapi.getUnlimitedCode({ scene: 'x'.repeat(33), page: 'pages/home/home' })).rejects.toMatchObject({ errCode: 40169 });
});

describe('phonenumber.getPhoneNumber (手机号快速验证)', () => {
  const phoneCodes = (body: unknown) =>
    fetch(`${emulator.url}/_emulator/phone-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  test('a code issued for a shared number answers it once, in WeChat’s phone_info shape', async () => {
    const code = await emulator.phoneCode('sharer', '13812341234');
    const answer = await openapi.getPhoneNumber(code);
    expect(answer).toEqual({ ok: true, phone: { countryCode: '86', purePhoneNumber: '13812341234' } });
    // The second use of the same code is refused as WeChat refuses it.
    expect(await openapi.getPhoneNumber(code)).toMatchObject({ ok: false, errCode: 40029 });
  });

  test('the raw answer carries phoneNumber, purePhoneNumber, countryCode and a watermark with the appid', async () => {
    const cloud = sdkClient(emulator.url, 'function-caller');
    const code = await emulator.phoneCode('sharer', '85212345678', '852');
    const answer = await cloud.openapi.phonenumber.getPhoneNumber({ code });
    expect(answer.phoneInfo).toEqual({
      phoneNumber: '+852 85212345678',
      purePhoneNumber: '85212345678',
      countryCode: '852',
      watermark: { timestamp: expect.any(Number), appid: 'wx-emulator-appid' },
    });
  });

  test('a code expires five minutes after it was issued, by the emulator’s clock', async () => {
    const kept = await emulator.phoneCode('slow', '13900001111');
    const late = await emulator.phoneCode('slow', '13900001111');
    await emulator.advanceClock(4 * 60_000 + 59_000);
    expect(await openapi.getPhoneNumber(kept)).toMatchObject({ ok: true });
    await emulator.advanceClock(2_000);
    expect(await openapi.getPhoneNumber(late)).toMatchObject({ ok: false, errCode: 40029 });
  });

  test('an unknown or empty code is 40029', async () => {
    expect(await openapi.getPhoneNumber('not-a-code')).toMatchObject({ ok: false, errCode: 40029 });
    expect(await openapi.getPhoneNumber('')).toMatchObject({ ok: false, errCode: 40029 });
  });

  test('issuing a code needs an openid and a plausible number', async () => {
    expect((await phoneCodes({ phoneNumber: '13812341234' })).status).toBe(400);
    expect((await phoneCodes({ openid: 'x', phoneNumber: '12345' })).status).toBe(400);
    expect((await phoneCodes({ openid: 'x', phoneNumber: '1381234123a' })).status).toBe(400);
    const issued = await phoneCodes({ openid: 'x', phoneNumber: '138 1234-1234' });
    expect(issued.status).toBe(200);
    expect(await issued.json()).toEqual({ code: expect.stringMatching(/^[0-9a-f]{64}$/), expiresAt: expect.any(String) });
  });
});

test('every open API the function calls is permitted in config.json (as deploys need) and emulated', () => {
  const root = path.join(__dirname, '../../cloudfunctions/api');
  const wrappers = fs.readFileSync(path.join(root, 'src/platform/openapi.ts'), 'utf8');
  const called = [...wrappers.matchAll(/cloud\.openapi\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`).sort();
  const permitted = (JSON.parse(fs.readFileSync(path.join(root, 'config.json'), 'utf8')) as { permissions: { openapi: string[] } })
    .permissions.openapi;
  expect(called).toContain('phonenumber.getPhoneNumber');
  expect([...permitted].sort()).toEqual(called);
  expect(called.filter((name) => !Object.hasOwn(operations, name))).toEqual([]);
});
