import { renderPage } from '../../../../support/miniprogram';

// The committee has one name, and the page promises only what the mini-program does (issue 13, item 10).

test('the about page names the committee one way and promises only what is built', async () => {
  const view = await renderPage('packages/resident/about/about', {});
  expect(view.text()).toContain('街道人大工委');
  expect(view.text()).not.toContain('人大街道工委');
  // Implementation plans and 单月公告、双月督办 come with the projects capability (issue 11).
  expect(view.text()).not.toContain('实施计划');
  expect(view.text()).not.toContain('双月督办');
  await view.tap('.about__delegates');
  expect(view.navigations.map((n) => n.url)).toContain('/pages/delegates/delegates');
});
