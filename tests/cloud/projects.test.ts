import { shanghai } from '../../cloudfunctions/api/src/platform/time';
import { startTestEmulator } from '../support/emulator';
import { failure, snapshot } from './directory-fixtures';
import { newRequestId } from './messages-fixtures';
import { boundDelegate, EARLY_CLOSE, ok, openCampaign, STAFF, type TestEmulator } from './voting-fixtures';

// 民生实事 after the vote (issue 11): the whole loop against the emulator — a selected project gets its
// plan, revisions are kept, updates tell followers, the group's delegates 督办 with tracked requests,
// overdue items remind then escalate, the first of a Shanghai month opens 单月公告 / 双月督办 tasks,
// delegates rate and staff accept; the public reads it all and downloads it without personal data.

const DAY = 24 * 3600_000;
let emulator: TestEmulator;
let groupId: string;
let otherGroupId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  groupId = (await ok(emulator.call(STAFF, 'admin.groups.create', { name: '城乡建设组', liaisonOpenid: 'pj-liaison' }))).id;
  otherGroupId = (await ok(emulator.call(STAFF, 'admin.groups.create', { name: '社会事业组' }))).id;
  await boundDelegate(emulator, 'pj-member', '顾督办', groupId);
  await boundDelegate(emulator, 'pj-member-2', '沈督办', groupId);
  await boundDelegate(emulator, 'pj-outsider', '钱其他', otherGroupId);
}, 120_000);
afterAll(() => emulator?.stop());

async function clockNow(): Promise<Date> {
  const answer = (await (await fetch(`${emulator.url}/_emulator/clock`)).json()) as { now: string };
  return new Date(answer.now);
}
const inDays = async (days: number) => new Date((await clockNow()).getTime() + days * DAY).toISOString();

async function newProject(title = '老旧小区加装电梯'): Promise<string> {
  return (
    await ok(emulator.call(STAFF, 'admin.projects.create', { title, summary: '代表票决确定的实事项目', category: '城市建设', budget: 120 }))
  ).id;
}

async function plan(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    responsibleUnit: '街道城管科',
    contact: '城管科 0519-88812301',
    budget: 120,
    startAt: await inDays(-1),
    deadline: await inDays(200),
    safeguards: ['成立工作专班', '每周调度'],
    groupId,
    checkpoints: [
      { title: '完成设计', dueAt: await inDays(60) },
      { title: '开工建设', dueAt: await inDays(120) },
    ],
    ...over,
  };
}

