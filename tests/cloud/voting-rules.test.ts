import fc from 'fast-check';
import { AppError } from '../../cloudfunctions/api/src/app/errors';
import {
  ballotsToCsv,
  checkBallot,
  checkRules,
  compareCounts,
  ensurePublishable,
  newReceipt,
  normalizeReceipt,
  rankTotals,
  receiptHash,
  sumShards,
  votingWindow,
  type CampaignRecord,
} from '../../cloudfunctions/api/src/voting/rules';

const opensAt = new Date('2026-03-01T00:00:00Z');
const closesAt = new Date('2026-03-08T00:00:00Z');
const during = new Date('2026-03-03T00:00:00Z');

function campaign(overrides: Partial<CampaignRecord> = {}): CampaignRecord {
  return {
    _id: 'c1',
    streetId: 'default',
    title: '2026 年民生实事项目票选',
    description: '',
    eligibility: 'residents',
    minChoices: 1,
    maxChoices: 2,
    opensAt,
    closesAt,
    resultsVisibility: 'after_close',
    projects: ['p1', 'p2', 'p3'].map((id) => ({ id, title: `项目${id}`, summary: '说明', category: '交通' })),
    status: 'open',
    shards: 4,
    createdBy: 'staff',
    createdAt: opensAt,
    updatedAt: opensAt,
    ...overrides,
  };
}

function refusal(work: () => unknown): { code: string; message: string; field?: string } {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error.toJSON();
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('who may cast what, and when', () => {
  test('a ballot inside the window with choices between min and max is accepted, in campaign order', () => {
    expect(checkBallot(campaign(), ['p3', 'p1'], during, false)).toEqual(['p1', 'p3']);
  });

  test('outside the window the voter is told whether it has not started or has ended', () => {
    expect(refusal(() => checkBallot(campaign(), ['p1'], new Date('2026-02-28T00:00:00Z'), false)).message).toBe(
      '投票尚未开始，请在开始后再来',
    );
    expect(refusal(() => checkBallot(campaign({ status: 'draft' }), ['p1'], during, false)).message).toBe('投票尚未开始，请在开始后再来');
    expect(refusal(() => checkBallot(campaign(), ['p1'], closesAt, false)).message).toBe('投票已经截止');
    expect(refusal(() => checkBallot(campaign({ status: 'closed' }), ['p1'], during, false)).message).toBe('投票已经截止');
    expect(votingWindow(campaign({ status: 'published' }), during)).toBe('ended');
  });

  test('too few, too many, unknown and duplicate choices are refused naming projectIds', () => {
    const strict = campaign({ minChoices: 2, maxChoices: 2 });
    expect(refusal(() => checkBallot(strict, ['p1'], during, false))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: '请至少选择 2 个项目',
      field: 'projectIds',
    });
    expect(refusal(() => checkBallot(strict, ['p1', 'p2', 'p3'], during, false))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: '最多只能选择 2 个项目',
      field: 'projectIds',
    });
    expect(refusal(() => checkBallot(strict, ['p1', 'p9'], during, false)).message).toBe('所选项目不在本次票选中，请刷新后重试');
    expect(refusal(() => checkBallot(strict, ['p1', 'p1'], during, false)).message).toBe('不能重复选择同一个项目');
  });

  test('a delegate-only campaign refuses residents and accepts delegates', () => {
    const formal = campaign({ eligibility: 'delegates' });
    expect(refusal(() => checkBallot(formal, ['p1'], during, false))).toEqual({
      code: 'PERMISSION_DENIED',
      message: '本次票选仅限人大代表参加',
    });
    expect(checkBallot(formal, ['p1'], during, true)).toEqual(['p1']);
  });

  test('campaign rules are checked before saving', () => {
    const projects = [{ title: 'A' }, { title: 'B' }];
    const base = { minChoices: 1, maxChoices: 2, opensAt, closesAt, projects };
    expect(() => checkRules(base, opensAt)).not.toThrow();
    expect(refusal(() => checkRules({ ...base, minChoices: 2, maxChoices: 1 }, opensAt)).field).toBe('maxChoices');
    expect(refusal(() => checkRules({ ...base, maxChoices: 3 }, opensAt)).field).toBe('maxChoices');
    expect(refusal(() => checkRules({ ...base, closesAt: opensAt }, opensAt)).field).toBe('closesAt');
    expect(refusal(() => checkRules(base, closesAt)).message).toBe('截止时间必须晚于现在');
    expect(refusal(() => checkRules({ ...base, projects: [{ title: 'A' }, { title: 'A' }] }, opensAt)).field).toBe('projects');
  });
});

