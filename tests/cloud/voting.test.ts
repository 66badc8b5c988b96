import fc from 'fast-check';
import { startTestEmulator } from '../support/emulator';
import {
  boundDelegate,
  campaignInput,
  countsOf,
  EARLY_CLOSE,
  EARLY_OPEN,
  ok,
  openCampaign,
  STAFF,
  votingState,
  type TestEmulator,
} from './voting-fixtures';
import { shanghai } from '../../cloudfunctions/api/src/platform/time';

// Vote campaigns through the real api function, the real SDK and the emulator.

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.stop());

const refusedWith = (code: string, field?: string) => ({ ok: false, error: field ? { code, field } : { code } });

describe('campaigns (staff)', () => {
  test('a new campaign is a draft that only staff see; residents neither list nor open it', async () => {
    const { id, projectIds } = await ok(emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ title: '草稿中的票选' })));
    expect(projectIds).toEqual(['p1', 'p2', 'p3', 'p4']);
    const drafts = await ok(emulator.call(STAFF, 'campaigns.list', { status: 'draft' }));
    expect(drafts.items.map((c: any) => c.id)).toContain(id);
    expect(drafts.items.find((c: any) => c.id === id)).toMatchObject({
      status: 'draft',
      resultsVisibility: 'after_close',
      projectCount: 4,
    });
    const publicList = await ok(emulator.call('res-peek', 'campaigns.list', {}));
    expect(publicList.items.map((c: any) => c.id)).not.toContain(id);
    expect(await emulator.call('res-peek', 'campaigns.list', { status: 'draft' })).toMatchObject(refusedWith('PERMISSION_DENIED'));
    expect(await emulator.call('res-peek', 'campaigns.get', { id })).toMatchObject(refusedWith('NOT_FOUND'));
    expect(await emulator.call('res-peek', 'admin.campaigns.create', campaignInput())).toMatchObject(refusedWith('PERMISSION_DENIED'));
  });

  test('bad rules are refused naming the field, and nothing is written', async () => {
    const before = (await emulator.collection('campaigns')).length;
    const tallies = (await emulator.collection('tallies')).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ maxChoices: 5 }, 'maxChoices'],
      [{ minChoices: 3, maxChoices: 2 }, 'maxChoices'],
      [{ closesAt: new Date(Date.now() - 1000).toISOString() }, 'closesAt'],
      [{ projects: [{ title: '唯一项目', summary: '说明', category: '其他' }] }, 'projects'],
      [{ eligibility: 'everyone' }, 'eligibility'],
      [{ secret: true }, ''],
    ];
    for (const [over, field] of cases) {
      const result = await emulator.call(STAFF, 'admin.campaigns.create', campaignInput(over));
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      if (field) expect((result as any).error.field).toBe(field);
      expect(typeof (result as any).error.message).toBe('string');
    }
    expect((await emulator.collection('campaigns')).length).toBe(before);
    expect((await emulator.collection('tallies')).length).toBe(tallies);
  });

  test('rules can change while draft and are frozen once the campaign is open', async () => {
    const { id } = await ok(emulator.call(STAFF, 'admin.campaigns.create', campaignInput()));
    await ok(emulator.call(STAFF, 'admin.campaigns.update', { id, maxChoices: 3, title: '修改后的标题' }));
    expect(await ok(emulator.call(STAFF, 'campaigns.get', { id }))).toMatchObject({
      maxChoices: 3,
      title: '修改后的标题',
      status: 'draft',
    });
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    expect(await ok(emulator.call(STAFF, 'admin.campaigns.open', { id, ...EARLY_OPEN }))).toEqual({ status: 'open' });
    const frozen = (await votingState(emulator, id)).campaign;
    for (const change of [
      { maxChoices: 1 },
      { closesAt: new Date(Date.now() + 48 * 3600_000).toISOString() },
      { projects: campaignInput().projects.slice(0, 2) },
    ]) {
      const result = await emulator.call(STAFF, 'admin.campaigns.update', { id, ...change });
      expect(result).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '票选已经开启，规则不能再修改' } });
    }
    expect((await votingState(emulator, id)).campaign).toEqual(frozen);
    expect(await emulator.call(STAFF, 'admin.campaigns.open', { id, ...EARLY_OPEN })).toMatchObject(refusedWith('FAILED_PRECONDITION'));
  });
});