describe('a project from the vote to the plan', () => {
  it('a campaign selection adopts the project; a re-selection keeps its plan and unselecting a planned one is refused', async () => {
    const campaign = await openCampaign(emulator);
    await ok(emulator.call('pj-voter', 'votes.cast', { campaignId: campaign.id, projectIds: [campaign.projectIds[0]] }));
    await ok(emulator.call(STAFF, 'admin.campaigns.close', { id: campaign.id, ...EARLY_CLOSE }));
    await ok(emulator.call(STAFF, 'admin.campaigns.publish', { id: campaign.id }));
    await ok(emulator.call(STAFF, 'admin.campaigns.select', { id: campaign.id, projectIds: [campaign.projectIds[0]] }));
    const id = `${campaign.id}:${campaign.projectIds[0]}`;
    expect((await ok(emulator.call('anyone', 'projects.get', { id }))).project).toMatchObject({ status: 'planning', votes: 1, percent: 0 });

    await ok(emulator.call(STAFF, 'admin.projects.savePlan', await plan(id)));
    await ok(emulator.call(STAFF, 'admin.campaigns.select', { id: campaign.id, projectIds: [campaign.projectIds[0]] }));
    expect((await ok(emulator.call('anyone', 'projects.get', { id }))).plan).toMatchObject({ responsibleUnit: '街道城管科' });
    expect(await failure(emulator.call(STAFF, 'admin.campaigns.select', { id: campaign.id, projectIds: [] }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      field: 'projectIds',
    });
  });

  it('refuses a bad plan with a Chinese message naming the field, writing nothing', async () => {
    const id = await newProject('口袋公园');
    const before = await snapshot(emulator, 'projects', 'audit', 'requests');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ startAt: await inDays(300) }, 'startAt', '开始日期'],
      [{ deadline: await inDays(-2), startAt: await inDays(-10) }, 'deadline', '完成期限'],
      [{ checkpoints: [{ title: '竣工', dueAt: await inDays(400) }] }, 'checkpoints.0.dueAt', '晚于完成期限'],
      [{ groupId: 'g-nobody' }, 'groupId', '代表小组不存在'],
      [{ safeguards: [] }, 'safeguards', '保障措施'],
      [{ checkpoints: [] }, 'checkpoints', '节点'],
    ];
    for (const [over, field, words] of cases) {
      const refused = await failure(emulator.call(STAFF, 'admin.projects.savePlan', await plan(id, over)));
      expect(refused).toMatchObject({ code: 'INVALID_ARGUMENT', field });
      expect(refused.message).toContain(words);
    }
    expect(await failure(emulator.call('pj-member', 'admin.projects.savePlan', await plan(id)))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(await snapshot(emulator, 'projects', 'audit', 'requests')).toBe(before);
  });

  it('a revision needs a reason and keeps the earlier plan and the checkpoints reached', async () => {
    const id = await newProject('社区长者食堂');
    const { checkpointIds } = await ok(emulator.call(STAFF, 'admin.projects.savePlan', await plan(id)));
    expect(checkpointIds).toEqual(['c1', 'c2']);
    await ok(emulator.call(STAFF, 'admin.projects.postUpdate', { id, body: '设计方案已通过评审。', percent: 20, checkpointId: 'c1' }));
    const revised = await plan(id, {
      checkpoints: [
        { id: 'c1', title: '完成设计', dueAt: await inDays(60) },
        { title: '场地改造', dueAt: await inDays(150) },
      ],
      deadline: await inDays(250),
    });
    expect(await failure(emulator.call(STAFF, 'admin.projects.savePlan', revised))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'reason',
    });
    const dropped = await plan(id, { reason: '调整节点', checkpoints: [{ title: '场地改造', dueAt: await inDays(150) }] });
    expect((await failure(emulator.call(STAFF, 'admin.projects.savePlan', dropped))).message).toContain('已完成的节点「完成设计」不能删除');
    expect(await ok(emulator.call(STAFF, 'admin.projects.savePlan', { ...revised, reason: '场地需先行改造，工期顺延' }))).toEqual({
      checkpointIds: ['c1', 'c4'],
    });
    const detail = await ok(emulator.call('anyone', 'projects.get', { id }));
    expect(detail.plan).toMatchObject({ revision: 2, reason: '场地需先行改造，工期顺延' });
    expect(detail.plan.checkpoints.map((c: any) => [c.title, Boolean(c.doneAt)])).toEqual([
      ['完成设计', true],
      ['场地改造', false],
    ]);
    expect(detail.revisions.map((r: any) => r.revision)).toEqual([1]);
  });
});

