import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, ok } from '../../../../cloud/messages-fixtures';

// 履职统计 (issue 12, items 2 and 6): staff set the year's duty list and see every group and delegate;
// a group's liaison sees only their groups, and reaches their overdue messages from here.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const $ = (selector: string) => `.page-state >>> ${selector}`;
let mine: { delegateId: string; groupId: string };
let other: { delegateId: string; groupId: string };

beforeAll(async () => {
  emulator = await startTestEmulator();
  mine = await boundDelegate(emulator, 'page-st-delegate', '施统计');
  other = await boundDelegate(emulator, 'page-st-other', '孔别组');
  await ok(emulator.call(STAFF_OPENID, 'admin.groups.update', { id: mine.groupId, liaisonOpenid: 'page-st-liaison' }));
  await ok(
    emulator.call('page-st-delegate', 'duties.log', {
      kind: '接待选民',
      date: today(),
      summary: '在联络站接待选民，记录诉求。',
      isPublic: true,
    }),
  );
});
afterAll(() => emulator.stop());

describe('履职统计', () => {
  it('staff set the duty list (a bad figure under the form) and see each group and delegate against it', async () => {
    const view = await renderPage('packages/admin/duties/duties', { emulator, openid: STAFF_OPENID });
    expect(view.text($('.duty-stats__targets'))).toContain('尚未设定');
    expect(view.text($(`.duty-stats__delegate--${other.delegateId}`))).toContain('履职 0 项');

    await view.tap($('.duty-stats__edit'));
    await view.fire($('.duty-stats__field--0'), 'change', { value: '0' });
    await view.tap($('.duty-stats__save'));
    expect(view.text($('.duty-stats__error'))).toContain('「接待选民」的次数请填写 1 以上的整数');
    await view.fire($('.duty-stats__field--0'), 'change', { value: '1' });
    await view.fire($('.duty-stats__field--4'), 'change', { value: '2' });
    await view.tap($('.duty-stats__save'));
    expect(view.toasts).toContain('履职清单已保存');
    expect(view.text($('.duty-stats__targets'))).toContain('接待选民 ≥ 1，参加会议 ≥ 2');
    expect(view.text($(`.duty-stats__delegate--${mine.delegateId}`))).toContain('清单 1/2');
    expect((await emulator.collection('audit')).some((a) => a.action === 'admin.duties.setTargets')).toBe(true);

    // A group narrows the delegates; a delegate opens their report.
    await view.tap($(`.duty-stats__group--${mine.groupId}`));
    expect(view.has($(`.duty-stats__delegate--${other.delegateId}`))).toBe(false);
    await view.tap($(`.duty-stats__delegate--${mine.delegateId}`));
    expect(view.navigations).toEqual([
      { kind: 'navigateTo', url: `/packages/resident/report/report?delegateId=${mine.delegateId}&year=${year}` },
    ]);
  });

  it('a liaison sees only the groups they follow, cannot set the list, and reaches the overdue messages', async () => {
    const view = await renderPage('packages/admin/duties/duties', { emulator, openid: 'page-st-liaison' });
    expect(view.has($(`.duty-stats__group--${mine.groupId}`))).toBe(true);
    expect(view.has($(`.duty-stats__group--${other.groupId}`))).toBe(false);
    expect(view.has($(`.duty-stats__delegate--${other.delegateId}`))).toBe(false);
    expect(view.has($('.duty-stats__edit'))).toBe(false);
    await view.tap($('.duty-stats__overdue'));
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/admin/overdue/overdue' }]);
  });

  it('a liaison follows their groups’ open 督办 tasks: empty, loading, failed and retried, then listed', async () => {
    const tasks = $('.duty-stats__tasks');
    const empty = await renderPage('packages/admin/duties/duties', { emulator, openid: 'page-st-liaison' });
    expect(empty.text(tasks)).toContain('您联系的小组暂无待督办的民生实事');
    empty.detach();

    // This even month's 督办 of a project each group supervises, as the timer opens them (projects/cycle.ts).
    const task = (groupId: string, title: string) => ({
      _id: `pj-st-${groupId}:2026-06`,
      streetId: 'default',
      kind: 'supervise',
      month: '2026-06',
      projectId: `pj-st-${groupId}`,
      projectTitle: title,
      groupId,
      groupName: '统计',
      status: 'open',
      openedAt: { $date: '2026-05-31T16:05:00.000Z' },
    });
    const imported = await fetch(`${emulator.url}/_emulator/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        collections: { projectTasks: [task(mine.groupId, '背街小巷整治'), task(other.groupId, '口袋公园')] },
      }),
    });
    expect(imported.status).toBe(200);

    const view = await renderPage('packages/admin/duties/duties', { emulator, openid: 'page-st-liaison' });
    expect(view.text(tasks)).toContain('背街小巷整治');
    expect(view.text(tasks)).toContain('6月督办');
    expect(view.text(tasks)).not.toContain('口袋公园');

    // The list fails on its own (the statistics stay), shows the spinner while it asks again, and a retry loads it.
    view.setOnline(false);
    const asking = (view.page.instance.onRetryTasks as () => Promise<void>)();
    expect(view.text(tasks)).toContain('加载中');
    await asking;
    await view.wait();
    expect(view.text(tasks)).toContain('网络');
    expect(view.has($(`.duty-stats__group--${mine.groupId}`))).toBe(true);
    view.setOnline(true);
    await view.tap($('.duty-stats__tasks-state >>> .page-state__retry'));
    expect(view.text(tasks)).toContain('背街小巷整治');

    // Following, not recording: a task opens the project's page.
    expect(view.texts($('.duty-stats__task'))).toHaveLength(1);
    await view.tap($('.duty-stats__task--0'));
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/resident/project/project?id=pj-st-${mine.groupId}` }]);
  });

  it('anyone else is told plainly', async () => {
    const view = await renderPage('packages/admin/duties/duties', { emulator, openid: 'page-st-resident' });
    expect(view.text()).toContain('只有工作人员和小组联系委员可以查看履职统计');
  });
});
