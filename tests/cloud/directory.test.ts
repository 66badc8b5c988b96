import { startTestEmulator } from '../support/emulator';
import { failure, newDelegate, newGroup, newStation, ok, snapshot, STAFF, type TestEmulator } from './directory-fixtures';
import { shanghai } from '../../cloudfunctions/api/src/platform/time';

// The directory residents browse and staff maintain: groups, stations, delegates, reception days.

let emulator: TestEmulator;
let groupA: string;
let groupB: string;
let stationId: string;

const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  emulator = await startTestEmulator();
  groupA = await newGroup(emulator, '综合治理');
  groupB = await newGroup(emulator, '社会事业');
  stationId = await newStation(emulator);
  // 45 delegates: 30 in group A (10 of them at the station), 15 in group B.
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏';
  for (let i = 0; i < 45; i++) {
    await newDelegate(emulator, {
      name: `${surnames[i]}代表`,
      groupId: i < 30 ? groupA : groupB,
      ...(i < 10 ? { stationId } : {}),
      title: '社区居民',
    });
  }
}, 120_000);
afterAll(() => emulator?.stop());

/** Database requests the latest call of `action` made, as the emulator counted them (calls are newest first). */
async function requestsOfLast(action: string): Promise<number> {
  const last = (await emulator.calls()).find((c) => c.action === action);
  return Number(last?.databaseRequests);
}

