import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, ok } from '../../../../cloud/messages-fixtures';

// 履职动态 (issue 12, item 5): public entries and staff news, newest first, 20 a page; a delegate's
// entry opens their report. 首页 shows the newest under 武进云上人大.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
let delegateId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  delegateId = (await boundDelegate(emulator, 'page-fd-delegate', '华动态')).delegateId;
});
afterAll(() => emulator.stop());

describe('履职动态', () => {
  it('is empty at first, then lists entries and news newest first, a page at a time', async () => {
    expect((await renderPage('packages/resident/feed/feed', { emulator, openid: 'page-fd-resident' })).text()).toContain('还没有履职动态');
    for (let i = 1; i <= 21; i++)
      await ok(
        emulator.call('page-fd-delegate', 'duties.log', {
          kind: '走访调研',
          date: today(),
          summary: `第 ${i} 次走访社区，记录意见。`,
          isPublic: true,
        }),
      );
    await ok(
      emulator.call('page-fd-delegate', 'duties.log', {
        kind: '参加会议',
        date: today(),
        summary: '不公开的内部会议记录。',
        isPublic: false,
      }),
    );
    await ok(emulator.call(STAFF_OPENID, 'admin.news.post', { title: '工委召开履职交流会', body: '各专业代表小组交流一年来的履职情况。' }));

    const view = await renderPage('packages/resident/feed/feed', { emulator, openid: 'page-fd-resident' });
    const titles = view.texts('.page-state >>> .feed-item__title');
    expect(titles).toHaveLength(20);
    expect(titles[0]).toBe('工委召开履职交流会');
    expect(titles[1]).toBe('华动态 · 走访调研');
    expect(view.text()).not.toContain('内部会议');
    await view.lifecycle('onReachBottom');
    expect(view.texts('.page-state >>> .feed-item__title')).toHaveLength(22);

    await view.tap('.page-state >>> .feed__row--' + (await ok(emulator.call('x', 'duties.feed', {}))).items[1].id + ' >>> .feed-item');
    const year = today().slice(0, 4);
    expect(view.navigations).toEqual([
      { kind: 'navigateTo', url: `/packages/resident/report/report?delegateId=${delegateId}&year=${year}` },
    ]);
  });

  it('首页 shows the newest items under 武进云上人大 and opens the feed', async () => {
    const home = await renderPage('pages/home/home', { emulator, openid: 'page-fd-resident' });
    expect(home.text('.page-state >>> .home__cloud')).toContain('武进云上人大');
    expect(home.texts('.page-state >>> .feed-item__title')[0]).toBe('工委召开履职交流会');
    await home.tap('.page-state >>> .home__feed-more');
    expect(home.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/resident/feed/feed' }]);
  });
});
