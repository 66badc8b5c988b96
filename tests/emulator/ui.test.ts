// The emulator's page in a real browser (Debian's chromium through playwright-core): it lists the
// seeded collections and their documents, shows recent function calls, and switches faults.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../emulator/preview/driver.mjs';
import { startTestEmulator, type TestEmulator } from '../support/emulator';

let emulator: TestEmulator;
let browser: BrowserContext;
let profile: string;
beforeAll(async () => {
  emulator = await startTestEmulator({ seed: true });
  profile = mkdtempSync(path.join(os.tmpdir(), 'emulator-ui-'));
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
  await emulator.stop();
});

test('the page shows a seeded collection, its documents and a recent call, and toggles a fault', async () => {
  await emulator.call('demo-delegate', 'me.get');
  const page = await browser.newPage();
  await page.goto(emulator.url);

  const delegates = page.locator('#collections button[data-collection="delegates"]');
  await delegates.waitFor();
  expect(await delegates.textContent()).toContain('70');
  await page.click('#collections button[data-collection="groups"]');
  await page.locator('#documents pre', { hasText: '综合治理' }).waitFor();

  const call = page.locator('#calls tr', { hasText: 'me.get' });
  await call.first().waitFor();
  expect(await call.first().textContent()).toContain('demo-delegate');

  await page.fill('#faults input[name="transactionConflictRate"]', '0.3');
  await page.click('#faults button[type="submit"]');
  await page.locator('#status', { hasText: '已应用' }).waitFor();
  const faults = await (await fetch(`${emulator.url}/_emulator/faults`)).json();
  expect(faults).toMatchObject({ transactionConflictRate: 0.3, databaseErrorRate: 0 });

  await page.click('#faults-off');
  await page.waitForFunction(
    () => (document.querySelector('#faults input[name="transactionConflictRate"]') as HTMLInputElement).value === '0',
  );
  expect(await (await fetch(`${emulator.url}/_emulator/faults`)).json()).toMatchObject({ transactionConflictRate: 0 });
});