describe('receipts', () => {
  test('a receipt is 12 unambiguous characters in groups of four, and hashes the same however it is typed back', () => {
    const receipt = newReceipt();
    expect(receipt).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(receiptHash('c1', receipt.toLowerCase().replace(/-/g, ' '))).toBe(receiptHash('c1', receipt));
    expect(normalizeReceipt(' ab-cd ')).toBe('ABCD');
  });

  test('the stored hash is tied to its campaign and does not contain the receipt', () => {
    const receipt = newReceipt();
    expect(receiptHash('c1', receipt)).not.toBe(receiptHash('c2', receipt));
    expect(receiptHash('c1', receipt)).not.toContain(normalizeReceipt(receipt));
  });
});

describe('counting', () => {
  test('shards sum to the totals, and ranking puts most votes first with shared ranks on ties', () => {
    const sum = sumShards([
      { ballots: 2, votes: { p1: 2, p2: 1 } },
      { ballots: 1, votes: { p2: 1 } },
      { ballots: 0, votes: {} },
    ]);
    expect(sum).toEqual({ ballots: 3, votes: { p1: 2, p2: 2 } });
    expect(rankTotals(['p1', 'p2', 'p3'], sum.ballots, sum.votes)).toEqual([
      { projectId: 'p1', votes: 2, share: 2 / 3, rank: 1 },
      { projectId: 'p2', votes: 2, share: 2 / 3, rank: 1 },
      { projectId: 'p3', votes: 0, share: 0, rank: 3 },
    ]);
  });

  test('no ballots gives zero shares, not NaN', () => {
    expect(rankTotals(['p1'], 0, {})).toEqual([{ projectId: 'p1', votes: 0, share: 0, rank: 1 }]);
  });

  test('summing any split of ballots across shards gives the same totals as counting the ballots', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.subarray(['p1', 'p2', 'p3', 'p4'], { minLength: 1 }), fc.nat(7))), (ballots) => {
        const shards = Array.from({ length: 8 }, () => ({ ballots: 0, votes: {} as Record<string, number> }));
        const direct = { ballots: 0, votes: {} as Record<string, number> };
        for (const [choices, shard] of ballots) {
          shards[shard].ballots++;
          direct.ballots++;
          for (const p of choices) {
            shards[shard].votes[p] = (shards[shard].votes[p] ?? 0) + 1;
            direct.votes[p] = (direct.votes[p] ?? 0) + 1;
          }
        }
        expect(compareCounts(direct, sumShards(shards), ['p1', 'p2', 'p3', 'p4'], during).matches).toBe(true);
      }),
    );
  });

  test('a recount that disagrees says where, and publishing is refused with that reason', () => {
    const result = compareCounts({ ballots: 10, votes: { p1: 10 } }, { ballots: 9, votes: { p1: 9 } }, ['p1', 'p2'], during);
    expect(result.matches).toBe(false);
    expect(result.problem).toBe('复核不一致：选票 10 张，计数分片合计 9 张；项目 p1 选票计得 10 票，分片合计 9 票');
    const error = refusal(() => ensurePublishable(result));
    expect(error.code).toBe('FAILED_PRECONDITION');
    expect(error.message).toContain('选票 10 张，计数分片合计 9 张');
  });
});

describe('export', () => {
  test('CSV carries receipt hash, choices and time, and nothing else', () => {
    const csv = ballotsToCsv([{ receiptHash: 'ab12', projectIds: ['p1', 'p3'], castAt: during }], true);
    expect(csv).toBe('receipt_hash,choices,cast_at\nab12,p1;p3,2026-03-03T00:00:00.000Z');
  });
});