describe('casting a ballot', () => {
  test('a voter gets a receipt and the day; the server keeps a marker without choices and a ballot without the voter', async () => {
    const { id } = await openCampaign(emulator);
    const { receipt, day } = await ok(emulator.call('res-alice', 'votes.cast', { campaignId: id, projectIds: ['p3', 'p1'] }));
    expect(receipt).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Whether and on which day: never what.
    expect(await ok(emulator.call('res-alice', 'votes.mine', { campaignId: id }))).toEqual({ voted: true, day });
    expect(await ok(emulator.call('res-bob', 'votes.mine', { campaignId: id }))).toEqual({ voted: false });
    const { ballots, shards, markers } = await votingState(emulator, id);
    expect(ballots).toHaveLength(1);
    expect(Object.keys(ballots[0]).sort()).toEqual(['_id', 'campaignId', 'day', 'projectIds', 'receiptHash', 'shard', 'streetId']);
    expect(ballots[0]).toMatchObject({ projectIds: ['p1', 'p3'], day });
    expect(ballots[0]._id).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify(ballots[0])).not.toContain('res-alice');
    expect(JSON.stringify(ballots[0])).not.toContain(receipt);
    expect(markers).toHaveLength(1);
    expect(Object.keys(markers[0]).sort()).toEqual(['_id', 'campaignId', 'day']);
    expect(markers[0]._id).toMatch(/^[0-9a-f]{64}$/);
    expect(shards.reduce((n: number, s: any) => n + s.ballots, 0)).toBe(1);
  });

  test('a resend with the same requestId gets the same receipt and counts once; another request is a second vote, refused', async () => {
    const { id } = await openCampaign(emulator, { title: '重发' });
    const first = await ok(emulator.call('res-resend', 'votes.cast', { campaignId: id, projectIds: ['p2'], requestId: 'resend-0001' }));
    const again = await ok(emulator.call('res-resend', 'votes.cast', { campaignId: id, projectIds: ['p2'], requestId: 'resend-0001' }));
    expect(again).toEqual(first);
    expect(await emulator.call('res-resend', 'votes.cast', { campaignId: id, projectIds: ['p2'], requestId: 'resend-0002' })).toMatchObject(
      refusedWith('ALREADY_EXISTS'),
    );
    // Another person's resend of a stolen requestId is that person's own ballot, with its own receipt.
    const other = await ok(emulator.call('res-other', 'votes.cast', { campaignId: id, projectIds: ['p1'], requestId: 'resend-0001' }));
    expect(other.receipt).not.toBe(first.receipt);
    const { ballots, markers } = await votingState(emulator, id);
    expect([ballots.length, markers.length]).toEqual([2, 2]);
    // The first answer is stored nowhere: no idempotency record, and the marker keeps only a keyed hash of the key.
    expect(JSON.stringify(await emulator.collection('requests'))).not.toContain(first.receipt);
    expect(JSON.stringify(markers)).not.toContain('resend-0001');
    expect(await ok(emulator.call('res-stranger', 'votes.verify', { campaignId: id, receipt: first.receipt }))).toEqual({
      counted: true,
      day: first.day,
    });
  });

  test('every refusal says why and writes nothing', async () => {
    const { id } = await openCampaign(emulator, { minChoices: 2, maxChoices: 2 });
    await ok(emulator.call('res-twice', 'votes.cast', { campaignId: id, projectIds: ['p1', 'p2'] }));
    const before = await votingState(emulator, id);
    const attempts: [string, Record<string, unknown>, string, string][] = [
      ['res-few', { projectIds: ['p1'] }, 'INVALID_ARGUMENT', '请至少选择 2 个项目'],
      ['res-many', { projectIds: ['p1', 'p2', 'p3'] }, 'INVALID_ARGUMENT', '最多只能选择 2 个项目'],
      ['res-unknown', { projectIds: ['p1', 'p99'] }, 'INVALID_ARGUMENT', '所选项目不在本次票选中，请刷新后重试'],
      ['res-dup', { projectIds: ['p2', 'p2'] }, 'INVALID_ARGUMENT', '不能重复选择同一个项目'],
      ['res-twice', { projectIds: ['p3', 'p4'] }, 'ALREADY_EXISTS', '您已经投过票了，每人只能投一次'],
      ['res-none', { projectIds: [] }, 'INVALID_ARGUMENT', ''],
      ['res-extra', { projectIds: ['p1', 'p2'], openid: 'someone-else' }, 'INVALID_ARGUMENT', ''],
      ['res-missing', { campaignId: 'c0000000000000000', projectIds: ['p1', 'p2'] }, 'NOT_FOUND', '票选不存在或已删除'],
    ];
    for (const [openid, payload, code, message] of attempts) {
      const result = await emulator.call(openid, 'votes.cast', { campaignId: id, ...payload } as any);
      expect(result).toMatchObject({ ok: false, error: { code } });
      if (message) expect((result as any).error.message).toBe(message);
    }
    expect(await votingState(emulator, id)).toEqual(before);
  });

  test('no ballot before opening or after closing', async () => {
    const { id } = await ok(emulator.call(STAFF, 'admin.campaigns.create', campaignInput()));
    expect(await emulator.call('res-early', 'votes.cast', { campaignId: id, projectIds: ['p1'] })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '投票尚未开始，请在开始后再来' },
    });
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    expect(await emulator.call('res-early', 'votes.cast', { campaignId: id, projectIds: ['p1'] })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '投票尚未开始，请在开始后再来' },
    });
    await ok(emulator.call(STAFF, 'admin.campaigns.open', { id, ...EARLY_OPEN }));
    await ok(emulator.call('res-ontime', 'votes.cast', { campaignId: id, projectIds: ['p1'] }));
    await ok(emulator.call(STAFF, 'admin.campaigns.close', { id, ...EARLY_CLOSE }));
    expect(await emulator.call('res-late', 'votes.cast', { campaignId: id, projectIds: ['p1'] })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '投票已经截止' },
    });
    expect((await votingState(emulator, id)).ballots).toHaveLength(1);
  });

  test('a delegate-only campaign refuses residents and accepts a bound delegate', async () => {
    const { id } = await openCampaign(emulator, { eligibility: 'delegates', title: '代表票决' });
    await boundDelegate(emulator, 'voting-delegate', '投票代表');
    expect(await emulator.call('res-not-delegate', 'votes.cast', { campaignId: id, projectIds: ['p1'] })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED', message: '本次票选仅限人大代表参加' },
    });
    await ok(emulator.call('voting-delegate', 'votes.cast', { campaignId: id, projectIds: ['p1'] }));
    expect((await votingState(emulator, id)).ballots).toHaveLength(1);
    expect(await ok(emulator.call('res-not-delegate', 'votes.mine', { campaignId: id }))).toEqual({ voted: false });
  });

  test('a delegate votes once whatever WeChat account they rebind; a deactivated delegate cannot vote', async () => {
    const { id } = await openCampaign(emulator, { eligibility: 'delegates', title: '代表票决（换绑）' });
    const { delegateId } = await boundDelegate(emulator, 'dlg-old-phone', '换绑代表');
    const { day } = await ok(emulator.call('dlg-old-phone', 'votes.cast', { campaignId: id, projectIds: ['p2'] }));
    // The code is reissued and bound on a new phone: the same delegate, so the same voter.
    const { bindCode } = await ok(emulator.call(STAFF, 'admin.delegates.reissueCode', { id: delegateId }));
    await ok(emulator.call('dlg-new-phone', 'delegates.bind', { code: bindCode }));
    expect(await ok(emulator.call('dlg-new-phone', 'votes.mine', { campaignId: id }))).toEqual({ voted: true, day });
    expect(await emulator.call('dlg-new-phone', 'votes.cast', { campaignId: id, projectIds: ['p3'] })).toMatchObject(
      refusedWith('ALREADY_EXISTS'),
    );
    // The old phone is no longer a delegate's.
    expect(await emulator.call('dlg-old-phone', 'votes.cast', { campaignId: id, projectIds: ['p3'] })).toMatchObject(
      refusedWith('PERMISSION_DENIED'),
    );
    const { delegateId: leaving } = await boundDelegate(emulator, 'dlg-leaving', '离任代表');
    await ok(emulator.call(STAFF, 'admin.delegates.update', { id: leaving, active: false }));
    expect(await emulator.call('dlg-leaving', 'votes.cast', { campaignId: id, projectIds: ['p1'] })).toMatchObject(
      refusedWith('PERMISSION_DENIED'),
    );
    expect((await votingState(emulator, id)).ballots).toHaveLength(1);
  });

  test('random payloads give structured errors and write nothing', async () => {
    const { id } = await openCampaign(emulator, { title: '随机输入' });
    const before = await votingState(emulator, id);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              campaignId: fc.oneof(fc.constant(id), fc.string()),
              projectIds: fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 60 }),
            },
            { requiredKeys: [] },
          ),
        ),
        async (payload) => {
          const result = await emulator.call('res-fuzz', 'votes.cast', payload as any);
          if (!result.ok) expect(Object.keys((result as any).error).sort()).toEqual(expect.arrayContaining(['code', 'message']));
          else expect((result as any).data.receipt).toBeDefined();
        },
      ),
      { numRuns: 60 },
    );
    const after = await votingState(emulator, id);
    // At most the one well-formed ballot the fuzzer may have produced.
    expect(after.ballots.length).toBeLessThanOrEqual(before.ballots.length + 1);
    const counts = await countsOf(emulator, id);
    expect(counts.fromShards).toEqual(counts.fromBallots);
  });
});

