import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { ok } from '../../../../cloud/messages-fixtures';
import { projectWithPlan } from '../../../projects-backend';

// 实事成效 (issue 11, item 6): the year's projects with status, percent, next checkpoint and a delayed
// badge, the year's summary, a tap to the project, and the open data.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('实事成效', () => {
  it('says so when the year has no project yet', async () => {
    const view = await renderPage('packages/resident/projects/projects', { emulator, openid: 'page-pj-resident' });
    expect(view.text('.page-state')).toContain('今年的民生实事还没有确定');
  });

  it('lists the projects with their state and opens one; the CSV is exported', async () => {
    const { projectId } = await projectWithPlan(emulator, 'page-pj-delegate');
    await ok(
      emulator.call(STAFF_OPENID, 'admin.projects.postUpdate', {
        id: projectId,
        body: '设计方案通过评审。',
        percent: 20,
        checkpointId: 'c1',
      }),
    );
    const view = await renderPage('packages/resident/projects/projects', { emulator, openid: 'page-pj-resident' });
    const text = view.text('.page-state');
    expect(text).toContain('老旧小区加装电梯');
    expect(text).toContain('实施中');
    expect(text).toContain('下一节点：开工建设');
    expect(text).toMatch(/民生实事 1 项，已完工 0 项/);
    expect(view.has('.page-state >>> .projects__delayed')).toBe(false);
    await view.tap('.page-state >>> .projects__row');
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/resident/project/project?id=${projectId}` }]);

    await view.tap('.page-state >>> .projects__download');
    const exported = view.apiCalls.find((c) => c.action === 'projects.export')!;
    expect(exported.result).toMatchObject({ ok: true, data: { csv: expect.stringContaining('设计方案通过评审') } });
  });

  it('shows the server message and recovers on 重新加载', async () => {
    const view = await renderPage('packages/resident/projects/projects', { emulator, openid: 'page-pj-resident', online: false });
    expect(view.text('.page-state')).toContain('网络不给力');
    view.setOnline(true);
    await view.tap('.page-state >>> .page-state__retry');
    expect(view.text('.page-state')).toContain('老旧小区加装电梯');
  });
});
