import { STAFF_OPENID, startTestEmulator } from '../../../support/emulator';
import { FIRST_SCREEN_BUDGET, renderPage } from '../../../support/miniprogram';
import { ok } from '../../../cloud/messages-fixtures';
import { projectWithPlan } from '../../projects-backend';
import { shanghai } from '../../../../cloudfunctions/api/src/platform/time';

// 首页 and 投票 lead to 实事成效 (issue 11, item 6); 首页 carries the year's line (N projects, completed, on time).

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('实事成效 from 首页 and 投票', () => {
  it('首页 explains it before any project, then shows the year’s line, and opens 实事成效; within the budget', async () => {
    const before = await renderPage('pages/home/home', { emulator, openid: 'home-pj-resident' });
    expect(before.text('.home__projects')).toContain('一个项目一份方案');

    const { projectId } = await projectWithPlan(emulator, 'home-pj-delegate');
    await ok(
      emulator.call(STAFF_OPENID, 'admin.projects.postUpdate', { id: projectId, body: '设计完成。', percent: 50, checkpointId: 'c1' }),
    );
    await ok(
      emulator.call(STAFF_OPENID, 'admin.projects.postUpdate', { id: projectId, body: '全部完工。', percent: 100, checkpointId: 'c2' }),
    );
    const view = await renderPage('pages/home/home', { emulator, openid: 'home-pj-resident' });
    const year = shanghai(Date.now()).year();
    expect(view.text('.home__projects')).toContain(`${year} 年民生实事 1 项，已完工 1 项，按期完成 1 项`);
    expect(view.setDataStats.firstRender.calls).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET.calls);
    await view.tap('.home__projects');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/resident/projects/projects' }]);
  });

  it('the 投票 tab leads there too', async () => {
    const view = await renderPage('pages/voting/voting', { emulator, openid: 'home-pj-resident' });
    await view.tap('.voting__projects');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/resident/projects/projects' }]);
  });
});
