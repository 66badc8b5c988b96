import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, ok } from '../../../../cloud/messages-fixtures';
import { inDays, projectWithPlan } from '../../../projects-backend';

// 实事成效 · one project (issue 11, items 5 and 6): the plan, the timeline of updates with photos, 督办
// findings and answers, follow and share for anyone; delegates rate a completed project once (confirmed
// first), staff close a 督办 request with the unit's answer and accept the project, publishing the rating.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let projectId: string;
beforeAll(async () => {
  emulator = await startTestEmulator();
  ({ projectId } = await projectWithPlan(emulator, 'page-p-delegate'));
  await boundDelegate(emulator, 'page-p-other', '钱测评');
  await ok(
    emulator.call(STAFF_OPENID, 'admin.projects.postUpdate', {
      id: projectId,
      body: '完成设计，一号楼开始施工。',
      percent: 40,
      checkpointId: 'c1',
      photos: ['cloud://demo/projects/site.jpg'],
    }),
  );
  await ok(
    emulator.call('page-p-delegate', 'supervisions.record', {
      projectId,
      date: inDays(0),
      findings: '施工有序，围挡占用人行道。',
      rating: 'minor_issues',
      requests: [{ text: '调整围挡，留出人行通道', dueAt: inDays(10) }],
    }),
  );
});
afterAll(() => emulator.stop());

describe('实事成效 · 项目', () => {
  it('shows the plan, the timeline with photos and the 督办; a resident follows and shares it', async () => {
    const view = await renderPage('packages/resident/project/project', { emulator, openid: 'page-p-resident', options: { id: projectId } });
    const text = view.text('.page-state');
    for (const words of [
      '街道城管科',
      '成立工作专班',
      '完成设计',
      '完成设计，一号楼开始施工。',
      '进度 40%',
      '存在问题',
      '调整围挡，留出人行通道',
      '办理中',
    ])
      expect(text).toContain(words);
    expect(view.has('.page-state >>> .project__photo')).toBe(true);
    expect(view.has('.page-state >>> .project__work')).toBe(false);
    expect(view.has('.page-state >>> .project__rate')).toBe(false);

    await view.tap('.page-state >>> .project__follow');
    expect(view.toasts).toContain('已关注');
    expect(view.text('.page-state >>> .project__follow')).toContain('已关注');
    expect((await ok(emulator.call('page-p-resident', 'projects.get', { id: projectId }))).following).toBe(true);

    const chat = (view.page.instance as any).onShareAppMessage();
    expect(chat).toEqual({ title: '民生实事：老旧小区加装电梯', path: `/packages/resident/project/project?id=${projectId}` });
  });

  it('staff close a 督办 request with the unit’s answer, and find the way to the plan, an update and a 督办', async () => {
    const view = await renderPage('packages/resident/project/project', { emulator, openid: STAFF_OPENID, options: { id: projectId } });
    await view.tap('.page-state >>> .project__post-update');
    expect(view.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/admin/project-update/project-update?id=${projectId}` });
    await view.tap('.page-state >>> .project__edit-plan');
    expect(view.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/admin/project-plan/project-plan?id=${projectId}` });

    await view.tap('.page-state >>> .project__answer-start');
    await view.fire('.page-state >>> .project__answer-text', 'change', { value: '已将围挡后移 1.5 米。' });
    await view.tap('.page-state >>> .project__answer-confirm');
    expect(view.toasts).toContain('已登记答复');
    expect(view.text('.page-state')).toContain('答复：已将围挡后移 1.5 米。');
    expect(view.has('.page-state >>> .project__answer-start')).toBe(false);
  });

  it('once completed, a delegate rates after confirming (a cancel writes nothing); staff accept and the rating is public', async () => {
    await ok(
      emulator.call(STAFF_OPENID, 'admin.projects.postUpdate', {
        id: projectId,
        body: '全部电梯投入使用。',
        percent: 100,
        checkpointId: 'c2',
      }),
    );
    const view = await renderPage('packages/resident/project/project', { emulator, openid: 'page-p-other', options: { id: projectId } });
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .project__rate--basically_satisfied');
    expect(view.modals.pop()).toMatchObject({ title: '满意度测评' });
    expect(view.apiCalls.filter((c) => c.action === 'projects.rate')).toHaveLength(0);
    await view.tap('.page-state >>> .project__rate--basically_satisfied');
    expect(view.toasts).toContain('已提交测评');
    expect(view.text('.page-state')).toContain('您的测评：基本满意');
    expect(view.has('.page-state >>> .project__rate')).toBe(false);

    const staff = await renderPage('packages/resident/project/project', { emulator, openid: STAFF_OPENID, options: { id: projectId } });
    await staff.tap('.page-state >>> .project__accept');
    expect(staff.toasts).toContain('已验收');
    expect(staff.text('.page-state')).toContain('基本满意 1 人');
    expect(staff.text('.page-state')).toContain('已验收');
  });

  it('an unknown project says so', async () => {
    const view = await renderPage('packages/resident/project/project', {
      emulator,
      openid: 'page-p-resident',
      options: { id: 'pj-nobody' },
    });
    expect(view.text('.page-state')).toContain('项目不存在');
  });
});
