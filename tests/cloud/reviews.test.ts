import { resultsOf, statusOf } from '../../cloudfunctions/api/src/reviews/rules';
import { startTestEmulator } from '../support/emulator';
import { failure, snapshot } from './directory-fixtures';
import { boundDelegate, ok, STAFF, type TestEmulator } from './voting-fixtures';

// 专项评议 (issue 12, item 4): staff open a review of a department; active delegates and phone-verified
// residents score it once each (comments pass the content check); staff publish the averages with the
// rectification list, each item tracked to done.

const DAY = 24 * 3600_000;
let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
  await boundDelegate(emulator, 'rv-delegate', '郑评议');
  await emulator.verifyPhone('rv-resident', '13912340001');
  await emulator.verifyPhone('rv-resident-2', '13912340002');
  // A second account with the first resident's number: the same scorer.
  await emulator.verifyPhone('rv-resident-alias', '13912340001');
}, 120_000);
afterAll(() => emulator?.stop());

const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const reviewInput = (over: Record<string, unknown> = {}) => ({
  title: '2026 年度街道城管科专项评议',
  department: '街道城管科',
  topics: ['占道经营整治', '老旧小区环境'],
  criteria: ['工作态度', '办事效率', '整改成效'],
  opensAt: at(-1),
  closesAt: at(7),
  ...over,
});

async function openReview(over: Record<string, unknown> = {}): Promise<string> {
  return (await ok<{ id: string }>(emulator.call(STAFF, 'admin.reviews.create', reviewInput(over)))).id;
}