async function allPages(payload: Record<string, unknown>): Promise<any[]> {
  const seen: any[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await ok(emulator.call('resident', 'delegates.list', { ...payload, ...(cursor ? { cursor } : {}) }));
    expect(page.items.length).toBeLessThanOrEqual(20);
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe('delegates.list', () => {
  it('pages 20 at a time with a cursor, in a stable order, without repeats or gaps', async () => {
    const first = await ok(emulator.call('resident', 'delegates.list', {}));
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toEqual(expect.any(String));
    const all = await allPages({});
    expect(all).toHaveLength(45);
    expect(new Set(all.map((d) => d.id)).size).toBe(45);
    const names = all.map((d) => d.name);
    expect(names).toEqual([...names].sort());
  });

  it('filters by group, by station and by keyword', async () => {
    expect(await allPages({ groupId: groupB })).toHaveLength(15);
    expect((await allPages({ groupId: groupA })).every((d) => d.groupId === groupA)).toBe(true);
    expect(await allPages({ stationId })).toHaveLength(10);
    const found = await allPages({ keyword: '王' });
    expect(found.map((d) => d.name)).toEqual(['王代表']);
    expect(await allPages({ keyword: '.*' })).toEqual([]);
  });

  it('hides a deactivated delegate from residents but not from staff', async () => {
    const { id } = await newDelegate(emulator, { name: '停用代表', groupId: groupB });
    await ok(emulator.call(STAFF, 'admin.delegates.update', { id, active: false }));
    expect((await allPages({ keyword: '停用' })).length).toBe(0);
    const staffView = await ok(emulator.call(STAFF, 'admin.delegates.list', { keyword: '停用' }));
    expect(staffView.items).toMatchObject([{ id, active: false, bound: false, codeUsed: false }]);
  });

  it("shows a liaison's office number to everyone, never a personal mobile (issue 17, item 11)", async () => {
    const office = await ok(
      emulator.call(STAFF, 'admin.groups.create', { name: '座机小组', liaison: { name: '周敏', phone: '0519-88812301' } }),
    );
    const mobile = await ok(
      emulator.call(STAFF, 'admin.groups.create', { name: '手机小组', liaison: { name: '钱进', phone: '138-0013-8000' } }),
    );
    const { items } = await ok(emulator.call('resident', 'groups.list', {}));
    expect(items.find((g: any) => g.id === office.id).liaison).toEqual({ name: '周敏', phone: '0519-88812301' });
    expect(items.find((g: any) => g.id === mobile.id).liaison).toEqual({ name: '钱进' });
  });

  it('rejects unknown fields and a cursor it never handed out (issue 15: one way to page)', async () => {
    expect((await failure(emulator.call('resident', 'delegates.list', { page: 2 } as any))).code).toBe('INVALID_ARGUMENT');
    expect(await failure(emulator.call('resident', 'delegates.list', { cursor: '%%%' }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'cursor',
    });
  });
});

describe('one database query per read', () => {
  it.each([
    ['groups.list', {}],
    ['stations.list', {}],
    ['delegates.list', {}],
    ['receptions.list', {}],
    ['receptions.figures', { month: '2026-05' }],
  ])('%s', async (action, payload) => {
    await ok(emulator.call('resident', action as any, payload));
    expect(await requestsOfLast(action)).toBe(1);
  });

  it('delegates.get and delegates.list with filters', async () => {
    const { items } = await ok(emulator.call('resident', 'delegates.list', { groupId: groupA, keyword: '代表' }));
    expect(await requestsOfLast('delegates.list')).toBe(1);
    await ok(emulator.call('resident', 'delegates.get', { id: items[0].id }));
    expect(await requestsOfLast('delegates.get')).toBe(1);
  });
});

describe('groups, stations and delegates maintained by staff', () => {
  it('edits show up in the public reads', async () => {
    await ok(emulator.call(STAFF, 'admin.groups.update', { id: groupB, duty: '教育、医疗、养老' }));
    const groups = (await ok(emulator.call('resident', 'groups.list', {}))).items;
    expect(groups.find((g: any) => g.id === groupB)).toMatchObject({ name: '社会事业', duty: '教育、医疗、养老' });
    expect(groups.find((g: any) => g.id === groupA).liaison).toEqual({ name: '周敏', title: '工委委员' });

    const { id } = await newDelegate(emulator, { name: '新代表', groupId: groupA, stationId, bio: '热心公益' });
    await ok(emulator.call(STAFF, 'admin.delegates.update', { id, stationId: null, title: '退休教师' }));
    const delegate = await ok(emulator.call('resident', 'delegates.get', { id }));
    expect(delegate).toEqual({ id, name: '新代表', title: '退休教师', bio: '热心公益', groupId: groupA, active: true, bound: false });
  });

  it('refuses a delegate in a group or station that does not exist, writing nothing', async () => {
    const before = await snapshot(emulator, 'delegates', 'bindCodes');
    expect(await failure(emulator.call(STAFF, 'admin.delegates.create', { name: '某某', groupId: 'nope' }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'groupId',
    });
    expect(
      await failure(emulator.call(STAFF, 'admin.delegates.create', { name: '某某', groupId: groupA, stationId: 'nope' })),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'stationId' });
    expect(await snapshot(emulator, 'delegates', 'bindCodes')).toBe(before);
  });

  it('lists stations 家 first, then 站, then 点', async () => {
    await ok(emulator.call(STAFF, 'admin.stations.create', { kind: 'point', name: '农贸市场联络点', address: '花园街 21 号' }));
    await ok(emulator.call(STAFF, 'admin.stations.create', { kind: 'home', name: '人大代表之家', address: '清风路 18 号' }));
    const kinds = (await ok(emulator.call('resident', 'stations.list', {}))).items.map((s: any) => s.kind);
    expect(kinds).toEqual(['home', 'station', 'point']);
  });
});

describe('reception days', () => {
  it('a station shows its next reception; residents register interest once', async () => {
    const { items } = await ok(emulator.call('resident', 'delegates.list', { stationId }));
    const now = Date.now();
    const later = await ok(
      emulator.call(STAFF, 'admin.receptions.create', {
        stationId,
        startsAt: new Date(now + 9 * DAY).toISOString(),
        endsAt: new Date(now + 9 * DAY + 2 * 3600000).toISOString(),
        delegateIds: [items[1].id],
      }),
    );
    const sooner = await ok(
      emulator.call(STAFF, 'admin.receptions.create', {
        stationId,
        startsAt: new Date(now + 2 * DAY).toISOString(),
        endsAt: new Date(now + 2 * DAY + 2 * 3600000).toISOString(),
        delegateIds: [items[0].id, items[1].id],
        theme: '加装电梯',
      }),
    );
    const station = (await ok(emulator.call('resident', 'stations.list', {}))).items.find((s: any) => s.id === stationId);
    expect(station.nextReception).toMatchObject({
      id: sooner.id,
      theme: '加装电梯',
      delegates: [
        { id: items[0].id, name: items[0].name },
        { id: items[1].id, name: items[1].name },
      ],
    });

    const listed = await ok(emulator.call('resident', 'receptions.list', { stationId }));
    expect(listed.items.map((r: any) => r.id)).toEqual([sooner.id, later.id]);

    expect(await ok(emulator.call('resident-1', 'receptions.register', { receptionId: sooner.id }))).toEqual({ interestCount: 1 });
    expect(await ok(emulator.call('resident-1', 'receptions.register', { receptionId: sooner.id }))).toEqual({ interestCount: 1 });
    expect(await ok(emulator.call('resident-2', 'receptions.register', { receptionId: sooner.id }))).toEqual({ interestCount: 2 });

    // Once the sooner one is over, the station shows the later one.
    await emulator.advanceClock(3 * DAY);
    const afterwards = (await ok(emulator.call('resident', 'stations.list', {}))).items.find((s: any) => s.id === stationId);
    expect(afterwards.nextReception.id).toBe(later.id);
    expect((await failure(emulator.call('resident-3', 'receptions.register', { receptionId: sooner.id }))).code).toBe(
      'FAILED_PRECONDITION',
    );
  });

  it('refuses a roster that ends before it starts or names an unknown delegate', async () => {
    const at = Date.now() + 20 * DAY;
    expect(
      await failure(
        emulator.call(STAFF, 'admin.receptions.create', {
          stationId,
          startsAt: new Date(at).toISOString(),
          endsAt: new Date(at - 1000).toISOString(),
          delegateIds: ['x'],
        }),
      ),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'endsAt' });
    expect(
      await failure(
        emulator.call(STAFF, 'admin.receptions.create', {
          stationId,
          startsAt: new Date(at).toISOString(),
          endsAt: new Date(at + 3600000).toISOString(),
          delegateIds: ['nobody'],
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'delegateIds.0' });
  });
});

describe('代表码 and 站点码', () => {
  it('gives staff a PNG whose scene names the delegate or the station, within 32 characters', async () => {
    const { items } = await ok(emulator.call('resident', 'delegates.list', {}));
    const code = await ok(emulator.call(STAFF, 'admin.codes.get', { kind: 'delegate', id: items[0].id }));
    expect(code.scene).toBe(`d=${items[0].id}`);
    expect(code.scene.length).toBeLessThanOrEqual(32);
    expect(code.page).toBe('packages/resident/compose/compose');
    expect(Buffer.from(code.imageBase64, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    expect((await ok(emulator.call(STAFF, 'admin.codes.get', { kind: 'station', id: stationId }))).scene).toBe(`s=${stationId}`);
    expect((await failure(emulator.call(STAFF, 'admin.codes.get', { kind: 'station', id: 'nope' }))).code).toBe('NOT_FOUND');
  });
});

describe('reception-month figures', () => {
  it('count what was collected and resolved from the messages themselves, in total and per station', async () => {
    const { id: delegateId, bindCode } = await newDelegate(emulator, { name: '统计代表', groupId: groupA, stationId });
    await ok(emulator.call('stats-delegate', 'delegates.bind', { code: bindCode }));
    const { id: elsewhere, bindCode: otherCode } = await newDelegate(emulator, { name: '别处代表', groupId: groupB });
    await ok(emulator.call('other-delegate', 'delegates.bind', { code: otherCode }));
    const send = (openid: string, to: string, n: number) =>
      ok(
        emulator.call(openid, 'messages.send', {
          delegateId: to,
          category: '社区治理',
          title: `楼道堆物${n}`,
          body: '楼道里堆满杂物，存在消防隐患。',
          requestId: `figures-${openid}-${n}`,
        }),
      );
    const sent = [
      await send('r-1', delegateId, 1),
      await send('r-2', delegateId, 2),
      await send('r-3', delegateId, 3),
      await send('r-4', elsewhere, 4),
    ];
    await ok(emulator.call('stats-delegate', 'messages.reply', { id: sent[0].id, body: '已联系物业清理。' }));
    await ok(emulator.call('stats-delegate', 'messages.transition', { id: sent[0].id, to: 'resolved' }));

    const stored = (await emulator.collection('messages')).find((m: any) => m._id === sent[0].id) as any;
    const month = shanghai(stored.createdAt).format('YYYY-MM');
    expect(await ok(emulator.call('resident', 'receptions.figures', { month, stationId }))).toEqual({
      month,
      stationId,
      collected: 3,
      resolved: 1,
    });
    expect(await ok(emulator.call('resident', 'receptions.figures', { month }))).toEqual({ month, collected: 4, resolved: 1 });
    expect(await requestsOfLast('receptions.figures')).toBe(1);
  });
});

describe('delegates.profile', () => {
  it('answers what the four reads gave the profile page, in one call of two requests', async () => {
    const { items } = await ok(emulator.call('resident', 'delegates.list', { stationId }));
    const id = items[0].id;
    const profile = await ok(emulator.call('resident', 'delegates.profile', { id }));
    expect(await requestsOfLast('delegates.profile')).toBe(2);
    const groups = (await ok(emulator.call('resident', 'groups.list', {}))).items;
    const stations = (await ok(emulator.call('resident', 'stations.list', {}))).items;
    expect(profile).toEqual({
      delegate: await ok(emulator.call('resident', 'delegates.get', { id })),
      group: groups.find((g: any) => g.id === groupA),
      station: stations.find((s: any) => s.id === stationId),
      stats: await ok(emulator.call('resident', 'delegates.stats', { id })),
    });
    // A delegate without a station has none in the answer; an unknown id is NOT_FOUND.
    const [elsewhere] = (await ok(emulator.call('resident', 'delegates.list', { groupId: groupB }))).items;
    expect(await ok(emulator.call('resident', 'delegates.profile', { id: elsewhere.id }))).not.toHaveProperty('station');
    expect(await failure(emulator.call('resident', 'delegates.profile', { id: 'nobody' }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'id',
    });
  });
});
