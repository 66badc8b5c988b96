import fs from 'node:fs';
import path from 'node:path';
import { startTestEmulator } from '../../../support/emulator';
import { becomeDelegate, FIRST_SCREEN_BUDGET, MINIPROGRAM_ROOT, renderPage } from '../../../support/miniprogram';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('首页', () => {
  it('greets the resident after a real me.get, with the three ways in, in one setData within budget', async () => {
    const view = await renderPage('pages/home/home', { emulator, openid: 'home-resident' });

    expect(view.apiCalls).toContainEqual(expect.objectContaining({ action: 'me.get', result: expect.objectContaining({ ok: true }) }));
    expect(view.text('.home__greeting')).toBe('您好');
    // The committee by the street's configured name (here the local demo street's, scripts/generate.mjs).
    expect(view.text('.home__title')).toBe('清风街道人大工委');
    expect(view.text('.home__entry--delegates')).toContain('找代表留言');
    expect(view.text('.home__entry--stations')).toContain('找站点');
    expect(view.text('.home__entry--voting')).toContain('民生实事投票');
    expect(view.has('.home__workbench')).toBe(false);
    expect(view.setDataStats.firstRender.calls).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.calls);
    expect(view.setDataStats.firstRender.bytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.bytes);
  });

  it('takes the resident to the delegates tab, the voting tab and the committee intro', async () => {
    const view = await renderPage('pages/home/home', { emulator, openid: 'home-resident' });

    await view.tap('.home__entry--delegates');
    await view.tap('.home__entry--voting');
    await view.tap('.home__more');

    expect(view.navigations).toEqual([
      { kind: 'switchTab', url: '/pages/delegates/delegates' },
      { kind: 'switchTab', url: '/pages/voting/voting' },
      { kind: 'navigateTo', url: '/packages/resident/about/about' },
    ]);
    expect(view.toasts).toEqual([]);
  });

  it('opens the station list, or says it is coming while that page is not shipped', async () => {
    const view = await renderPage('pages/home/home', { emulator, openid: 'home-resident' });

    await view.tap('.home__entry--stations');

    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/resident/stations/stations' }]);
    const shipped = fs.existsSync(path.join(MINIPROGRAM_ROOT, 'packages/resident/stations/stations.json'));
    expect(view.toasts).toEqual(shipped ? [] : ['该功能即将开放']);
  });

  it('takes a delegate to their inbox in one tap, with the waiting count on the 我的 tab (issue 13, item 8)', async () => {
    const delegateId = await becomeDelegate(emulator, 'home-delegate');
    await emulator.call('home-writer', 'messages.send', {
      delegateId,
      category: '环境卫生',
      title: '楼道堆物',
      body: '三楼楼道堆满杂物，存在消防隐患。',
      requestId: 'home-badge-1',
    } as never);
    const badges: Array<{ index: number; text: string }> = [];
    const phone = (globalThis as unknown as { wx: Record<string, (options: any) => unknown> }).wx;
    const original = phone.setTabBarBadge;
    phone.setTabBarBadge = (options: { index: number; text: string }) => void badges.push({ index: options.index, text: options.text });
    try {
      const view = await renderPage('pages/home/home', { emulator, openid: 'home-delegate' });
      expect(badges).toEqual([{ index: 3, text: '1' }]);
      await view.tap('.home__workbench');
      expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/delegate/inbox/inbox' }]);
    } finally {
      phone.setTabBarBadge = original;
    }
  });

  it("shows the server's own message when the platform cannot say who the caller is", async () => {
    const view = await renderPage('pages/home/home', { emulator, openid: '' });

    expect(view.apiCalls.find((call) => call.action === 'me.get')?.result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    });
    expect(view.text('.page-state')).toContain('无法识别您的身份');
    expect(view.has('.home__entry--delegates')).toBe(false);
  });

  it('retries a lost answer once, then says the network is poor; 重新加载 loads once it is back', async () => {
    const view = await renderPage('pages/home/home', { emulator, openid: 'home-resident', transport: 'local', online: false });

    expect(view.apiCalls).toEqual([]); // every request of the first screen was tried twice and lost
    expect(view.text('.page-state')).toContain('网络不给力，请稍后重试');

    view.setOnline(true);
    await view.tap('.page-state >>> .page-state__retry');
    expect(view.text('.home__greeting')).toBe('您好');
    expect(view.apiCalls.map((call) => call.action)).toContain('me.get');
  });
});
