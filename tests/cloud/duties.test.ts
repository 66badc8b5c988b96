import { startTestEmulator } from '../support/emulator';
import { failure, newStation, snapshot } from './directory-fixtures';
import { boundDelegate, draft, ok, STAFF } from './messages-fixtures';

// 履职手册 and 履职清单 (issue 12, items 1, 2, 5, 6): a delegate logs, edits and deletes their own entries;
// what the system knows is derived (answered messages per month, reception days, suggestions filed);
// staff set the year's targets; staff and liaisons read statistics; anyone reads the annual report and
// the public feed of public entries and staff news.

type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;
const HOUR = 3600_000;
const DAY = 24 * HOUR;
let emulator: TestEmulator;
let zhou: { delegateId: string; groupId: string };
let wu: { delegateId: string; groupId: string };
let otherGroup: string;
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  emulator = await startTestEmulator();
  zhou = await boundDelegate(emulator, 'dt-zhou', '周履职');
  wu = await boundDelegate(emulator, 'dt-wu', '吴同组', zhou.groupId);
  otherGroup = (await boundDelegate(emulator, 'dt-other', '郑别组')).groupId;
  // The group's liaison committee member is a person of the app, not staff.
  await ok(emulator.call(STAFF, 'admin.groups.update', { id: zhou.groupId, liaisonOpenid: 'dt-liaison' }));
}, 120_000);
afterAll(() => emulator?.stop());

const entry = (over: Record<string, unknown> = {}): any => ({
  kind: '走访调研',
  date: today(),
  place: '清风社区',
  summary: '走访清风社区老旧小区，了解加装电梯的意见和困难。',
  isPublic: true,
  ...over,
});

describe('the log', () => {
  it('a delegate logs, edits and deletes their own entries; the handbook shows them', async () => {
    const { id } = await ok(emulator.call('dt-zhou', 'duties.log', entry()));
    let book = await ok(emulator.call('dt-zhou', 'duties.mine', { year: YEAR }));
    expect(book.entries).toEqual([expect.objectContaining({ id, kind: '走访调研', place: '清风社区', isPublic: true })]);
    expect(book.counts['走访调研']).toBe(1);

    await ok(emulator.call('dt-zhou', 'duties.edit', { id, kind: '视察督办', place: '', isPublic: false }));
    book = await ok(emulator.call('dt-zhou', 'duties.mine', { year: YEAR }));
    expect(book.entries[0]).toMatchObject({ id, kind: '视察督办', isPublic: false });
    expect(book.entries[0].place).toBeUndefined();
    expect(book.counts).toMatchObject({ 走访调研: 0, 视察督办: 1 });

    await ok(emulator.call('dt-zhou', 'duties.delete', { id }));
    expect((await ok(emulator.call('dt-zhou', 'duties.mine', { year: YEAR }))).entries).toEqual([]);
  });

  it('only the delegate who logged it may change it; others learn nothing; bad input writes nothing', async () => {
    const { id } = await ok(emulator.call('dt-zhou', 'duties.log', entry()));
    const before = await snapshot(emulator, 'duties', 'requests', 'audit');
    for (const [openid, action, payload] of [
      ['dt-wu', 'duties.edit', { id, summary: '改写别人的履职记录内容。' }],
      ['dt-wu', 'duties.delete', { id }],
      [STAFF, 'duties.delete', { id }],
    ] as const) {
      const refused = await failure(emulator.call(openid, action, payload));
      expect(refused.code).toMatch(/NOT_FOUND|PERMISSION_DENIED/);
    }
    expect(await failure(emulator.call('dt-resident', 'duties.log', entry()))).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await failure(emulator.call('dt-zhou', 'duties.log', entry({ kind: '喝茶' })))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'kind',
      message: expect.stringContaining('类型'),
    });
    expect(await failure(emulator.call('dt-zhou', 'duties.log', entry({ summary: '短' })))).toMatchObject({
      field: 'summary',
      message: expect.stringContaining('履职内容'),
    });
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + DAY));
    expect(await failure(emulator.call('dt-zhou', 'duties.log', entry({ date: tomorrow })))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'date',
      message: '「日期」不能晚于今天',
    });
    expect(await failure(emulator.call('dt-zhou', 'duties.log', entry({ date: `${YEAR}-02-30` })))).toMatchObject({ field: 'date' });
    expect(await failure(emulator.call('dt-zhou', 'duties.log', entry({ date: `${YEAR - 3}-05-01` })))).toMatchObject({ field: 'date' });
    expect(await failure(emulator.call('dt-zhou', 'duties.log', entry({ photos: ['http://x/y.jpg'] })))).toMatchObject({
      field: 'photos.0',
    });
    expect(await snapshot(emulator, 'duties', 'requests', 'audit')).toBe(before);
    await ok(emulator.call('dt-zhou', 'duties.delete', { id }));
  });

  it('a repeat of the same requestId gets the first answer and logs nothing more', async () => {
    const first = await ok(emulator.call('dt-zhou', 'duties.log', entry({ requestId: 'dt-repeat-0001' })));
    const again = await ok(emulator.call('dt-zhou', 'duties.log', entry({ requestId: 'dt-repeat-0001' })));
    expect(again).toEqual(first);
    const mine = (await emulator.collection('duties')).filter((d) => d.delegateId === zhou.delegateId);
    expect(mine).toHaveLength(1);
    await ok(emulator.call('dt-zhou', 'duties.delete', { id: first.id, requestId: 'dt-repeat-0002' }));
    expect(await ok(emulator.call('dt-zhou', 'duties.delete', { id: first.id, requestId: 'dt-repeat-0002' }))).toEqual({
      id: first.id,
      deleted: true,
    });
  });

  it('a summary the content check flags is held: counted for the delegate, public only once staff approve', async () => {
    await fetch(`${emulator.url}/_emulator/seccheck`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ review: ['待审词'] }),
    });
    const { id } = await ok(emulator.call('dt-zhou', 'duties.log', entry({ summary: '参加座谈，讨论待审词相关的社区事务。' })));
    const book = await ok(emulator.call('dt-zhou', 'duties.mine', { year: YEAR }));
    expect(book.entries.find((e: { id: string }) => e.id === id)).toMatchObject({ held: true });
    expect((await ok(emulator.call('dt-anyone', 'duties.feed', {}))).items.map((i: { id: string }) => i.id)).not.toContain(id);
    const [held] = (await ok(emulator.call(STAFF, 'admin.moderation.list', {}))).items.filter((i: { kind: string }) => i.kind === 'duty');
    expect(held).toMatchObject({ subjectId: id });
    await ok(emulator.call(STAFF, 'admin.moderation.approve', { id: held.id }));
    expect((await ok(emulator.call('dt-anyone', 'duties.feed', {}))).items.map((i: { id: string }) => i.id)).toContain(id);
    await ok(emulator.call('dt-zhou', 'duties.delete', { id }));
  });
});