describe('progress, followers and 督办', () => {
  let id: string;
  beforeAll(async () => {
    id = await newProject('学校周边停车');
    await ok(emulator.call(STAFF, 'admin.projects.savePlan', await plan(id)));
  });

  it('updates: percent in range, never down without a reason, a checkpoint once; followers told with projectUpdate', async () => {
    expect(await ok(emulator.call('pj-follower', 'projects.follow', { id, follow: true }))).toEqual({ following: true });
    expect((await ok(emulator.call('pj-follower', 'projects.get', { id }))).following).toBe(true);
    const requestId = newRequestId();
    const first = await ok(
      emulator.call(STAFF, 'admin.projects.postUpdate', {
        id,
        body: '完成现场勘察和方案设计。',
        percent: 30,
        checkpointId: 'c1',
        requestId,
      }),
    );
    // A repeat of the same request gets the first answer and writes nothing more.
    const state = await snapshot(emulator, 'projects', 'outbox');
    expect(
      await ok(
        emulator.call(STAFF, 'admin.projects.postUpdate', {
          id,
          body: '完成现场勘察和方案设计。',
          percent: 30,
          checkpointId: 'c1',
          requestId,
        }),
      ),
    ).toEqual(first);
    expect(await snapshot(emulator, 'projects', 'outbox')).toBe(state);

    const before = await snapshot(emulator, 'projects');
    expect(await failure(emulator.call(STAFF, 'admin.projects.postUpdate', { id, body: '数据更正一下。', percent: 101 }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'percent',
    });
    const down = await failure(emulator.call(STAFF, 'admin.projects.postUpdate', { id, body: '数据更正一下。', percent: 10 }));
    expect(down).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'percent' });
    expect(down.message).toContain('30%');
    expect(
      await failure(emulator.call(STAFF, 'admin.projects.postUpdate', { id, body: '再次完成设计。', percent: 40, checkpointId: 'c1' })),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'checkpointId' });
    expect(
      (await failure(emulator.call(STAFF, 'admin.projects.postUpdate', { id, body: '全部完工了。', percent: 100 }))).message,
    ).toContain('开工建设');
    expect(await snapshot(emulator, 'projects')).toBe(before);
    await ok(emulator.call(STAFF, 'admin.projects.postUpdate', { id, body: '复核后工程量有调整。', percent: 25, reason: '设计变更' }));

    const told = (await emulator.collection('outbox')).filter((o) => o.kind === 'project.update' && o.recipient === 'pj-follower');
    expect(told).toHaveLength(2);
    expect(told[0]).toMatchObject({ templateKey: 'projectUpdate', page: `packages/resident/project/project?id=${id}` });
    const detail = await ok(emulator.call('anyone', 'projects.get', { id }));
    expect(detail.project).toMatchObject({ percent: 25, status: 'in_progress', nextCheckpoint: { title: '开工建设' }, delayed: false });
    expect(detail.updates.map((u: any) => [u.percent, u.reason ?? null, u.checkpointTitle ?? null])).toEqual([
      [25, '设计变更', null],
      [30, null, '完成设计'],
    ]);
    await ok(emulator.call('pj-follower', 'projects.follow', { id, follow: false }));
    expect((await ok(emulator.call('pj-follower', 'projects.get', { id }))).following).toBe(false);
  });

  it('督办: staff or the supervising group’s delegates record; others are refused; requests close with the answer', async () => {
    const visit = async () => ({
      projectId: id,
      date: await inDays(0),
      participants: '城乡建设组代表 3 人、街道城管科',
      findings: '现场施工有序，但围挡占用人行道。',
      rating: 'minor_issues' as const,
      requests: [{ text: '调整围挡，留出人行通道', dueAt: await inDays(10) }],
    });
    const before = await snapshot(emulator, 'projects');
    expect(await failure(emulator.call('pj-outsider', 'supervisions.record', await visit()))).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await failure(emulator.call('pj-resident', 'supervisions.record', await visit()))).toMatchObject({ code: 'PERMISSION_DENIED' });
    const badDue = { ...(await visit()), requests: [{ text: '调整围挡', dueAt: await inDays(-3) }] };
    expect(await failure(emulator.call('pj-member', 'supervisions.record', badDue))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'requests.0.dueAt',
    });
    expect(await snapshot(emulator, 'projects')).toBe(before);

    const recorded = await ok(emulator.call('pj-member', 'supervisions.record', await visit()));
    expect(recorded).toEqual({ id: expect.stringMatching(/^s\d+$/), requestIds: [expect.stringMatching(/^r\d+$/)] });
    const [itemId] = recorded.requestIds;
    expect(
      await failure(emulator.call('pj-member', 'admin.supervisions.closeRequest', { projectId: id, itemId, answer: '已调整' })),
    ).toMatchObject({ code: 'PERMISSION_DENIED' });
    await ok(emulator.call(STAFF, 'admin.supervisions.closeRequest', { projectId: id, itemId, answer: '已将围挡后移 1.5 米。' }));
    expect(
      await failure(emulator.call(STAFF, 'admin.supervisions.closeRequest', { projectId: id, itemId, answer: '再次办结' })),
    ).toMatchObject({ code: 'FAILED_PRECONDITION' });
    const detail = await ok(emulator.call('anyone', 'projects.get', { id }));
    expect(detail.supervisions[0]).toMatchObject({
      rating: 'minor_issues',
      recordedBy: 'delegate',
      requests: [{ status: 'closed', answer: '已将围挡后移 1.5 米。' }],
    });
    expect(JSON.stringify(detail)).not.toContain('pj-member');
  });

  it('a delegate’s 督办 text the content check holds is public only once staff approve it; rejected, never', async () => {
    const visit = async (findings: string) => ({
      projectId: id,
      date: await inDays(0),
      findings,
      rating: 'on_track' as const,
      requests: [],
    });
    const shown = async () => (await ok(emulator.call('anyone', 'projects.get', { id }))).supervisions.map((s: any) => s.findings);
    const recorded = await ok(emulator.call('pj-member', 'supervisions.record', await visit('施工队说有事加微信联系我')));
    expect(recorded).toMatchObject({ held: true });
    expect(await shown()).not.toContain('施工队说有事加微信联系我');
    const staffView = await ok(emulator.call(STAFF, 'projects.get', { id }));
    expect(staffView.supervisions.find((s: any) => s.id === recorded.id)).toMatchObject({ held: true });
    const csv = (await ok(emulator.call('anyone', 'projects.export', {}))).csv;
    expect(csv).not.toContain('施工队说有事加微信联系我');

    const item = (await ok(emulator.call(STAFF, 'admin.moderation.list', {}))).items.find((i: any) => i.kind === 'supervision');
    expect(item).toMatchObject({ subjectId: id, text: expect.stringContaining('加微信') });
    await ok(emulator.call(STAFF, 'admin.moderation.approve', { id: item.id }));
    expect(await shown()).toContain('施工队说有事加微信联系我');

    const second = await ok(emulator.call('pj-member', 'supervisions.record', await visit('另一条，加微信详谈')));
    const other = (await ok(emulator.call(STAFF, 'admin.moderation.list', {}))).items.find(
      (i: any) => i.kind === 'supervision' && i.text.includes('另一条'),
    );
    await ok(emulator.call(STAFF, 'admin.moderation.reject', { id: other.id, reason: '含联系方式' }));
    expect(await shown()).not.toContain('另一条，加微信详谈');
    expect((await ok(emulator.call(STAFF, 'projects.get', { id }))).supervisions.map((s: any) => s.id)).not.toContain(second.id);
  });
});

