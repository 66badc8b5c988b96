import { afterRating, type SuggestionRecord } from '../../cloudfunctions/api/src/suggestions/rules';
import { startTestEmulator } from '../support/emulator';
import { failure, snapshot } from './directory-fixtures';
import { boundDelegate, ok, STAFF, type TestEmulator } from './voting-fixtures';

// 代表建议 to the end (issue 12, item 3): a delegate files, staff assign to a unit with a due date and
// record the answer (A/B/C), the delegate rates; 不满意 sends it back for 重新办理. Answered ones are public.

const DAY = 24 * 3600_000;
let emulator: TestEmulator;
let author: { delegateId: string };
let coSigner: { delegateId: string };

beforeAll(async () => {
  emulator = await startTestEmulator();
  author = await boundDelegate(emulator, 'sg-author', '陈建议');
  coSigner = await boundDelegate(emulator, 'sg-cosigner', '林联名');
}, 120_000);
afterAll(() => emulator?.stop());

const draft = (over: Record<string, unknown> = {}) => ({
  title: '增设老旧小区充电桩',
  body: '幸福里等三个老旧小区电动自行车充电难，飞线充电隐患大，建议增设集中充电桩。',
  category: '城市建设',
  ...over,
});
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function filed(over: Record<string, unknown> = {}): Promise<string> {
  return (await ok<{ id: string }>(emulator.call('sg-author', 'suggestions.submit', draft(over)))).id;
}

describe('filing', () => {
  it('a delegate files with co-signers; before it is answered only its delegates and staff see it', async () => {
    const id = await filed({ coSigners: [coSigner.delegateId] });
    const seen = await ok(emulator.call('sg-cosigner', 'suggestions.get', { id }));
    expect(seen).toMatchObject({ status: 'submitted', delegateName: '陈建议', coSignerNames: ['林联名'], round: 1 });
    expect(await ok(emulator.call(STAFF, 'suggestions.get', { id }))).toMatchObject({ can: { assign: true, answer: false, rate: false } });
    expect(await failure(emulator.call('sg-resident', 'suggestions.get', { id }))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const mine = await ok(emulator.call('sg-cosigner', 'suggestions.mine', {}));
    expect(mine.items.map((s: { id: string }) => s.id)).toContain(id);
    expect((await ok(emulator.call('sg-resident', 'suggestions.list', {}))).items.map((s: { id: string }) => s.id)).not.toContain(id);
  });

  it('refuses residents, bad input and unknown co-signers, writing nothing', async () => {
    const before = await snapshot(emulator, 'suggestions');
    expect(await failure(emulator.call('sg-resident', 'suggestions.submit', draft()))).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await failure(emulator.call('sg-author', 'suggestions.submit', draft({ title: '短' })))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'title',
      message: expect.stringContaining('标题'),
    });
    expect(await failure(emulator.call('sg-author', 'suggestions.submit', draft({ coSigners: ['d-nobody'] })))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'coSigners',
    });
    expect(await snapshot(emulator, 'suggestions')).toBe(before);
  });
});

