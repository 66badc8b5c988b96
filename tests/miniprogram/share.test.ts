import { renderPage } from '../support/miniprogram';
import { useDemoBackend } from './demo-backend';

// Campaign, results, delegate profile and wall pages share to chats and to 朋友圈 with a meaningful
// title and a path that opens the same content for someone new (issue 13, item 5, part).

const emulator = useDemoBackend();

test("a delegate's profile shares their name and a path that opens it again", async () => {
  const view = await renderPage('packages/resident/delegate/delegate', {
    emulator: emulator(),
    openid: 'demo-resident',
    options: { id: 'd01' },
  });
  const chat = (view.page.instance as any).onShareAppMessage();
  expect(chat).toEqual({ title: '周建国代表：有事可以找我留言', path: '/packages/resident/delegate/delegate?id=d01' });
  expect((view.page.instance as any).onShareTimeline()).toEqual({ title: chat.title, query: 'id=d01' });

  // Someone who never used the mini-program opens the shared path: the page loads from its query alone.
  const opened = await renderPage('packages/resident/delegate/delegate', {
    emulator: emulator(),
    openid: 'first-visit',
    options: { id: 'd01' },
  });
  expect(opened.text()).toContain('周建国');
});

test("a delegate's annual report shares to a chat and to 朋友圈, and opens for someone new", async () => {
  const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
  const view = await renderPage('packages/resident/report/report', {
    emulator: emulator(),
    openid: 'demo-resident',
    options: { delegateId: 'd01', year },
  });
  const chat = (view.page.instance as any).onShareAppMessage();
  expect(chat).toEqual({ title: `周建国代表 ${year} 年履职报告`, path: `/packages/resident/report/report?delegateId=d01&year=${year}` });
  expect((view.page.instance as any).onShareTimeline()).toEqual({ title: chat.title, query: `delegateId=d01&year=${year}` });

  const opened = await renderPage('packages/resident/report/report', {
    emulator: emulator(),
    openid: 'first-visit-report',
    options: { delegateId: 'd01', year },
  });
  expect(opened.text()).toContain(`${year} 年度履职报告`);
  expect(opened.text()).toContain('周建国 代表');
});

test('the wall shares without a query', async () => {
  const view = await renderPage('packages/resident/wall/wall', { emulator: emulator(), openid: 'demo-resident' });
  expect((view.page.instance as any).onShareAppMessage()).toEqual({
    title: '留言墙：代表办结的群众留言',
    path: '/packages/resident/wall/wall',
  });
  expect((view.page.instance as any).onShareTimeline()).toEqual({ title: '留言墙：代表办结的群众留言', query: '' });
});

test('pages with nothing to share to outsiders offer no share', async () => {
  const view = await renderPage('packages/resident/messages/messages', { emulator: emulator(), openid: 'demo-resident' });
  expect((view.page.instance as any).onShareAppMessage).toBeUndefined();
});