describe('overdue items remind once, then escalate after 7 days', () => {
  it('an overdue checkpoint reminds the planner and the liaison once, and escalates a week later', async () => {
    const id = await newProject('背街小巷整治');
    await ok(
      emulator.call(STAFF, 'admin.projects.savePlan', await plan(id, { checkpoints: [{ title: '完成摸排', dueAt: await inDays(2) }] })),
    );
    const notices = async () =>
      (await emulator.collection('outbox'))
        .filter((o) => String(o.dedupeKey).startsWith(`project:${id}:cp:`))
        .map((o) => [o.kind, o.recipient])
        .sort();
    await emulator.timer();
    expect(await notices()).toEqual([]);
    await emulator.advanceClock(3 * DAY);
    await emulator.timer();
    await emulator.timer();
    expect(await notices()).toEqual([
      ['project.overdue', 'pj-liaison'],
      ['project.overdue', STAFF],
    ]);
    expect((await ok(emulator.call('anyone', 'projects.get', { id }))).project.delayed).toBe(true);
    await emulator.advanceClock(7 * DAY);
    await emulator.timer();
    await emulator.timer();
    expect(await notices()).toEqual([
      ['project.escalated', 'pj-liaison'],
      ['project.escalated', STAFF],
      ['project.overdue', 'pj-liaison'],
      ['project.overdue', STAFF],
    ]);
  });
});

