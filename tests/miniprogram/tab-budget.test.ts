import fs from 'node:fs';
import path from 'node:path';
import { startTestEmulator } from '../support/emulator';
import { FIRST_SCREEN_BUDGET, MINIPROGRAM_ROOT, renderPage } from '../support/miniprogram';

// docs/architecture.md#budgets: the first screen of each tab page is at most 2 setData calls and 32 KB, counting the
// page and the components in it that fetch their own data, measured against the demo data (seventy delegates, stations, groups), not an empty store.
const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as { tabBar: { list: { pagePath: string }[] } };
const tabs = app.tabBar.list.map((tab) => tab.pagePath);

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator({ seed: true });
});
afterAll(() => emulator.stop());

describe.each(['demo-resident', 'demo-delegate', 'staff-openid'])('first screen of every tab for %s', (openid) => {
  it.each(tabs)('%s: within the setData budget, with every call answered', async (tab) => {
    const view = await renderPage(tab, { emulator, openid });

    expect(view.apiCalls.filter((call) => !(call.result as { ok?: boolean }).ok)).toEqual([]);
    expect(view.setDataStats.firstRender.calls).toBeGreaterThanOrEqual(tab === 'pages/home/home' || tab === 'pages/me/me' ? 1 : 0);
    // The page's own setData and those of our components inside it that load themselves.
    const { calls, bytes, components } = view.setDataStats.firstRender;
    expect(calls + components.calls).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.calls);
    expect(bytes + components.bytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.bytes);
  });
});