describe('to the end', () => {
  it('assign → answer → 不满意 → 重新办理 → answer → 满意, public once answered, audited, the delegate told', async () => {
    const id = await filed();
    expect(await failure(emulator.call(STAFF, 'admin.suggestions.answer', { id, answer: '已安排专人落实。', class: 'A' }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    expect(await failure(emulator.call(STAFF, 'admin.suggestions.assign', { id, unit: '街道城管科', dueAt: inDays(-1) }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'dueAt',
    });
    expect(
      await failure(emulator.call('sg-author', 'admin.suggestions.assign', { id, unit: '街道城管科', dueAt: inDays(30) })),
    ).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    await ok(emulator.call(STAFF, 'admin.suggestions.assign', { id, unit: '街道城管科', dueAt: inDays(30) }));
    expect(await failure(emulator.call('sg-author', 'suggestions.rate', { id, satisfaction: 'satisfied' }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    await ok(emulator.call(STAFF, 'admin.suggestions.answer', { id, answer: '已列入明年改造计划，先建两处。', class: 'B' }));

    // Public now: anyone reads title, unit, class and answer.
    const shown = await ok(emulator.call('sg-resident', 'suggestions.get', { id }));
    expect(shown).toMatchObject({
      status: 'answered',
      unit: '街道城管科',
      answerClass: 'B',
      answer: { body: '已列入明年改造计划，先建两处。' },
    });
    expect((await ok(emulator.call('sg-resident', 'suggestions.list', {}))).items[0]).toMatchObject({ id, answerClass: 'B' });
    const told = (await emulator.collection('outbox')).filter((o) => o.kind === 'suggestion.answered' && o.recipient === 'sg-author');
    expect(told).toHaveLength(1);

    // Only the filing delegate rates; 不满意 sends it back with a new due date.
    expect(await failure(emulator.call('sg-cosigner', 'suggestions.rate', { id, satisfaction: 'satisfied' }))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(await ok(emulator.call('sg-author', 'suggestions.rate', { id, satisfaction: 'dissatisfied' }))).toEqual({ status: 'assigned' });
    const redo = await ok(emulator.call(STAFF, 'suggestions.get', { id }));
    expect(redo).toMatchObject({ status: 'assigned', round: 2, satisfaction: 'dissatisfied', can: { answer: true } });
    expect(new Date(redo.dueAt).getTime()).toBeGreaterThan(Date.now() + 7 * DAY);
    expect(redo.steps.map((s: { kind: string }) => s.kind)).toEqual(['submitted', 'assigned', 'answered', 'rated', 'reopened']);

    await ok(emulator.call(STAFF, 'admin.suggestions.answer', { id, answer: '本月先建成一处，其余两处年底前完成。', class: 'A' }));
    expect(await ok(emulator.call('sg-author', 'suggestions.rate', { id, satisfaction: 'satisfied' }))).toEqual({ status: 'closed' });
    expect(await failure(emulator.call('sg-author', 'suggestions.rate', { id, satisfaction: 'satisfied' }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
    });

    const trail = await ok(emulator.call(STAFF, 'admin.audit.list', { subject: id }));
    expect(trail.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'admin.suggestions.answer',
      'admin.suggestions.answer',
      'admin.suggestions.assign',
    ]);
  });

  it('an assignment past its due date reminds the staff member who made it, once a round', async () => {
    const id = await filed({ title: '超期提醒的建议' });
    await ok(emulator.call(STAFF, 'admin.suggestions.assign', { id, unit: '街道社会事业科', dueAt: inDays(2) }));
    await emulator.timer();
    const reminders = async () =>
      (await emulator.collection('outbox')).filter((o) => o.kind === 'suggestion.overdue' && String(o.dedupeKey).includes(id));
    expect(await reminders()).toHaveLength(0);
    await emulator.advanceClock(3 * DAY);
    await emulator.timer();
    await emulator.timer();
    expect((await reminders()).map((o) => o.recipient)).toEqual([STAFF]);
    expect(
      (await ok(emulator.call(STAFF, 'admin.suggestions.list', { status: 'assigned' }))).items.find((s: { id: string }) => s.id === id),
    ).toMatchObject({
      overdue: true,
    });
  });
});

describe('database requests', () => {
  it('the public list is one query, a suggestion two (the caller decides what they may do), filing one transaction', async () => {
    const id = await filed({ title: '计数用的建议' });
    const [submitted] = await emulator.calls();
    // The caller, the author's record; start, the suggestion, commit.
    expect([submitted.action, submitted.databaseReads, submitted.databaseWrites]).toEqual(['suggestions.submit', 2, 3]);
    await ok(emulator.call('sg-resident', 'suggestions.list', {}));
    const [list] = await emulator.calls();
    expect([list.databaseReads, list.databaseWrites]).toEqual([1, 0]);
    await ok(emulator.call('sg-author', 'suggestions.get', { id }));
    const [one] = await emulator.calls();
    expect([one.databaseReads, one.databaseWrites]).toEqual([2, 0]);
  });
});

describe('rules', () => {
  const record = (over: Partial<SuggestionRecord> = {}): SuggestionRecord => ({
    _id: 'sg1',
    streetId: 's',
    delegateId: 'd1',
    delegateName: '甲',
    coSigners: [],
    delegateIds: ['d1'],
    title: 't',
    body: 'b',
    category: 'c',
    status: 'answered',
    round: 1,
    steps: [],
    assignedAt: new Date('2026-12-01T00:00:00Z'),
    dueAt: new Date('2026-12-31T00:00:00Z'),
    createdAt: new Date('2026-11-30T00:00:00Z'),
    updatedAt: new Date('2026-12-10T00:00:00Z'),
    ...over,
  });
  const at = new Date('2027-01-05T00:00:00Z');

  it('不满意 gives the unit as long again as it had (30 days here), and a week at least', () => {
    expect(afterRating(record(), 'dissatisfied', at)).toMatchObject({
      status: 'assigned',
      round: 2,
      dueAt: new Date('2027-02-04T00:00:00Z'),
    });
    const short = record({ assignedAt: new Date('2026-12-30T00:00:00Z'), dueAt: new Date('2026-12-31T00:00:00Z') });
    expect(afterRating(short, 'dissatisfied', at).dueAt).toEqual(new Date('2027-01-12T00:00:00Z'));
  });

  it('满意 and 基本满意 close it', () => {
    expect(afterRating(record(), 'basically_satisfied', at)).toMatchObject({ status: 'closed', satisfaction: 'basically_satisfied' });
  });
});