describe('scoring', () => {
  it('delegates and verified residents score once each; two accounts with one number are one scorer', async () => {
    const id = await openReview();
    expect(await ok(emulator.call('rv-delegate', 'reviews.get', { id }))).toMatchObject({ status: 'open', mine: { scored: false } });
    expect(await ok(emulator.call('rv-delegate', 'reviews.score', { id, scores: [5, 4, 4], comment: '态度很好' }))).toEqual({
      day: expect.any(String),
    });
    await ok(emulator.call('rv-resident', 'reviews.score', { id, scores: [3, 3, 2], requestId: 'rv-res-000001' }));
    // A resend of the same request gets its answer; anything else is a second score.
    await ok(emulator.call('rv-resident', 'reviews.score', { id, scores: [3, 3, 2], requestId: 'rv-res-000001' }));
    expect(await failure(emulator.call('rv-resident-alias', 'reviews.score', { id, scores: [1, 1, 1] }))).toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    expect(await failure(emulator.call('rv-delegate', 'reviews.score', { id, scores: [1, 1, 1] }))).toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    expect(await ok(emulator.call('rv-resident-alias', 'reviews.get', { id }))).toMatchObject({ mine: { scored: true } });
    expect((await emulator.collection('reviewScores')).filter((s) => s.reviewId === id)).toHaveLength(2);
  });

  it('refuses unverified residents, bad scores, a review not open, writing nothing', async () => {
    const id = await openReview();
    const later = await openReview({ opensAt: at(2), closesAt: at(9) });
    const before = await snapshot(emulator, 'reviewScores');
    expect(await ok(emulator.call('rv-stranger', 'reviews.get', { id }))).toMatchObject({
      mine: { scored: false, blocked: 'verify_phone' },
    });
    expect(await failure(emulator.call('rv-stranger', 'reviews.score', { id, scores: [5, 5, 5] }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('验证手机号'),
    });
    expect(await failure(emulator.call('rv-resident-2', 'reviews.score', { id, scores: [5, 5] }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'scores',
    });
    expect(await failure(emulator.call('rv-resident-2', 'reviews.score', { id, scores: [5, 6, 0] }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: '每项评分须为 1 到 5 分',
    });
    expect(await failure(emulator.call('rv-resident-2', 'reviews.score', { id: later, scores: [5, 5, 5] }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: '评议尚未开始',
    });
    // A comment the content check refuses is refused with the whole score.
    expect(
      await failure(emulator.call('rv-resident-2', 'reviews.score', { id, scores: [5, 5, 5], comment: '网上赌博平台日结' })),
    ).toMatchObject({
      code: 'CONTENT_REJECTED',
    });
    expect(await snapshot(emulator, 'reviewScores')).toBe(before);
  });

  it('creating checks the period and is for staff only', async () => {
    expect(await failure(emulator.call(STAFF, 'admin.reviews.create', reviewInput({ closesAt: at(-0.5) })))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'closesAt',
    });
    expect(await failure(emulator.call('rv-delegate', 'admin.reviews.create', reviewInput()))).toMatchObject({ code: 'PERMISSION_DENIED' });
  });
});

describe('results', () => {
  it('published after the period: averages and counts public, comments for staff, rectifications tracked to done', async () => {
    const id = await openReview({ title: '公布测试评议' });
    await ok(emulator.call('rv-delegate', 'reviews.score', { id, scores: [5, 4, 3], comment: '建议加强夜间巡查' }));
    await ok(emulator.call('rv-resident-2', 'reviews.score', { id, scores: [4, 4, 2], comment: '有问题可以加微信联系我' }));
    expect(await failure(emulator.call(STAFF, 'admin.reviews.publish', { id, rectifications: [] }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: '评议结束后才能公布结果',
    });
    expect((await ok(emulator.call('rv-reader', 'reviews.get', { id }))).results).toBeUndefined();

    await emulator.advanceClock(8 * DAY);
    const { results } = await ok(emulator.call(STAFF, 'admin.reviews.publish', { id, rectifications: ['夜间巡查每周不少于三次'] }));
    expect(results).toEqual({ count: 2, delegates: 1, residents: 1, averages: [4.5, 4, 2.5] });
    const shown = await ok(emulator.call('rv-reader', 'reviews.get', { id }));
    expect(shown).toMatchObject({
      status: 'published',
      results,
      rectifications: [{ id: 'z1', text: '夜间巡查每周不少于三次', status: 'pending' }],
    });
    expect(JSON.stringify(shown)).not.toContain('建议加强夜间巡查');

    const comments = await ok(emulator.call(STAFF, 'admin.reviews.comments', { id }));
    // Comments the content check could not pass outright are flagged for staff to read first.
    expect(comments.items).toHaveLength(2);
    expect(comments.items).toEqual(
      expect.arrayContaining([
        { role: 'delegate', text: '建议加强夜间巡查', flagged: false, day: expect.any(String) },
        { role: 'resident', text: '有问题可以加微信联系我', flagged: true, day: expect.any(String) },
      ]),
    );
    expect(await failure(emulator.call('rv-reader', 'admin.reviews.comments', { id }))).toMatchObject({ code: 'PERMISSION_DENIED' });

    await ok(emulator.call(STAFF, 'admin.reviews.rectify', { id, itemId: 'z1', note: '已排班，每周一、三、五夜间巡查' }));
    expect((await ok(emulator.call('rv-reader', 'reviews.get', { id }))).rectifications[0]).toMatchObject({
      status: 'done',
      note: '已排班，每周一、三、五夜间巡查',
    });
    expect(await failure(emulator.call(STAFF, 'admin.reviews.rectify', { id, itemId: 'z1', note: '再次' }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    const trail = await ok(emulator.call(STAFF, 'admin.audit.list', { subject: id }));
    expect(trail.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'admin.reviews.create',
      'admin.reviews.publish',
      'admin.reviews.rectify',
    ]);
  });
});

describe('rules', () => {
  it('averages to one decimal per criterion, and a review moves upcoming → open → closed → published', () => {
    expect(resultsOf([], ['a'])).toEqual({ count: 0, delegates: 0, residents: 0, averages: [null] });
    expect(
      resultsOf(
        [
          { role: 'resident', scores: [5, 1] },
          { role: 'resident', scores: [4, 2] },
          { role: 'delegate', scores: [4, 2] },
        ],
        ['a', 'b'],
      ).averages,
    ).toEqual([4.3, 1.7]);
    const r = { opensAt: new Date('2026-12-01T00:00:00Z'), closesAt: new Date('2026-12-08T00:00:00Z'), published: false };
    expect(statusOf(r, new Date('2026-11-30T00:00:00Z'))).toBe('upcoming');
    expect(statusOf(r, new Date('2026-12-03T00:00:00Z'))).toBe('open');
    expect(statusOf(r, new Date('2026-12-08T00:00:00Z'))).toBe('closed');
    expect(statusOf({ ...r, published: true }, new Date('2026-12-09T00:00:00Z'))).toBe('published');
  });
});
