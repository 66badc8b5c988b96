import {
  checkSchedule,
  checkUnschedule,
  closingTimes,
  dueToOpen,
  ensureEditable,
  openingTimes,
  type CampaignRecord,
} from '../../cloudfunctions/api/src/voting/rules';
import { startTestEmulator } from '../support/emulator';
import { failure } from './directory-fixtures';
import { campaignInput, EARLY_CLOSE, EARLY_OPEN, ok, STAFF, votingState, refusal, type TestEmulator } from './voting-fixtures';

// A campaign's lifecycle (docs/architecture.md#voting-lifecycle): draft → scheduled → open → closed →
// published, each step in the audit trail with who, when, the status change and the reason.

const HOUR = 3600_000;

describe('lifecycle rules (pure)', () => {
  const opensAt = new Date('2026-03-01T00:00:00Z');
  const closesAt = new Date('2026-03-08T00:00:00Z');
  const before = new Date('2026-02-20T00:00:00Z');
  const during = new Date('2026-03-03T00:00:00Z');
  const after = new Date('2026-03-09T00:00:00Z');
  const campaign = (status: CampaignRecord['status'], over: Partial<CampaignRecord> = {}): CampaignRecord => ({
    _id: 'c1',
    streetId: 'default',
    title: '票选',
    description: '',
    eligibility: 'residents',
    minChoices: 1,
    maxChoices: 2,
    opensAt,
    closesAt,
    resultsVisibility: 'after_close',
    projects: ['p1', 'p2'].map((id) => ({ id, title: `项目${id}`, summary: '说明', category: '其他' })),
    status,
    shards: 2,
    createdBy: 'staff',
    createdAt: before,
    updatedAt: before,
    ...over,
  });

  test('only a draft is scheduled, and only while its opening is ahead', () => {
    expect(() => checkSchedule(campaign('draft'), before)).not.toThrow();
    expect(refusal(() => checkSchedule(campaign('draft'), during))).toMatchObject({ code: 'FAILED_PRECONDITION', field: 'opensAt' });
    expect(refusal(() => checkSchedule(campaign('scheduled'), before)).message).toBe('票选当前为「已排期」，不能排期');
    expect(refusal(() => checkSchedule(campaign('draft', { maxChoices: 3 }), before)).field).toBe('maxChoices');
  });

  test('scheduling freezes the rules', () => {
    expect(() => ensureEditable(campaign('draft'))).not.toThrow();
    expect(refusal(() => ensureEditable(campaign('scheduled'))).message).toBe('票选已排期，规则已冻结；如需修改请先撤回为草稿');
    for (const status of ['open', 'closed', 'published'] as const)
      expect(refusal(() => ensureEditable(campaign(status))).message).toBe('票选已经开启，规则不能再修改');
  });

  test('back to draft before the opening, or after a window that passed unopened; never while due to open', () => {
    expect(() => checkUnschedule(campaign('scheduled'), before)).not.toThrow();
    expect(() => checkUnschedule(campaign('scheduled'), after)).not.toThrow();
    expect(refusal(() => checkUnschedule(campaign('scheduled'), during)).code).toBe('FAILED_PRECONDITION');
    expect(refusal(() => checkUnschedule(campaign('open'), before)).code).toBe('FAILED_PRECONDITION');
  });

  test('opening by hand: only scheduled, before closing; early needs a reason and starts the window now', () => {
    expect(openingTimes(campaign('scheduled'), during, undefined)).toEqual({ opensAt });
    expect(openingTimes(campaign('scheduled'), before, '区里要求提前')).toEqual({ opensAt: before });
    expect(refusal(() => openingTimes(campaign('scheduled'), before, undefined))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'reason',
      message: '提前开启投票需要填写理由',
    });
    expect(refusal(() => openingTimes(campaign('draft'), during, '理由')).message).toBe('票选当前为「草稿」，不能开启');
    expect(refusal(() => openingTimes(campaign('scheduled'), after, '理由')).code).toBe('FAILED_PRECONDITION');
  });

  test('closing early needs a reason; at closing time it needs none', () => {
    expect(closingTimes(campaign('open'), after, undefined)).toEqual({ closesAt });
    expect(closingTimes(campaign('open'), during, '出现重大变故')).toEqual({ closesAt: during });
    expect(refusal(() => closingTimes(campaign('open'), during, undefined))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'reason',
      message: '提前截止投票需要填写理由',
    });
    expect(refusal(() => closingTimes(campaign('scheduled'), after, undefined)).code).toBe('FAILED_PRECONDITION');
  });

  test('the timer opens scheduled campaigns only', () => {
    expect(dueToOpen(campaign('scheduled'), during)).toBe(true);
    expect(dueToOpen(campaign('draft'), during)).toBe(false);
    expect(dueToOpen(campaign('scheduled'), before)).toBe(false);
    expect(dueToOpen(campaign('scheduled'), after)).toBe(false);
  });
});