describe('any input', () => {
  const ACTIONS = [
    'campaigns.list',
    'campaigns.get',
    'campaigns.results',
    'campaigns.openData',
    'votes.cast',
    'votes.mine',
    'votes.verify',
    'projects.list',
    'admin.campaigns.create',
    'admin.campaigns.update',
    'admin.campaigns.schedule',
    'admin.campaigns.unschedule',
    'admin.campaigns.open',
    'admin.campaigns.close',
    'admin.campaigns.publish',
    'admin.campaigns.select',
    'admin.campaigns.exportBallots',
  ] as const;
  const CODES = ['INVALID_ARGUMENT', 'NOT_FOUND', 'PERMISSION_DENIED', 'FAILED_PRECONDITION', 'ALREADY_EXISTS'];

  test('random payloads to every voting action give structured errors and write nothing', async () => {
    await openCampaign(emulator, { title: '随机输入（全部操作）' });
    const sizes = async () =>
      Promise.all(['campaigns', 'ballots', 'tallies', 'projects'].map(async (name) => (await emulator.collection(name)).length));
    const before = await sizes();
    for (const action of ACTIONS) {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.anything(),
            fc.dictionary(
              fc.constantFrom('id', 'campaignId', 'projectIds', 'cursor', 'receipt', 'status', 'year', 'reason'),
              fc.anything(),
            ),
          ),
          fc.constantFrom(STAFF, 'res-fuzz-all'),
          async (payload, openid) => {
            const result = await emulator.call(openid, action, payload as any);
            if (!result.ok) {
              expect(CODES).toContain((result as any).error.code);
              expect((result as any).error.message).toMatch(/[\u4e00-\u9fa5]/);
            }
          },
        ),
        { numRuns: 15 },
      );
    }
    expect(await sizes()).toEqual(before);
  });
});

