import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { ok } from '../../../../cloud/messages-fixtures';
import { projectWithPlan, untilTask } from '../../../projects-backend';

// 发布进展 (issue 11, items 3 and 7): the update composer with photos; a lower percent asks for its
// reason; the checkpoint reached is chosen from the plan; publishing is confirmed and tells followers.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let projectId: string;
beforeAll(async () => {
  emulator = await startTestEmulator();
  ({ projectId } = await projectWithPlan(emulator, 'page-up-delegate'));
  await ok(emulator.call('page-up-follower', 'projects.follow', { id: projectId, follow: true }));
  await ok(emulator.call(STAFF_OPENID, 'admin.projects.postUpdate', { id: projectId, body: '完成招标。', percent: 30 }));
});
afterAll(() => emulator.stop());

describe('发布进展', () => {
  it('publishes with a photo and a checkpoint after confirming; a lower percent needs a reason', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'yzt-project-'));
    const photo = path.join(folder, 'site.jpg');
    fs.writeFileSync(photo, Buffer.from('bytes of a site photo'));
    const view = await renderPage('packages/admin/project-update/project-update', {
      emulator,
      openid: STAFF_OPENID,
      options: { id: projectId },
    });
    expect(view.text('.page-state')).toContain('上次公布的进度：30%');
    await view.fire('.page-state >>> .update__body', 'change', { value: '设计通过评审，一号楼进场施工。' });
    await view.fire('.page-state >>> .update__percent', 'change', { value: 20 });
    await view.tap('.page-state >>> .update__publish');
    expect(view.text('.page-state >>> .update__error')).toContain('请填写下调理由');
    expect(view.apiCalls.filter((c) => c.action === 'admin.projects.postUpdate')).toHaveLength(0);

    await view.fire('.page-state >>> .update__percent', 'change', { value: 45 });
    await view.tap('.page-state >>> .update__checkpoint--c1');
    view.choosePhotos([photo]);
    await view.tap('.page-state >>> .update__photos >>> .t-upload__add-icon');
    expect(view.page.querySelectorAll('.page-state >>> .update__photos >>> .t-upload__close-btn')).toHaveLength(1);
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .update__publish');
    expect(view.apiCalls.filter((c) => c.action === 'admin.projects.postUpdate')).toHaveLength(0);
    await view.tap('.page-state >>> .update__publish');
    expect(view.toasts).toContain('进展已发布');

    const detail = await ok(emulator.call('anyone', 'projects.get', { id: projectId }));
    expect(detail.updates[0]).toMatchObject({ percent: 45, checkpointTitle: '完成设计', photos: [expect.stringMatching(/^cloud:\/\//)] });
    const told = (await emulator.collection('outbox')).filter((o) => o.kind === 'project.update' && o.recipient === 'page-up-follower');
    expect(told).toHaveLength(2);
  });

  it('starts from the month’s prefilled draft when opened from a 单月公告 task', async () => {
    // Past the first of the next odd month in Shanghai, the timer opens the announcement task with its draft.
    await untilTask(emulator, projectId, 'announce');
    const view = await renderPage('packages/admin/project-update/project-update', {
      emulator,
      openid: STAFF_OPENID,
      options: { id: projectId, draft: '1' },
    });
    const body = (view.page as any).data.body as string;
    expect(body).toContain('【民生实事进展公告】老旧小区加装电梯');
    expect(body).toContain('当前进度：45%');
    await view.tap('.page-state >>> .update__publish');
    expect(view.toasts).toContain('进展已发布');
    const task = (await emulator.collection('projectTasks')).find((t) => t.projectId === projectId && t.kind === 'announce')!;
    expect(task.status).toBe('done');
  });

  it('is closed to residents: the composer is not offered', async () => {
    const view = await renderPage('packages/admin/project-update/project-update', {
      emulator,
      openid: 'page-up-resident',
      options: { id: projectId },
    });
    expect(view.text('.page-state')).toContain('只有工作人员可以为实施中的项目发布进展');
    expect(view.has('.page-state >>> .update__publish')).toBe(false);
  });
});