describe('the first of the month in Asia/Shanghai', () => {
  it('opens 单月公告 tasks with a draft in odd months and 督办 tasks that tell the group in even months, once', async () => {
    const id = await newProject('河道生态修复');
    await ok(
      emulator.call(
        STAFF,
        'admin.projects.savePlan',
        await plan(id, { deadline: await inDays(400), checkpoints: [{ title: '清淤', dueAt: await inDays(380) }] }),
      ),
    );
    await ok(emulator.call(STAFF, 'admin.projects.postUpdate', { id, body: '完成河道测量。', percent: 5 }));
    const tasksOf = async () => (await emulator.collection('projectTasks')).filter((t) => t.projectId === id);

    // One minute before the next first of the month, Shanghai time (UTC+8): nothing opens yet.
    const now = await clockNow();
    const nextMonthStart = shanghai(now).add(1, 'month').startOf('month').valueOf();
    await emulator.advanceClock(nextMonthStart - now.getTime() - 60_000);
    await emulator.timer();
    expect(await tasksOf()).toEqual([]);

    const monthTasks = [] as Record<string, unknown>[];
    for (let step = 0; step < 2; step++) {
      const at = await clockNow();
      const local = shanghai(at.getTime() + 120_000);
      const month = local.format('YYYY-MM');
      await emulator.advanceClock(120_000);
      await emulator.timer();
      await emulator.timer();
      const task = (await tasksOf()).find((t) => t.month === month)!;
      expect(task).toBeDefined();
      monthTasks.push(task);
      const odd = (local.month() + 1) % 2 === 1;
      const listed = await ok(emulator.call(STAFF, 'admin.projects.tasks', { month }));
      expect(listed.items.filter((t: any) => t.projectId === id)).toEqual([
        expect.objectContaining({ kind: odd ? 'announce' : 'supervise', status: 'open' }),
      ]);
      if (odd) {
        expect(task.draft).toContain('河道生态修复');
        expect(task.draft).toContain('当前进度：5%');
        await ok(emulator.call(STAFF, 'admin.projects.postUpdate', { id, body: '清淤准备就绪。', percent: 10 }));
      } else {
        const told = (await emulator.collection('outbox')).filter(
          (o) => o.kind === 'project.supervise' && String(o.dedupeKey).includes(id),
        );
        expect(told.map((o) => o.recipient).sort()).toEqual(['pj-liaison', 'pj-member', 'pj-member-2']);
        const mine = await ok(emulator.call('pj-member', 'supervisions.tasks', {}));
        expect(mine.items.map((t: any) => t.projectId)).toContain(id);
        expect((await ok(emulator.call('pj-outsider', 'supervisions.tasks', {}))).items.map((t: any) => t.projectId)).not.toContain(id);
        await ok(
          emulator.call('pj-member', 'supervisions.record', {
            projectId: id,
            date: (await clockNow()).toISOString(),
            findings: '现场查看清淤进度，符合计划。',
            rating: 'on_track',
            requests: [],
          }),
        );
      }
      // The task is answered by the update or the record.
      expect((await tasksOf()).find((t) => t.month === month)).toMatchObject({ status: 'done' });
      // Over a month later: the other kind of month.
      const after = await clockNow();
      const next = shanghai(after).add(1, 'month').startOf('month').valueOf();
      await emulator.advanceClock(next - after.getTime() - 60_000);
    }
    expect(monthTasks.map((t) => t.kind).sort()).toEqual(['announce', 'supervise']);
    expect(await tasksOf()).toHaveLength(2);
  }, 60_000);
});