describe('through the function', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator?.stop());

  const trailOf = async (id: string) => ((await emulator.collection('audit')) as any[]).filter((a) => a.subject === id);
  const create = async (over: Record<string, unknown> = {}) =>
    (await ok<{ id: string }>(emulator.call(STAFF, 'admin.campaigns.create', campaignInput(over)))).id;

  /** A refusal that names its field in Chinese and leaves the campaign and the trail as they were. */
  async function refusedWithoutWrites(id: string, action: string, payload: Record<string, unknown>) {
    const [campaign, trail] = [(await votingState(emulator, id)).campaign, await trailOf(id)];
    const error = await failure(emulator.call(STAFF, action as any, payload as any));
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await votingState(emulator, id)).campaign).toEqual(campaign);
    expect(await trailOf(id)).toEqual(trail);
    return error;
  }

  test('schedule freezes the rules; staff take it back to draft to change them', async () => {
    const id = await create({ title: '排期票选' });
    expect(await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }))).toEqual({ status: 'scheduled' });
    const frozen = await refusedWithoutWrites(id, 'admin.campaigns.update', { id, maxChoices: 3 });
    expect(frozen).toMatchObject({ code: 'FAILED_PRECONDITION', message: '票选已排期，规则已冻结；如需修改请先撤回为草稿' });
    expect((await refusedWithoutWrites(id, 'admin.campaigns.schedule', { id })).code).toBe('FAILED_PRECONDITION');
    // Scheduled is not public yet: residents neither list nor open it.
    expect((await ok(emulator.call('lc-resident', 'campaigns.list', {}))).items.map((c: any) => c.id)).not.toContain(id);
    expect((await failure(emulator.call('lc-resident', 'campaigns.get', { id }))).code).toBe('NOT_FOUND');
    expect((await failure(emulator.call('lc-resident', 'campaigns.list', { status: 'scheduled' }))).code).toBe('PERMISSION_DENIED');
    expect((await ok(emulator.call(STAFF, 'campaigns.list', { status: 'scheduled' }))).items.map((c: any) => c.id)).toContain(id);

    expect(await ok(emulator.call(STAFF, 'admin.campaigns.unschedule', { id, reason: '候选项目需要调整' }))).toEqual({ status: 'draft' });
    await ok(emulator.call(STAFF, 'admin.campaigns.update', { id, maxChoices: 3 }));
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    expect((await votingState(emulator, id)).campaign).toMatchObject({ status: 'scheduled', maxChoices: 3 });
  });

  test('a draft whose opening has passed cannot be scheduled until its time is moved', async () => {
    const id = await create({ title: '开始时间已过', opensAt: new Date(Date.now() - HOUR).toISOString() });
    const error = await refusedWithoutWrites(id, 'admin.campaigns.schedule', { id });
    expect(error).toMatchObject({ code: 'FAILED_PRECONDITION', field: 'opensAt', message: '开始时间已过，请先修改开始时间再排期' });
    await ok(emulator.call(STAFF, 'admin.campaigns.update', { id, opensAt: new Date(Date.now() + HOUR).toISOString() }));
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
  });

  test('opening by hand only from scheduled, and early only with a reason', async () => {
    const id = await create({ title: '手动开启' });
    expect(await refusedWithoutWrites(id, 'admin.campaigns.open', { id, ...EARLY_OPEN })).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: '票选当前为「草稿」，不能开启',
    });
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    expect(await refusedWithoutWrites(id, 'admin.campaigns.open', { id })).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'reason',
      message: '提前开启投票需要填写理由',
    });
    expect(await refusedWithoutWrites(id, 'admin.campaigns.open', { id, reason: ' 急 ' })).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'reason',
      message: '「理由」至少需要 2 个字',
    });
    await ok(emulator.call(STAFF, 'admin.campaigns.open', { id, ...EARLY_OPEN }));
    const { campaign } = await votingState(emulator, id);
    expect(campaign.status).toBe('open');
    expect(new Date(campaign.opensAt).getTime()).toBeLessThanOrEqual(Date.now());
  });

  test('closing early asks why; the reason, the change and the actor are in the trail staff read', async () => {
    const id = await create({ title: '提前截止' });
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    await ok(emulator.call(STAFF, 'admin.campaigns.open', { id, ...EARLY_OPEN }));
    await ok(emulator.call('lc-voter', 'votes.cast', { campaignId: id, projectIds: ['p1'] }));
    expect(await refusedWithoutWrites(id, 'admin.campaigns.close', { id })).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'reason',
      message: '提前截止投票需要填写理由',
    });
    expect((await votingState(emulator, id)).shards.every((s: any) => !s.closed)).toBe(true);
    await ok(emulator.call(STAFF, 'admin.campaigns.close', { id, ...EARLY_CLOSE }));
    await ok(emulator.call(STAFF, 'admin.campaigns.publish', { id }));

    const trail = await ok(emulator.call(STAFF, 'admin.audit.list', { subject: id }));
    expect(trail.items.map((e: any) => [e.action, e.actor, e.from, e.to, e.reason])).toEqual([
      ['admin.campaigns.publish', STAFF, 'closed', 'published', undefined],
      ['admin.campaigns.close', STAFF, 'open', 'closed', EARLY_CLOSE.reason],
      ['admin.campaigns.open', STAFF, 'scheduled', 'open', EARLY_OPEN.reason],
      ['admin.campaigns.schedule', STAFF, 'draft', 'scheduled', undefined],
      ['admin.campaigns.create', STAFF, undefined, undefined, undefined],
    ]);
    for (const entry of trail.items) expect(Date.parse(entry.at)).not.toBeNaN();
    // The trail never holds a ballot's choices or a voter.
    expect(JSON.stringify(await trailOf(id))).not.toContain('lc-voter');
    expect((await failure(emulator.call('lc-voter', 'admin.audit.list', { subject: id }))).code).toBe('PERMISSION_DENIED');
  });

  test('no action edits the trail: entries written before a campaign’s later steps stay exactly as they were', async () => {
    const id = await create({ title: '审计不可改' });
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    const before = (await emulator.collection('audit')) as any[];
    await ok(emulator.call(STAFF, 'admin.campaigns.unschedule', { id }));
    await ok(emulator.call(STAFF, 'admin.campaigns.update', { id, title: '审计不可改（修改）' }));
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    await ok(emulator.call(STAFF, 'admin.campaigns.open', { id, ...EARLY_OPEN }));
    await ok(emulator.call(STAFF, 'admin.campaigns.close', { id, ...EARLY_CLOSE }));
    const after = (await emulator.collection('audit')) as any[];
    for (const entry of before) expect(after.find((a) => a._id === entry._id)).toEqual(entry);
    expect(after).toHaveLength(before.length + 5);
  });

  // Last: moves the emulator's clock.
  test('the timer opens only scheduled campaigns, and its transitions are in the trail with the timer as actor', async () => {
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const id = await create({ title: '定时开关', opensAt: at(HOUR), closesAt: at(3 * HOUR) });
    const draft = await create({ title: '定时草稿', opensAt: at(HOUR), closesAt: at(3 * HOUR) });
    const missed = await create({ title: '错过窗口', opensAt: at(HOUR), closesAt: at(HOUR + HOUR / 2) });
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id: missed }));
    // Two hours on, without a timer run in between (the trigger was down): `id` is due to open, so
    // staff can no longer take it back; `missed` passed its whole window and can only go back to draft.
    await emulator.advanceClock(2 * HOUR);
    const due = await refusedWithoutWrites(id, 'admin.campaigns.unschedule', { id });
    expect(due.code).toBe('FAILED_PRECONDITION');
    await emulator.timer();
    expect((await votingState(emulator, id)).campaign.status).toBe('open');
    expect((await votingState(emulator, draft)).campaign.status).toBe('draft');
    expect((await votingState(emulator, missed)).campaign.status).toBe('scheduled');
    await ok(emulator.call(STAFF, 'admin.campaigns.unschedule', { id: missed, reason: '定时任务故障，错过投票时间' }));
    await emulator.advanceClock(HOUR);
    await emulator.timer();
    expect((await votingState(emulator, id)).campaign.status).toBe('closed');

    const trail = await ok(emulator.call(STAFF, 'admin.audit.list', { subject: id }));
    expect(trail.items.map((e: any) => [e.action, e.actor, e.from, e.to])).toEqual([
      ['timer', 'timer', 'open', 'closed'],
      ['timer', 'timer', 'scheduled', 'open'],
      ['admin.campaigns.schedule', STAFF, 'draft', 'scheduled'],
      ['admin.campaigns.create', STAFF, undefined, undefined],
    ]);
    expect((await trailOf(draft)).map((e) => e.action)).toEqual(['admin.campaigns.create']);
  });
});
