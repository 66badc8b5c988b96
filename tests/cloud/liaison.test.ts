import { startTestEmulator } from '../support/emulator';
import { failure, snapshot } from './directory-fixtures';
import { boundDelegate, draft, ok, STAFF } from './messages-fixtures';

// The liaison's workspace (issue 12, item 6): a group's liaison committee member (the group's
// liaisonOpenid, not staff) opens the overdue messages of the groups they follow, read-only with the
// phone masked. Before, every row answered 「留言不存在或您无权查看」.

type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;
let emulator: TestEmulator;
let followed: { delegateId: string; groupId: string };
let other: { delegateId: string; groupId: string };

beforeAll(async () => {
  emulator = await startTestEmulator();
  followed = await boundDelegate(emulator, 'li-delegate', '褚代表');
  other = await boundDelegate(emulator, 'li-other-delegate', '卫代表');
  await ok(emulator.call(STAFF, 'admin.groups.update', { id: followed.groupId, liaisonOpenid: 'li-liaison' }));
}, 120_000);
afterAll(() => emulator?.stop());

it('a liaison opens an overdue message of their group read-only, phone masked; not another group’s', async () => {
  const { id } = await ok(emulator.call('li-resident', 'messages.send', draft(followed.delegateId, { phone: '13812345678' })));
  const { id: elsewhere } = await ok(emulator.call('li-resident', 'messages.send', draft(other.delegateId)));
  await emulator.advanceClock(8 * 24 * 3600_000);

  const overdue = await ok(emulator.call('li-liaison', 'messages.overdue', {}));
  expect(overdue.items.map((m: { id: string }) => m.id)).toEqual([id]);
  const thread = await ok(emulator.call('li-liaison', 'messages.get', { id }));
  expect(thread).toMatchObject({
    id,
    viewer: 'liaison',
    phone: '138****5678',
    can: { reply: false, forward: false, answer: false, resolve: false, rate: false },
  });
  expect(await failure(emulator.call('li-liaison', 'messages.get', { id: elsewhere }))).toMatchObject({ code: 'NOT_FOUND' });

  // Reading only: a reply or a transfer is refused and writes nothing.
  const before = JSON.stringify(await emulator.collection('messages'));
  expect(await failure(emulator.call('li-liaison', 'messages.reply', { id, body: '请尽快答复居民。' }))).toMatchObject({
    code: 'PERMISSION_DENIED',
    message: expect.stringContaining('联系委员'),
  });
  expect(await failure(emulator.call('li-liaison', 'messages.transition', { id, to: 'resolved' }))).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
  expect(JSON.stringify(await emulator.collection('messages'))).toBe(before);

  // Once the link is removed, the liaison sees nothing of the group.
  await ok(emulator.call(STAFF, 'admin.groups.update', { id: followed.groupId, liaisonOpenid: null }));
  expect(await failure(emulator.call('li-liaison', 'messages.get', { id }))).toMatchObject({ code: 'NOT_FOUND' });
});

it('a message held in review stays out of the liaison’s sight', async () => {
  await ok(emulator.call(STAFF, 'admin.groups.update', { id: followed.groupId, liaisonOpenid: 'li-liaison' }));
  await fetch(`${emulator.url}/_emulator/seccheck`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ review: ['待审'] }),
  });
  const { id, status } = await ok(
    emulator.call('li-resident-2', 'messages.send', draft(followed.delegateId, { body: '这条留言有待审内容。' })),
  );
  expect(status).toBe('held');
  expect(await failure(emulator.call('li-liaison', 'messages.get', { id }))).toMatchObject({ code: 'NOT_FOUND' });
});

describe('督办 tasks in the liaison’s workspace', () => {
  // Tasks as the timer's projects.cycle job opens them (projects/cycle.ts cycleTaskOf), put in directly:
  // reaching an even month through the timer is projects.test.ts's subject, not this one's.
  const task = (groupId: string, month: string, over: Record<string, unknown> = {}) => ({
    _id: `pj-${groupId}:${month}`,
    streetId: 'default',
    kind: 'supervise',
    month,
    projectId: `pj-${groupId}`,
    projectTitle: `${groupId} 的民生实事`,
    groupId,
    groupName: '小组',
    status: 'open',
    openedAt: { $date: `${month}-01T00:05:00.000Z` },
    ...over,
  });
  let mine: string;
  let theirs: string;
  let nobodys: string;

  beforeAll(async () => {
    const group = async (name: string, liaisonOpenid?: string) =>
      (await ok(emulator.call(STAFF, 'admin.groups.create', { name, ...(liaisonOpenid ? { liaisonOpenid } : {}) }))).id as string;
    mine = await group('督办甲组', 'tk-liaison');
    theirs = await group('督办乙组', 'tk-liaison-other');
    nobodys = await group('督办丙组');
    await boundDelegate(emulator, 'tk-member', '蒋代表', mine);
    const imported = await fetch(`${emulator.url}/_emulator/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        collections: {
          projectTasks: [
            task(mine, '2026-04'),
            task(mine, '2026-06'),
            task(mine, '2026-02', { status: 'done', doneAt: { $date: '2026-02-20T02:00:00.000Z' } }),
            task(mine, '2026-05', { kind: 'announce', draft: '【民生实事进展公告】' }),
            task(theirs, '2026-06'),
            task(nobodys, '2026-06'),
          ],
        },
      }),
    });
    expect(imported.status).toBe(200);
  });

  const ids = (data: { items: { id: string }[] }) => data.items.map((t) => t.id);

  it('a liaison reads exactly their groups’ open 督办 tasks, latest month first; another group’s liaison none of them', async () => {
    expect(ids(await ok(emulator.call('tk-liaison', 'supervisions.tasks', {})))).toEqual([`pj-${mine}:2026-06`, `pj-${mine}:2026-04`]);
    expect(ids(await ok(emulator.call('tk-liaison-other', 'supervisions.tasks', {})))).toEqual([`pj-${theirs}:2026-06`]);
    // The group's delegate keeps seeing their group's, as before; staff see every group's.
    expect(ids(await ok(emulator.call('tk-member', 'supervisions.tasks', {})))).toEqual([`pj-${mine}:2026-06`, `pj-${mine}:2026-04`]);
    expect(ids(await ok(emulator.call(STAFF, 'supervisions.tasks', {})))).toEqual(
      expect.arrayContaining([`pj-${mine}:2026-06`, `pj-${mine}:2026-04`, `pj-${theirs}:2026-06`, `pj-${nobodys}:2026-06`]),
    );
  });

  it('a resident is refused with a structured error, and reading writes nothing', async () => {
    const before = await snapshot(emulator, 'projectTasks', 'projects', 'users', 'groups');
    expect(await failure(emulator.call('tk-resident', 'supervisions.tasks', {}))).toEqual({
      code: 'PERMISSION_DENIED',
      message: '只有代表、工作人员和小组联系委员可以查看督办任务',
    });
    await ok(emulator.call('tk-liaison', 'supervisions.tasks', {}));
    // Following is not recording: a 督办 record stays with the group's delegates and staff.
    expect(
      await failure(
        emulator.call('tk-liaison', 'supervisions.record', {
          projectId: `pj-${mine}`,
          date: new Date().toISOString(),
          findings: '现场查看施工进度。',
          rating: 'on_track',
          requests: [],
        }),
      ),
    ).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await snapshot(emulator, 'projectTasks', 'projects', 'users', 'groups')).toBe(before);
  });
});