describe('完工, 测评 and 验收; what the public reads', () => {
  it('delegates rate once, staff accept with the rating published; list, summary and CSV agree', async () => {
    const id = await newProject('社区健身步道');
    await ok(
      emulator.call(STAFF, 'admin.projects.savePlan', await plan(id, { checkpoints: [{ title: '竣工', dueAt: await inDays(30) }] })),
    );
    expect(await failure(emulator.call('pj-member', 'projects.rate', { id, satisfaction: 'satisfied' }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    await ok(
      emulator.call(STAFF, 'supervisions.record', {
        projectId: id,
        date: await inDays(0),
        participants: '城乡建设组代表 3 人',
        findings: '步道铺装基本完成，照明未到位。',
        rating: 'minor_issues',
        requests: [{ text: '补齐夜间照明', dueAt: await inDays(5) }],
      }),
    );
    await ok(
      emulator.call(STAFF, 'admin.projects.postUpdate', {
        id,
        body: '步道全线贯通，已投入使用。',
        percent: 100,
        checkpointId: 'c1',
        photos: ['cloud://demo/projects/trail.jpg'],
      }),
    );
    expect(await failure(emulator.call(STAFF, 'admin.projects.accept', { id }))).toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect(await failure(emulator.call('pj-resident', 'projects.rate', { id, satisfaction: 'satisfied' }))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    await ok(emulator.call('pj-member', 'projects.rate', { id, satisfaction: 'satisfied' }));
    expect(await failure(emulator.call('pj-member', 'projects.rate', { id, satisfaction: 'dissatisfied' }))).toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    await ok(emulator.call('pj-outsider', 'projects.rate', { id, satisfaction: 'basically_satisfied' }));
    await ok(emulator.call('pj-member-2', 'projects.rate', { id, satisfaction: 'dissatisfied' }));
    expect((await ok(emulator.call('anyone', 'projects.get', { id }))).rating).toBeUndefined();
    const accepted = await ok(emulator.call(STAFF, 'admin.projects.accept', { id }));
    expect(accepted).toEqual({
      status: 'accepted',
      rating: { satisfied: 1, basically_satisfied: 1, dissatisfied: 1, total: 3, satisfactionRate: 67 },
    });
    const shown = await ok(emulator.call('anyone', 'projects.get', { id }));
    expect(shown).toMatchObject({ project: { status: 'accepted', percent: 100 }, rating: { total: 3 }, ratingCount: 3 });
    expect(shown.updates[0].photos).toEqual(['cloud://demo/projects/trail.jpg']);

    const year = shown.project.year;
    const list = await ok(emulator.call('anyone', 'projects.list', { year }));
    expect(list.items.find((p: any) => p.id === id)).toMatchObject({ status: 'accepted', percent: 100, delayed: false });
    const summary = await ok(emulator.call('anyone', 'projects.summary', { year }));
    expect(summary).toMatchObject({ year, total: list.items.length, completed: 1, onTime: 1 });

    const { csv, filename } = await ok(emulator.call('anyone', 'projects.export', { year }));
    expect(filename).toBe(`${year}-民生实事.csv`);
    expect(csv.split('\n')[0]).toBe('项目,记录,日期,内容,进度,状态或评价,责任单位,期限');
    expect(csv).toContain('社区健身步道,代表测评');
    expect(csv).toContain('督办要求');
    // No personal data: no openid, no contact number, no participants.
    for (const secret of [STAFF, 'pj-member', 'pj-liaison', '0519-88812301', '城乡建设组代表 3 人']) expect(csv).not.toContain(secret);
    const trail = await ok(emulator.call(STAFF, 'admin.audit.list', { subject: id }));
    expect(trail.items.map((e: any) => e.action).sort()).toEqual([
      'admin.projects.accept',
      'admin.projects.create',
      'admin.projects.postUpdate',
      'admin.projects.savePlan',
    ]);
  });
});

describe('database requests', () => {
  it('a project page is 2 reads for a resident (the caller, the project), a list and the summary one query each', async () => {
    const id = await newProject('计数用的项目');
    await ok(emulator.call('pj-reader', 'projects.get', { id }));
    const [one] = await emulator.calls();
    expect([one.databaseReads, one.databaseWrites]).toEqual([2, 0]);
    await ok(emulator.call('pj-reader', 'projects.list', {}));
    const [list] = await emulator.calls();
    expect([list.databaseReads, list.databaseWrites]).toEqual([1, 0]);
    await ok(emulator.call('pj-reader', 'projects.summary', {}));
    const [summary] = await emulator.calls();
    expect([summary.databaseReads, summary.databaseWrites]).toEqual([1, 0]);
    await ok(emulator.call(STAFF, 'admin.projects.savePlan', await plan(id)));
    const [saved] = await emulator.calls();
    // start, project, group, (requests record), project write, request record, audit, commit.
    expect(saved.databaseReads + saved.databaseWrites).toBeLessThanOrEqual(9);
    expect([saved.databaseReads, saved.databaseWrites]).toEqual([2, 4]);
  });

  it('each write is one transaction on the project: counted per action', async () => {
    const id = await newProject('计数用的写操作');
    const counts: Record<string, [number, number]> = {};
    const measure = async (name: string, openid: string, action: string, payload: unknown) => {
      await ok(emulator.call(openid, action as never, payload as never));
      const [last] = await emulator.calls();
      expect(last.action).toBe(action);
      counts[name] = [last.databaseReads, last.databaseWrites];
    };
    await measure(
      'admin.projects.savePlan',
      STAFF,
      'admin.projects.savePlan',
      await plan(id, { checkpoints: [{ title: '竣工', dueAt: await inDays(60) }] }),
    );
    await measure('projects.follow', 'pj-counter', 'projects.follow', { id, follow: true });
    await measure('admin.projects.postUpdate (1 follower)', STAFF, 'admin.projects.postUpdate', {
      id,
      body: '主体工程开工建设。',
      percent: 50,
    });
    await measure('supervisions.record (delegate)', 'pj-member', 'supervisions.record', {
      projectId: id,
      date: await inDays(0),
      findings: '现场施工有序。',
      rating: 'on_track',
      requests: [{ text: '公示工期', dueAt: await inDays(5) }],
    });
    await measure('admin.projects.postUpdate (100%)', STAFF, 'admin.projects.postUpdate', {
      id,
      body: '全部工程完工验收。',
      percent: 100,
      checkpointId: 'c1',
    });
    await measure('projects.rate', 'pj-member', 'projects.rate', { id, satisfaction: 'satisfied' });
    await measure('admin.projects.accept', STAFF, 'admin.projects.accept', { id });
    await measure('projects.get (delegate)', 'pj-member', 'projects.get', { id });
    console.log('database requests [reads, writes] per action', counts);
    // A write: the caller or the delegate when needed, then start, the project, the project written, the
    // audit entry or the request record, commit. An update also reads its followers after the commit and
    // queues and sends each one's notice (insert, send result); a delegate's 督办 passes the content check first.
    expect(counts).toEqual({
      'admin.projects.savePlan': [2, 4],
      'projects.follow': [2, 3],
      'admin.projects.postUpdate (1 follower)': [2, 8],
      'supervisions.record (delegate)': [4, 3],
      'admin.projects.postUpdate (100%)': [2, 8],
      'projects.rate': [3, 3],
      'admin.projects.accept': [1, 4],
      'projects.get (delegate)': [3, 0],
    });
  });
});