describe('database round trips', () => {
  test('each read costs one query and a ballot one transaction around its shard', async () => {
    const { id } = await openCampaign(emulator, { title: '请求计数', resultsVisibility: 'live' });
    const { receipt } = await ok(emulator.call('res-cost', 'votes.cast', { campaignId: id, projectIds: ['p1'] }));
    for (const [action, payload] of [
      ['campaigns.list', {}],
      ['campaigns.get', { id }],
      ['campaigns.results', { id }],
      ['votes.mine', { campaignId: id }],
      ['votes.verify', { campaignId: id, receipt }],
    ] as const) {
      await ok(emulator.call('res-cost', action, payload as any));
      const [last] = await emulator.calls();
      expect([last.action, last.databaseRequests]).toEqual([action, 1]);
    }
    await ok(emulator.call('res-cost-2', 'votes.cast', { campaignId: id, projectIds: ['p2'], requestId: 'cost-0001' }));
    const [cast] = await emulator.calls();
    // The open campaign is known to the warm instance: the marker check, then start, increment the
    // shard (its lock and its closed check at once), insert the marker, insert the ballot, commit.
    expect([cast.action, cast.databaseReads, cast.databaseWrites]).toEqual(['votes.cast', 1, 5]);
    expect(cast.databaseRequests).toBeLessThanOrEqual(6);
    // A refused repeat opens no transaction: one read (two on a cold instance, with the campaign).
    expect(await emulator.call('res-cost-2', 'votes.cast', { campaignId: id, projectIds: ['p2'] })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_EXISTS' },
    });
    const [repeat] = await emulator.calls();
    expect([repeat.databaseReads, repeat.databaseWrites]).toEqual([1, 0]);
    // The resend of a lost answer costs the same one read.
    await ok(emulator.call('res-cost-2', 'votes.cast', { campaignId: id, projectIds: ['p2'], requestId: 'cost-0001' }));
    const [resend] = await emulator.calls();
    expect(resend.databaseRequests).toBe(1);

    // A delegates' 票决 reads the caller's record (the voter key is the delegate) instead of the marker:
    // the same 6 requests.
    const formal = await openCampaign(emulator, { eligibility: 'delegates', title: '请求计数（代表）' });
    await boundDelegate(emulator, 'dlg-cost', '计数代表');
    await ok(emulator.call('dlg-cost', 'votes.mine', { campaignId: formal.id }));
    await ok(emulator.call('dlg-cost', 'votes.cast', { campaignId: formal.id, projectIds: ['p1'] }));
    const [delegateCast] = await emulator.calls();
    expect([delegateCast.databaseReads, delegateCast.databaseWrites]).toEqual([1, 5]);
    expect(await emulator.call('dlg-cost', 'votes.cast', { campaignId: formal.id, projectIds: ['p1'] })).toMatchObject(
      refusedWith('ALREADY_EXISTS'),
    );
    // Its repeat is refused by the marker's insert (start, insert, rollback) and the marker's read.
    const [delegateRepeat] = await emulator.calls();
    expect([delegateRepeat.databaseReads, delegateRepeat.databaseWrites]).toEqual([2, 3]);
  });
});

