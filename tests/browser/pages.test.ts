// Every page of app.json in a real browser (Chromium through playwright-core), as each role that opens
// it, on the demo data: what jsdom cannot see. The preview (emulator /preview/) renders the real WXML,
// WXSS and TS; see emulator/README.md#browser-preview. One browser and one tab for the whole file.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  lowContrastText,
  openAndSettle,
  overflow,
  PHONE,
  resize,
  setLargeText,
  settle,
  smallPrimaryActions,
  watch,
} from '../../emulator/preview/driver.mjs';
import { pageRoles, prepareDemo, previewPath, queryFor, type DemoFacts } from '../../emulator/preview/plan.mjs';
import { startTestEmulator, type TestEmulator } from '../support/emulator';

const ROOT = path.resolve(__dirname, '..', '..');
let emulator: TestEmulator;
let browser: Browser;
let tab: Page;
let problems: string[];
let facts: DemoFacts;

beforeAll(async () => {
  emulator = await startTestEmulator({ seed: true });
  facts = await prepareDemo(
    (openid, action, payload) => emulator.call(openid, action as never, payload as never),
    (openid, phoneNumber) => emulator.phoneCode(openid, phoneNumber),
  );
  browser = await launchBrowser();
  tab = await browser.newPage({ viewport: PHONE });
  problems = watch(tab);
});
afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
});

async function open(url: string, width = PHONE.width): Promise<void> {
  problems.length = 0;
  await resize(tab, width);
  await openAndSettle(tab, `${emulator.url}${url}`);
}

test('the demo content the key screens show was made through the real actions', () => {
  expect(facts.skipped).toEqual([]);
});

// The list is app.json's, read now: a page added tomorrow is checked tomorrow.
test.each(pageRoles(ROOT).map((visit) => [`${visit.page} as ${visit.role}`, visit] as const))('%s', async (_name, visit) => {
  await open(previewPath(visit, queryFor(visit.page, facts)));
  const report = {
    errors: [...problems],
    overflowAt375: await overflow(tab),
    smallPrimaryActions: await smallPrimaryActions(tab),
    lowContrastText: await lowContrastText(tab),
    overflowAt320: await resize(tab, 320).then(() => overflow(tab)),
    overflowInLargeText: await resize(tab, PHONE.width)
      .then(() => setLargeText(tab, true))
      .then(() => overflow(tab)),
  };
  await setLargeText(tab, false);
  report.errors.push(...problems.slice(report.errors.length));
  expect(report).toEqual({
    errors: [],
    overflowAt375: [],
    smallPrimaryActions: [],
    lowContrastText: [],
    overflowAt320: [],
    overflowInLargeText: [],
  });
});

describe('the preview behaves as the phone does', () => {
  const pageText = () =>
    tab.evaluate(() => (document.querySelector('.yzt-page:not([hidden]), .yzt-missing') as HTMLElement | null)?.innerText ?? '');
  const current = () => tab.evaluate(() => (window as unknown as { __yztPreview: { current(): string } }).__yztPreview.current());

  test('a reply typed and sent in the preview is written to the emulator', async () => {
    await open(`/preview/phone.html?page=packages/resident/thread/thread&openid=demo-resident&id=${facts.messageId}`);
    const text = '补充一下：周五放学时段也很拥堵。';
    await tab.locator('.yzt-page:not([hidden]) wx-textarea textarea:visible').first().fill(text);
    await tab.locator('.yzt-page:not([hidden]) wx-button:visible', { hasText: '发送' }).first().click();
    await settle(tab);
    const messages = await emulator.collection('messages');
    expect(JSON.stringify(messages.find((message) => message._id === facts.messageId))).toContain(text);
    expect(problems).toEqual([]);
  });

  test('tapping opens a page on the stack, back returns to the one below, the tab bar switches', async () => {
    await open('/preview/phone.html?page=pages/delegates/delegates&openid=demo-resident');
    await tab.locator('.yzt-page:not([hidden]) wx-view', { hasText: '丁亚男' }).last().click();
    await tab.waitForFunction(() => (window as any).__yztPreview.current() !== 'pages/delegates/delegates');
    expect(await current()).toBe('packages/resident/delegate/delegate');
    await tab.locator('#yzt-back').click();
    expect(await current()).toBe('pages/delegates/delegates');
    expect(await pageText()).toContain('丁亚男');
    await tab.locator('#yzt-tabbar button', { hasText: '我的' }).click();
    expect(await current()).toBe('pages/me/me');
    expect(new URL(tab.url()).searchParams.get('page')).toBe('pages/me/me');
    expect(problems).toEqual([]);
  });

  test('an unknown page shows WeChat\'s "page not found"; a page the role may not open shows its own refusal', async () => {
    await open('/preview/phone.html?page=packages/nowhere/nowhere&openid=demo-resident');
    expect(await pageText()).toContain('页面不存在');
    await open('/preview/phone.html?page=packages/admin/index/index&openid=demo-resident');
    expect(await pageText()).toContain('无权限');
    expect(problems).toEqual([]);
  });

  test('what a browser cannot do asks in the phone: the phone-number button verifies with the number chosen there', async () => {
    await open('/preview/phone.html?page=pages/me/me&openid=preview-phone-owner');
    await tab.locator('.yzt-page:not([hidden]) wx-button', { hasText: '验证手机号' }).click();
    const dialog = tab.locator('[role=dialog]');
    await dialog.locator('input[type=tel]').fill('13912345678');
    await dialog.locator('button', { hasText: '允许' }).click();
    await settle(tab);
    expect(await pageText()).toContain('139****5678');
    expect(await emulator.call('preview-phone-owner', 'me.get')).toMatchObject({ ok: true, data: { phoneVerified: true } });
    expect(problems).toEqual([]);
  });

  test('the identity in the address is who calls: staff see the admin page', async () => {
    await open('/preview/phone.html?page=packages/admin/index/index&openid=staff-openid');
    expect(await pageText()).not.toContain('无权限');
    const calls = await emulator.calls();
    expect(calls.find((call) => call.action && call.openid === 'staff-openid')).toBeDefined();
  });
});