describe('the duty list, derived entries and statistics', () => {
  it('staff set targets (audited); the handbook counts logged and derived entries against them', async () => {
    expect(
      await failure(emulator.call(STAFF, 'admin.duties.setTargets', { year: YEAR, targets: [{ kind: '接待选民', required: 0 }] })),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'targets.0.required' });
    expect(
      await failure(
        emulator.call(STAFF, 'admin.duties.setTargets', {
          year: YEAR,
          targets: [
            { kind: '接待选民', required: 4 },
            { kind: '接待选民', required: 2 },
          ],
        }),
      ),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'targets.1.kind' });
    expect(
      await failure(emulator.call('dt-zhou', 'admin.duties.setTargets', { year: YEAR, targets: [{ kind: '接待选民', required: 4 }] })),
    ).toMatchObject({ code: 'PERMISSION_DENIED' });
    const targets: any = [
      { kind: '走访调研', required: 2 },
      { kind: '接待选民', required: 4 },
      { kind: '提出建议', required: 1 },
    ];
    const set = await ok(emulator.call(STAFF, 'admin.duties.setTargets', { year: YEAR, targets }));
    // Kept in the kinds' order.
    expect(set.targets.map((t: { kind: string }) => t.kind)).toEqual(['接待选民', '走访调研', '提出建议']);
    const audit = await emulator.collection('audit');
    expect(audit.find((a) => a.action === 'admin.duties.setTargets')).toMatchObject({ reason: expect.stringContaining('接待选民 ≥ 4') });

    // Derived: a reception day attended (it ended), a suggestion filed, a message answered this month.
    const stationId = await newStation(emulator, '履职测试联络站');
    await ok(
      emulator.call(STAFF, 'admin.receptions.create', {
        stationId,
        startsAt: new Date(Date.now() + HOUR).toISOString(),
        endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
        delegateIds: [zhou.delegateId],
        theme: '加装电梯',
      }),
    );
    await ok(
      emulator.call('dt-zhou', 'suggestions.submit', {
        title: '增设社区食堂',
        body: '建议在清风社区增设老年助餐点，方便独居老人用餐。',
        category: '民生保障',
      }),
    );
    const { id: messageId } = await ok(emulator.call('dt-resident', 'messages.send', draft(zhou.delegateId)));
    await ok(emulator.call('dt-zhou', 'messages.reply', { id: messageId, body: '已收到，这周去看看。' }));
    await ok(emulator.call('dt-zhou', 'duties.log', entry({ kind: '接待选民', summary: '在联络站接待选民三人次，记录诉求。' })));
    await emulator.advanceClock(3 * HOUR);

    const book = await ok(emulator.call('dt-zhou', 'duties.mine', { year: YEAR }));
    expect(book.derived.map((d: { source: string; kind: string }) => [d.source, d.kind]).sort()).toEqual([
      ['messages', '其他'],
      ['receptions', '接待选民'],
      ['suggestions', '提出建议'],
    ]);
    expect(book.derived.find((d: { source: string }) => d.source === 'messages').title).toBe('网上答复选民留言 1 条');
    expect(book.targets).toEqual([
      { kind: '接待选民', required: 4, done: 2 },
      { kind: '走访调研', required: 2, done: 0 },
      { kind: '提出建议', required: 1, done: 1 },
    ]);
    // Another year has its own list (none) and nothing done.
    const lastYear = await ok(emulator.call('dt-zhou', 'duties.mine', { year: YEAR - 1 }));
    expect(lastYear).toMatchObject({ targets: [], entries: [], derived: [] });
  });

  it('staff see every group; a liaison sees only the groups they follow; others are refused', async () => {
    const street = await ok(emulator.call(STAFF, 'duties.stats', { year: YEAR }));
    expect(street.scope).toBe('street');
    const row = street.delegates.find((d: { delegateId: string }) => d.delegateId === zhou.delegateId);
    expect(row).toMatchObject({ name: '周履职', targetsMet: 1, counts: { 接待选民: 2, 提出建议: 1, 其他: 1 }, total: 4 });
    expect(street.groups.map((g: { groupId: string }) => g.groupId)).toEqual(expect.arrayContaining([zhou.groupId, otherGroup]));
    const group = street.groups.find((g: { groupId: string }) => g.groupId === zhou.groupId);
    expect(group).toMatchObject({ delegates: 2, total: 4, delegatesMet: 0 });

    const liaison = await ok(emulator.call('dt-liaison', 'duties.stats', { year: YEAR }));
    expect(liaison.scope).toBe('liaison');
    expect(liaison.groups.map((g: { groupId: string }) => g.groupId)).toEqual([zhou.groupId]);
    expect(liaison.delegates.map((d: { name: string }) => d.name).sort()).toEqual(['吴同组', '周履职'].sort());
    expect(await failure(emulator.call('dt-liaison', 'duties.stats', { year: YEAR, groupId: otherGroup }))).toMatchObject({
      code: 'PERMISSION_DENIED',
      field: 'groupId',
    });
    expect(await failure(emulator.call('dt-zhou', 'duties.stats', { year: YEAR }))).toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('the annual report is public and quotes only public entries and answered suggestions', async () => {
    const { id: privateId } = await ok(
      emulator.call('dt-zhou', 'duties.log', entry({ kind: '参加会议', summary: '参加街道人大工委内部工作会议。', isPublic: false })),
    );
    const report = await ok(emulator.call('dt-anyone', 'duties.report', { delegateId: zhou.delegateId, year: YEAR }));
    expect(report).toMatchObject({
      delegate: { id: zhou.delegateId, name: '周履职' },
      messagesAnswered: 1,
      receptionDays: 1,
      suggestionsFiled: 1,
    });
    expect(report.counts['参加会议']).toBe(1);
    expect(report.highlights.map((h: { id: string }) => h.id)).not.toContain(privateId);
    expect(report.highlights.every((h: { summary: string }) => !h.summary.includes('内部'))).toBe(true);
    // The suggestion is not answered yet: counted, never quoted.
    expect(report.suggestions).toEqual([]);
    expect(await failure(emulator.call('dt-anyone', 'duties.report', { delegateId: 'nobody', year: YEAR }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'delegateId',
    });
  });
});

describe('履职动态', () => {
  it('public entries and staff news, newest first, paged; staff remove news (audited)', async () => {
    const { id: news } = await ok(
      emulator.call(STAFF, 'admin.news.post', { title: '代表进社区', body: '本周五位代表走进清风社区，听取居民对加装电梯的意见。' }),
    );
    const { id: privateId } = await ok(emulator.call('dt-wu', 'duties.log', entry({ isPublic: false })));
    const { id: publicId } = await ok(emulator.call('dt-wu', 'duties.log', entry({ summary: '调研社区助餐点运行情况，收集意见。' })));
    const feed = await ok(emulator.call('dt-anyone', 'duties.feed', {}));
    const ids = feed.items.map((i: { id: string }) => i.id);
    expect(ids.slice(0, 2)).toEqual([publicId, news]);
    expect(ids).not.toContain(privateId);
    expect(feed.items[0]).toMatchObject({ type: 'duty', delegateName: '吴同组', kind: '走访调研' });
    expect(feed.items[1]).toMatchObject({ type: 'news', title: '代表进社区' });

    for (let i = 0; i < 21; i++) await ok(emulator.call('dt-wu', 'duties.log', entry({ summary: `第 ${i + 1} 次走访，记录居民意见。` })));
    const first = await ok(emulator.call('dt-anyone', 'duties.feed', {}));
    expect(first.items).toHaveLength(20);
    const second = await ok(emulator.call('dt-anyone', 'duties.feed', { cursor: first.nextCursor }));
    const all = [...first.items, ...second.items].map((i: { id: string }) => i.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining([news, publicId]));

    expect(await failure(emulator.call('dt-wu', 'admin.news.remove', { id: news }))).toMatchObject({ code: 'PERMISSION_DENIED' });
    await ok(emulator.call(STAFF, 'admin.news.remove', { id: news }));
    expect(await failure(emulator.call(STAFF, 'admin.news.remove', { id: news }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await emulator.collection('audit')).filter((a) => a.subject === news).map((a) => a.action)).toEqual(
      expect.arrayContaining(['admin.news.post', 'admin.news.remove']),
    );
  });
});

describe('督办 records', () => {
  it('a 督办 record a delegate made of a 民生实事 project counts as 视察督办 in their handbook and the statistics', async () => {
    const clock = async () => new Date(((await (await fetch(`${emulator.url}/_emulator/clock`)).json()) as { now: string }).now);
    const inDays = async (days: number) => new Date((await clock()).getTime() + days * DAY).toISOString();
    const { id } = await ok(
      emulator.call(STAFF, 'admin.projects.create', {
        title: '清风河整治',
        summary: '代表票决确定的实事项目',
        category: '城市建设',
        budget: 80,
      }),
    );
    await ok(
      emulator.call(STAFF, 'admin.projects.savePlan', {
        id,
        responsibleUnit: '街道城管科',
        contact: '城管科 0519-88812301',
        budget: 80,
        startAt: await inDays(-1),
        deadline: await inDays(200),
        safeguards: ['成立工作专班'],
        groupId: zhou.groupId,
        checkpoints: [{ title: '完成设计', dueAt: await inDays(60) }],
      }),
    );
    const before = (await ok(emulator.call('dt-zhou', 'duties.mine', { year: YEAR }))).counts['视察督办'];
    await ok(
      emulator.call('dt-zhou', 'supervisions.record', {
        projectId: id,
        date: await inDays(0),
        findings: '现场施工有序，护栏尚未安装。',
        rating: 'minor_issues',
        requests: [],
      }),
    );
    const book = await ok(emulator.call('dt-zhou', 'duties.mine', { year: YEAR }));
    expect(book.derived.find((d: { source: string }) => d.source === 'supervisions')).toMatchObject({
      kind: '视察督办',
      title: '督办民生实事：清风河整治',
      refId: id,
    });
    expect(book.counts['视察督办']).toBe(before + 1);
    const stats = await ok(emulator.call(STAFF, 'duties.stats', { year: YEAR }));
    expect(stats.delegates.find((d: { delegateId: string }) => d.delegateId === zhou.delegateId).counts['视察督办']).toBe(before + 1);
    // Staff's own 督办 records are not a delegate's duty.
    await ok(
      emulator.call(STAFF, 'supervisions.record', {
        projectId: id,
        date: await inDays(0),
        findings: '工委复查，进度正常。',
        rating: 'on_track',
        requests: [],
      }),
    );
    expect((await ok(emulator.call('dt-zhou', 'duties.mine', { year: YEAR }))).counts['视察督办']).toBe(before + 1);
  });
});