describe('receipts', () => {
  test('verify says counted and when, never who or what; a wrong or foreign receipt is not counted', async () => {
    const { id } = await openCampaign(emulator);
    const other = await openCampaign(emulator, { title: '另一场票选' });
    const { receipt, day } = await ok(emulator.call('res-verify', 'votes.cast', { campaignId: id, projectIds: ['p2'] }));
    const answer = await ok(emulator.call('res-stranger', 'votes.verify', { campaignId: id, receipt: receipt.toLowerCase() }));
    expect(answer).toEqual({ counted: true, day });
    const text = JSON.stringify(answer);
    expect(text).not.toContain('res-verify');
    expect(text).not.toContain('p2');
    expect(await ok(emulator.call('res-stranger', 'votes.verify', { campaignId: id, receipt: 'AAAA-BBBB-CCCC' }))).toEqual({
      counted: false,
    });
    expect(await ok(emulator.call('res-stranger', 'votes.verify', { campaignId: other.id, receipt }))).toEqual({ counted: false });
    expect(await emulator.call('res-stranger', 'votes.verify', { campaignId: id, receipt: '<script>' })).toMatchObject(
      refusedWith('INVALID_ARGUMENT', 'receipt'),
    );
  });
});

describe('results', () => {
  test('after_close seals running totals from everyone, staff included, until the close; live shows them', async () => {
    const hidden = await openCampaign(emulator, { title: '截止后公布' });
    const live = await openCampaign(emulator, { title: '实时公布', resultsVisibility: 'live' });
    for (const c of [hidden, live]) await ok(emulator.call('res-r1', 'votes.cast', { campaignId: c.id, projectIds: ['p2', 'p4'] }));
    expect(await emulator.call('res-r2', 'campaigns.results', { id: hidden.id })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED', message: '本次票选在投票截止后公布结果' },
    });
    expect(await emulator.call(STAFF, 'campaigns.results', { id: hidden.id })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED', message: '投票截止前任何人（包括工作人员）都不能查看票数' },
    });
    expect(await emulator.call(STAFF, 'admin.campaigns.exportBallots', { id: hidden.id })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '投票截止后才能导出选票' },
    });
    const running = await ok(emulator.call('res-r2', 'campaigns.results', { id: live.id }));
    expect(running).toMatchObject({ ballots: 1, final: false });
    expect(running.totals.slice(0, 2)).toEqual([
      { projectId: 'p2', votes: 1, share: 1, rank: 1 },
      { projectId: 'p4', votes: 1, share: 1, rank: 1 },
    ]);
    expect(running.totals).toHaveLength(4);
  });

  test('close recounts, publish publishes, voters are told, staff select projects and export ballots', async () => {
    const { id } = await openCampaign(emulator, { title: '全流程票选' });
    const choices: [string, string[]][] = [
      ['v1', ['p1', 'p2']],
      ['v2', ['p1']],
      ['v3', ['p3', 'p1']],
      ['v4', ['p2']],
    ];
    for (const [openid, projectIds] of choices) await ok(emulator.call(openid, 'votes.cast', { campaignId: id, projectIds }));
    expect(await emulator.call(STAFF, 'admin.campaigns.publish', { id })).toMatchObject(refusedWith('FAILED_PRECONDITION'));

    const closed = await ok(emulator.call(STAFF, 'admin.campaigns.close', { id, ...EARLY_CLOSE }));
    expect(closed).toMatchObject({ status: 'closed', recount: { ballots: 4, shardBallots: 4, matches: true } });
    // Closed: staff check the count; everyone else waits for publishing, and nobody but staff reads the recount.
    expect(await emulator.call('someone', 'campaigns.results', { id })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED', message: '结果正在复核，公布后即可查看' },
    });
    const peek = await ok(emulator.call('someone', 'campaigns.get', { id }));
    expect([peek.results, peek.recount]).toEqual([undefined, undefined]);
    expect(await emulator.call('someone', 'campaigns.openData', { id })).toMatchObject(refusedWith('FAILED_PRECONDITION'));
    expect((await ok(emulator.call(STAFF, 'campaigns.get', { id }))).recount).toMatchObject({ matches: true });
    const checked = await ok(emulator.call(STAFF, 'campaigns.results', { id }));
    expect(checked).toMatchObject({ ballots: 4, final: true });
    expect(checked.totals.map((t: any) => [t.projectId, t.votes, t.rank])).toEqual([
      ['p1', 3, 1],
      ['p2', 2, 2],
      ['p3', 1, 3],
      ['p4', 0, 4],
    ]);

    // v1 accepted the subscription when voting; the others did not, so nothing is queued for them.
    await emulator.grantSubscription('v1', 'voteResult');
    await ok(emulator.call('v1', 'subscriptions.record', { accepted: ['voteResult'] }));
    expect(await ok(emulator.call(STAFF, 'admin.campaigns.publish', { id }))).toMatchObject({
      status: 'published',
      recount: { matches: true },
    });
    const results = await ok(emulator.call('someone', 'campaigns.results', { id }));
    expect(results).toEqual(checked);
    const published = await ok(emulator.call('someone', 'campaigns.get', { id }));
    expect(published.results.totals[0]).toEqual({ projectId: 'p1', votes: 3, share: 0.75, rank: 1 });
    expect(published.recount).toBeUndefined();
    const outbox = ((await emulator.collection('outbox')) as any[]).filter((n) => n.dedupeKey?.startsWith(`voteResult:${id}:`));
    expect(outbox.map((n) => n.recipient)).toEqual(['v1']);
    expect(outbox[0]).toMatchObject({ templateKey: 'voteResult', page: `packages/resident/results/results?id=${id}` });
    await emulator.timer();
    const told = (await emulator.deliveries()).filter(
      (d) => d.page === `packages/resident/results/results?id=${id}` && d.result.errCode === 0,
    );
    expect(told.map((d) => [d.recipient, d.templateKey])).toEqual([['v1', 'voteResult']]);

    expect(await ok(emulator.call(STAFF, 'admin.campaigns.select', { id, projectIds: ['p1', 'p2'] }))).toEqual({ selected: ['p1', 'p2'] });
    await ok(emulator.call(STAFF, 'admin.campaigns.select', { id, projectIds: ['p1'] }));
    const year = shanghai(Date.now() + 24 * 3600_000).year();
    const adopted = await ok(emulator.call('someone', 'projects.list', { year }));
    expect(adopted.items.filter((p: any) => p.campaignId === id).map((p: any) => [p.title, p.votes])).toEqual([['老旧小区加装电梯', 3]]);

    const exported = await ok(emulator.call(STAFF, 'admin.campaigns.exportBallots', { id }));
    const lines = exported.csv.split('\n');
    expect(lines[0]).toBe('choices,day');
    expect(
      lines
        .slice(1)
        .map((l: string) => l.split(',')[0])
        .sort(),
    ).toEqual(['p1', 'p1;p2', 'p1;p3', 'p2']);
    expect(exported).toMatchObject({ rows: 4, nextCursor: null });
    // In ballot-id order (random), never in the order cast; no receipt hash, no voter.
    const { ballots } = await votingState(emulator, id);
    const byId = [...ballots].sort((a: any, b: any) => (a._id < b._id ? -1 : 1));
    expect(lines.slice(1)).toEqual(byId.map((b: any) => `${b.projectIds.join(';')},${b.day}`));
    for (const b of ballots) expect(exported.csv).not.toContain(b.receiptHash);
    for (const openid of ['v1', 'v2', 'v3', 'v4']) expect(exported.csv).not.toContain(openid);
    expect(await emulator.call('v1', 'admin.campaigns.exportBallots', { id })).toMatchObject(refusedWith('PERMISSION_DENIED'));
    // Published: the same file is open data, with the totals beside it.
    const open = await ok(emulator.call('anyone-at-all', 'campaigns.openData', { id }));
    expect(open).toMatchObject({ campaignId: id, csv: exported.csv, rows: 4, nextCursor: null, results: { ballots: 4, final: true } });
    expect(open.results.totals).toEqual(results.totals);
    expect(open.projects[0]).toEqual({ id: 'p1', title: '老旧小区加装电梯' });
  });

  test('the timer opens a scheduled campaign at its opening time and closes it at its closing time', async () => {
    const hour = 3600_000;
    const times = { opensAt: new Date(Date.now() + hour).toISOString(), closesAt: new Date(Date.now() + 2 * hour).toISOString() };
    const { id } = await ok(emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ title: '定时票选', ...times })));
    // A draft whose opening passes stays a draft: half-edited rules never open by themselves.
    const draft = await ok(emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ title: '未排期的草稿', ...times })));
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    await emulator.timer();
    expect((await votingState(emulator, id)).campaign.status).toBe('scheduled');
    await emulator.advanceClock(hour + 60_000);
    await emulator.timer();
    expect((await votingState(emulator, id)).campaign.status).toBe('open');
    expect((await votingState(emulator, draft.id)).campaign.status).toBe('draft');
    await ok(emulator.call('res-timer', 'votes.cast', { campaignId: id, projectIds: ['p4'] }));
    await emulator.advanceClock(hour);
    await emulator.timer();
    const { campaign } = await votingState(emulator, id);
    expect(campaign.status).toBe('closed');
    expect(campaign.recount).toMatchObject({ ballots: 1, matches: true });
    expect((await votingState(emulator, draft.id)).campaign.status).toBe('draft');
  });
});
