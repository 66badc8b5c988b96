import { addBatch, checkFigures, comparePaper, differences, paperTotals } from '../../cloudfunctions/api/src/paper/rules';
import { startTestEmulator } from '../support/emulator';
import { failure, newStation } from './directory-fixtures';
import { campaignInput, EARLY_CLOSE, ok, openCampaign, STAFF, votingState, refusal, type TestEmulator } from './voting-fixtures';

// Paper ballots at 家站点 (docs/architecture.md#paper-ballots): a station's batch is entered by one
// staff member and entered again, blind, by another; only agreeing entries count, in the results and
// in the recount.

const SECOND = 'paper-second-staff';
const campaignRules = {
  status: 'open',
  eligibility: 'residents',
  minChoices: 1,
  maxChoices: 2,
  projects: ['p1', 'p2', 'p3'].map((id) => ({ id, title: `项目${id}` })),
};

describe('a count sheet’s figures (pure)', () => {
  test('every project has a number, none above the ballots, the sum within ballots × min..max choices', () => {
    expect(checkFigures(campaignRules, { ballots: 10, votes: { p3: 5, p1: 9, p2: 6 } })).toEqual({
      ballots: 10,
      votes: { p1: 9, p2: 6, p3: 5 },
    });
    expect(refusal(() => checkFigures(campaignRules, { ballots: 10, votes: { p1: 9, p2: 6 } }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'votes.p3',
      message: '请填写「项目p3」的票数（没有票填 0）',
    });
    expect(refusal(() => checkFigures(campaignRules, { ballots: 10, votes: { p1: 11, p2: 0, p3: 0 } })).field).toBe('votes.p1');
    expect(refusal(() => checkFigures(campaignRules, { ballots: 10, votes: { p1: 10, p2: 10, p3: 1 } })).message).toContain(
      '超过了选票张数 × 最多可选数（10 × 2）',
    );
    expect(refusal(() => checkFigures(campaignRules, { ballots: 10, votes: { p1: 3, p2: 3, p3: 3 } })).message).toContain(
      '少于选票张数 × 最少应选数（10 × 1）',
    );
    expect(refusal(() => checkFigures(campaignRules, { ballots: 1, votes: { p1: 1, p2: 0, p3: 0, p9: 0 } })).field).toBe('votes');
  });

  test('two entries differ by named figures, never by the first entry’s values', () => {
    const first = { ballots: 10, votes: { p1: 9, p2: 6, p3: 5 } };
    expect(differences(campaignRules, first, first)).toEqual([]);
    const found = differences(campaignRules, first, { ballots: 11, votes: { p1: 9, p2: 7, p3: 5 } });
    expect(found).toEqual(['选票张数', '「项目p2」的票数']);
    expect(found.join()).not.toMatch(/\d{2}|6|7/);
  });

  test('the running total and the batches added up again agree, or the recount names the difference', () => {
    const a = { ballots: 10, votes: { p1: 9, p2: 6, p3: 5 } };
    const b = { ballots: 4, votes: { p1: 1, p2: 4, p3: 0 } };
    const kept = addBatch(addBatch(undefined, a), b);
    expect(kept).toEqual({ batches: 2, ballots: 14, votes: { p1: 10, p2: 10, p3: 5 } });
    const batches = [
      { status: 'confirmed' as const, figures: a },
      { status: 'confirmed' as const, figures: b },
      { status: 'pending' as const, figures: a },
    ];
    expect(paperTotals(batches)).toEqual(kept);
    expect(comparePaper(paperTotals(batches), kept, ['p1', 'p2', 'p3'])).toEqual([]);
    expect(comparePaper(paperTotals(batches.slice(0, 1)), kept, ['p1', 'p2', 'p3'])).toHaveLength(3);
  });
});

describe('through the function', () => {
  let emulator: TestEmulator;
  let station: string;
  let otherStation: string;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    await ok(emulator.call(STAFF, 'admin.staff.grant', { openid: SECOND }));
    station = await newStation(emulator, '清风社区代表之家');
    otherStation = await newStation(emulator, '花园社区联络站');
  });
  afterAll(() => emulator?.stop());

  const docs = async (name: string) => (await emulator.collection(name)) as any[];
  const stored = async () => JSON.stringify([await docs('paperBatches'), await docs('campaigns'), await docs('audit')]);
  const sheet = (ballots: number, p1: number, p2: number, p3: number, p4 = 0) => ({ ballots, votes: { p1, p2, p3, p4 } });

  test('entered, confirmed by another staff member, counted in results and recount as online + paper', async () => {
    const { id } = await openCampaign(emulator, { title: '纸质票计入' });
    await ok(emulator.call('paper-voter-1', 'votes.cast', { campaignId: id, projectIds: ['p1', 'p2'] }));
    await ok(emulator.call('paper-voter-2', 'votes.cast', { campaignId: id, projectIds: ['p2'] }));

    const { id: batch } = await ok(
      emulator.call(STAFF, 'admin.paper.enter', { campaignId: id, stationId: station, ...sheet(10, 9, 6, 5) }),
    );
    // The one who entered cannot confirm; a pending batch's figures are not shown to anyone.
    expect(await failure(emulator.call(STAFF, 'admin.paper.confirm', { id: batch, ...sheet(10, 9, 6, 5) }))).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: '复核须由另一位工作人员完成，录入人不能复核自己的录入',
    });
    const pending = await ok(emulator.call(SECOND, 'admin.paper.list', { campaignId: id }));
    expect(pending.items).toEqual([
      expect.objectContaining({ id: batch, status: 'pending', stationName: '清风社区代表之家', mismatches: 0 }),
    ]);
    expect(pending.items[0].figures).toBeUndefined();
    expect(pending.confirmed).toEqual({ batches: 0, ballots: 0, votes: {} });

    // A second entry that disagrees: which figures differ, nothing counts.
    const before = (await votingState(emulator, id)).campaign;
    expect(await ok(emulator.call(SECOND, 'admin.paper.confirm', { id: batch, ...sheet(10, 9, 5, 5) }))).toEqual({
      status: 'mismatch',
      differences: ['「社区食堂」的票数'],
    });
    expect((await votingState(emulator, id)).campaign.paper).toEqual(before.paper);
    expect((await ok(emulator.call(STAFF, 'admin.paper.list', { campaignId: id }))).items[0]).toMatchObject({
      status: 'pending',
      mismatches: 1,
    });

    expect(await ok(emulator.call(SECOND, 'admin.paper.confirm', { id: batch, ...sheet(10, 9, 6, 5) }))).toEqual({ status: 'confirmed' });
    const listed = await ok(emulator.call(STAFF, 'admin.paper.list', { campaignId: id }));
    expect(listed.items[0]).toMatchObject({ status: 'confirmed', confirmedBy: SECOND, enteredBy: STAFF, figures: sheet(10, 9, 6, 5) });
    expect(listed.confirmed).toEqual({ batches: 1, ballots: 10, votes: { p1: 9, p2: 6, p3: 5, p4: 0 } });

    // Counted batches stand: neither entered again nor confirmed twice.
    expect(
      (await failure(emulator.call(SECOND, 'admin.paper.enter', { campaignId: id, stationId: station, ...sheet(1, 1, 0, 0) }))).code,
    ).toBe('ALREADY_EXISTS');
    expect((await failure(emulator.call(SECOND, 'admin.paper.confirm', { id: batch, ...sheet(10, 9, 6, 5) }))).code).toBe(
      'FAILED_PRECONDITION',
    );

    const closed = await ok(emulator.call(STAFF, 'admin.campaigns.close', { id, ...EARLY_CLOSE }));
    expect(closed.recount).toMatchObject({ ballots: 2, shardBallots: 2, paperBallots: 10, matches: true });
    await ok(emulator.call(STAFF, 'admin.campaigns.publish', { id }));
    const campaign = await ok(emulator.call('paper-reader', 'campaigns.get', { id }));
    expect(campaign.results.ballots).toBe(12);
    expect(campaign.results.totals.slice(0, 3).map((t: any) => [t.projectId, t.votes])).toEqual([
      ['p1', 10],
      ['p2', 8],
      ['p3', 5],
    ]);
    expect(campaign.results.sources).toEqual({
      online: { ballots: 2, votes: { p1: 1, p2: 2 } },
      paper: { batches: 1, ballots: 10, votes: { p1: 9, p2: 6, p3: 5, p4: 0 } },
    });
    // Paper is closed once results are final.
    expect(
      (await failure(emulator.call(STAFF, 'admin.paper.enter', { campaignId: id, stationId: otherStation, ...sheet(1, 1, 0, 0) }))).message,
    ).toBe('结果已经公布，不能再录入纸质票');

    // Every step is in the trail, the mismatch with the figures it names.
    const trail = await ok(emulator.call(STAFF, 'admin.audit.list', { subject: batch }));
    expect(trail.items.map((e: any) => [e.action, e.actor, e.from, e.to, e.reason])).toEqual([
      ['admin.paper.confirm', SECOND, 'pending', 'confirmed', undefined],
      ['admin.paper.confirm', SECOND, 'pending', 'pending', '两次录入不一致：「社区食堂」的票数'],
      ['admin.paper.enter', STAFF, undefined, 'pending', undefined],
    ]);
  });

  test('publishing waits for every batch to be confirmed or discarded; a discarded station is entered again', async () => {
    const { id } = await openCampaign(emulator, { title: '纸质票待复核' });
    const { id: batch } = await ok(emulator.call(STAFF, 'admin.paper.enter', { campaignId: id, stationId: station, ...sheet(3, 3, 0, 0) }));
    expect(
      (await failure(emulator.call(SECOND, 'admin.paper.enter', { campaignId: id, stationId: station, ...sheet(3, 3, 0, 0) }))).message,
    ).toBe('该站点已有待复核的纸质票，请由另一位工作人员复核，或作废后重新录入');
    await ok(emulator.call(STAFF, 'admin.campaigns.close', { id, ...EARLY_CLOSE }));
    const unchanged = (await votingState(emulator, id)).campaign;
    expect(await failure(emulator.call(STAFF, 'admin.campaigns.publish', { id }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: '还有 1 个站点的纸质票未复核，请复核或作废后再公布',
    });
    expect((await votingState(emulator, id)).campaign).toEqual(unchanged);

    expect((await failure(emulator.call(SECOND, 'admin.paper.discard', { id: batch } as any))).field).toBe('reason');
    await ok(emulator.call(SECOND, 'admin.paper.discard', { id: batch, reason: '录入时看错了站点的统计表' }));
    // Entered again (after the close: paper is counted at stations once voting ends), confirmed, published.
    await ok(emulator.call(SECOND, 'admin.paper.enter', { campaignId: id, stationId: station, ...sheet(4, 4, 1, 0) }));
    await ok(emulator.call(STAFF, 'admin.paper.confirm', { id: batch, ...sheet(4, 4, 1, 0) }));
    const published = await ok(emulator.call(STAFF, 'admin.campaigns.publish', { id }));
    expect(published.recount).toMatchObject({ paperBallots: 4, matches: true });
    expect((await ok(emulator.call('paper-reader', 'campaigns.get', { id }))).results.ballots).toBe(4);
    const trail = await ok(emulator.call(STAFF, 'admin.audit.list', { subject: batch }));
    expect(trail.items.map((e: any) => [e.action, e.to, e.reason ?? ''])).toEqual([
      ['admin.paper.confirm', 'confirmed', ''],
      ['admin.paper.enter', 'pending', ''],
      ['admin.paper.discard', 'discarded', '录入时看错了站点的统计表'],
      ['admin.paper.enter', 'pending', ''],
    ]);
  });

  test('bad batches are refused with the field named in Chinese, and nothing is written', async () => {
    const { id } = await openCampaign(emulator, { title: '纸质票错误输入', maxChoices: 2 });
    const draft = await ok(emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ title: '纸质票草稿' })));
    const delegates = await openCampaign(emulator, { title: '代表票决纸质票', eligibility: 'delegates' });
    const before = await stored();
    const cases: [string, Record<string, unknown>, string, string][] = [
      [STAFF, { campaignId: id, stationId: station, ...sheet(10, 11, 0, 0) }, 'INVALID_ARGUMENT', 'votes.p1'],
      [STAFF, { campaignId: id, stationId: station, ballots: 10, votes: { p1: 5, p2: 5 } }, 'INVALID_ARGUMENT', 'votes.p3'],
      [STAFF, { campaignId: id, stationId: station, ...sheet(2, 2, 2, 2, 0) }, 'INVALID_ARGUMENT', 'votes'],
      [STAFF, { campaignId: id, stationId: station, ...sheet(-1, 0, 0, 0) }, 'INVALID_ARGUMENT', 'ballots'],
      [STAFF, { campaignId: id, stationId: station, ballots: 2.5, votes: {} }, 'INVALID_ARGUMENT', 'ballots'],
      [STAFF, { campaignId: id, stationId: station, ballots: 2, votes: { p1: '2' } }, 'INVALID_ARGUMENT', 'votes.p1'],
      [STAFF, { campaignId: id, stationId: 'no-such-station', ...sheet(1, 1, 0, 0) }, 'NOT_FOUND', 'stationId'],
      [STAFF, { campaignId: 'c-missing', stationId: station, ...sheet(1, 1, 0, 0) }, 'NOT_FOUND', 'campaignId'],
      [STAFF, { campaignId: draft.id, stationId: station, ...sheet(1, 1, 0, 0) }, 'FAILED_PRECONDITION', ''],
      [STAFF, { campaignId: delegates.id, stationId: station, ...sheet(1, 1, 0, 0) }, 'FAILED_PRECONDITION', ''],
      ['paper-resident', { campaignId: id, stationId: station, ...sheet(1, 1, 0, 0) }, 'PERMISSION_DENIED', ''],
    ];
    for (const [openid, payload, code, field] of cases) {
      const error = await failure(emulator.call(openid, 'admin.paper.enter', payload as any));
      expect([code, error.code, error.field ?? '']).toEqual([code, code, field]);
      expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    for (const [action, payload] of [
      ['admin.paper.confirm', { id: `${id}:${station}`, ...sheet(1, 1, 0, 0) }],
      ['admin.paper.discard', { id: `${id}:${station}`, reason: '理由充分' }],
      ['admin.paper.list', { campaignId: 'c-missing' }],
    ] as const)
      expect((await failure(emulator.call(STAFF, action, payload as any))).code).toBe('NOT_FOUND');
    expect((await failure(emulator.call('paper-resident', 'admin.paper.list', { campaignId: id }))).code).toBe('PERMISSION_DENIED');
    expect(await stored()).toBe(before);
  });
});
