import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { AppError } from '../../cloudfunctions/api/src/app/errors';
import {
  ballotsToCsv,
  checkBallot,
  checkRules,
  compareCounts,
  ensurePublishable,
  ensureResultsVisible,
  markerFromPass,
  markerId,
  newReceipt,
  normalizeReceipt,
  rankTotals,
  receiptFor,
  receiptHash,
  shardIsPublic,
  sumShards,
  toCampaign,
  voterKeyOf,
  voterPass,
  VOTER_PASS_MS,
  votingWindow,
  type CampaignRecord,
} from '../../cloudfunctions/api/src/voting/rules';
import { LOCAL_SECRETS } from '../../emulator/functions/local-secrets';

// The keyed hashes need the secret the function reads from its environment; the emulator's local one here.
process.env.VOTER_KEY_SECRET = LOCAL_SECRETS.VOTER_KEY_SECRET;

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
    expect(checkBallot(campaign(), ['p3', 'p1'], during)).toEqual(['p1', 'p3']);
  });

  test('outside the window the voter is told whether it has not started or has ended', () => {
    expect(refusal(() => checkBallot(campaign(), ['p1'], new Date('2026-02-28T00:00:00Z'))).message).toBe('投票尚未开始，请在开始后再来');
    expect(refusal(() => checkBallot(campaign({ status: 'draft' }), ['p1'], during)).message).toBe('投票尚未开始，请在开始后再来');
    expect(refusal(() => checkBallot(campaign(), ['p1'], closesAt)).message).toBe('投票已经截止');
    expect(refusal(() => checkBallot(campaign({ status: 'closed' }), ['p1'], during)).message).toBe('投票已经截止');
    expect(votingWindow(campaign({ status: 'published' }), during)).toBe('ended');
  });

  test('too few, too many, unknown and duplicate choices are refused naming projectIds', () => {
    const strict = campaign({ minChoices: 2, maxChoices: 2 });
    expect(refusal(() => checkBallot(strict, ['p1'], during))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: '请至少选择 2 个项目',
      field: 'projectIds',
    });
    expect(refusal(() => checkBallot(strict, ['p1', 'p2', 'p3'], during))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: '最多只能选择 2 个项目',
      field: 'projectIds',
    });
    expect(refusal(() => checkBallot(strict, ['p1', 'p9'], during)).message).toBe('所选项目不在本次票选中，请刷新后重试');
    expect(refusal(() => checkBallot(strict, ['p1', 'p1'], during)).message).toBe('不能重复选择同一个项目');
  });

  test('a delegate-only campaign counts delegates, not WeChat accounts, and refuses residents', () => {
    const formal = campaign({ eligibility: 'delegates' });
    expect(refusal(() => voterKeyOf(formal, { openid: 'o-resident' }))).toEqual({
      code: 'PERMISSION_DENIED',
      message: '本次票选仅限人大代表参加',
    });
    // A delegate who rebinds with another WeChat account after a code reissue is the same voter.
    expect(voterKeyOf(formal, { openid: 'o-old', delegateId: 'd1' })).toBe(voterKeyOf(formal, { openid: 'o-new', delegateId: 'd1' }));
    expect(voterKeyOf(campaign(), { openid: 'o1', delegateId: 'd1' })).toBe('openid:o1');
    expect(voterKeyOf(campaign(), { openid: 'o1' })).not.toBe(voterKeyOf(campaign(), { openid: 'o2' }));
  });

  test("a voter's marker id is one per campaign and voter, and names neither", () => {
    const key = voterKeyOf(campaign(), { openid: 'o-alice' });
    expect(markerId('c1', key)).toBe(markerId('c1', key));
    expect(markerId('c1', key)).not.toBe(markerId('c2', key));
    expect(markerId('c1', key)).toMatch(/^[0-9a-f]{64}$/);
    expect(markerId('c1', key)).not.toContain('alice');
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
    expect(refusal(() => checkRules({ ...base, eligibility: 'delegates', resultsVisibility: 'live' }, opensAt))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: '代表票决不能实时公布票数，请选择截止后公布',
      field: 'resultsVisibility',
    });
  });
});

describe('receipts', () => {
  test('a receipt is 12 unambiguous characters in groups of four, and hashes the same however it is typed back', () => {
    const receipt = newReceipt();
    expect(receipt).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(receiptHash('c1', receipt.toLowerCase().replace(/-/g, ' '))).toBe(receiptHash('c1', receipt));
    expect(normalizeReceipt(' ab-cd ')).toBe('ABCD');
  });

  test('the stored hash is keyed, tied to its campaign and does not contain the receipt', () => {
    const receipt = newReceipt();
    expect(receiptHash('c1', receipt)).not.toBe(receiptHash('c2', receipt));
    expect(receiptHash('c1', receipt)).not.toContain(normalizeReceipt(receipt));
    // Not the plain sha256 a receipt shown around could be looked up by.
    expect(receiptHash('c1', receipt)).not.toBe(
      createHash('sha256')
        .update(`c1:${normalizeReceipt(receipt)}`)
        .digest('hex'),
    );
  });

  test('a resent request derives the same receipt; another request or voter a different one', () => {
    const receipt = receiptFor('marker-1', 'req-12345678');
    expect(receipt).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(receiptFor('marker-1', 'req-12345678')).toBe(receipt);
    expect(receiptFor('marker-1', 'req-87654321')).not.toBe(receipt);
    expect(receiptFor('marker-2', 'req-12345678')).not.toBe(receipt);
  });
});

describe("a voter's pass", () => {
  const now = new Date('2026-03-02T02:00:00Z');
  const marker = markerId('c1', 'phone:abc');

  test('names the marker to its own caller, for its own campaign, until it expires', () => {
    const pass = voterPass('c1', 'o-1', marker, now);
    expect(markerFromPass(pass, 'c1', 'o-1', now)).toBe(marker);
    expect(markerFromPass(pass, 'c1', 'o-1', new Date(now.getTime() + VOTER_PASS_MS - 1))).toBe(marker);
    expect(markerFromPass(pass, 'c1', 'o-1', new Date(now.getTime() + VOTER_PASS_MS))).toBeNull();
    // Another WeChat account, another campaign: worthless.
    expect(markerFromPass(pass, 'c1', 'o-2', now)).toBeNull();
    expect(markerFromPass(pass, 'c2', 'o-1', now)).toBeNull();
  });

  test('a pass changed in any part, or made without the secret, names nothing', () => {
    const pass = voterPass('c1', 'o-1', marker, now);
    const [expires, , signature] = pass.split('.');
    const other = markerId('c1', 'phone:someone-else');
    expect(markerFromPass(`${expires}.${other}.${signature}`, 'c1', 'o-1', now)).toBeNull();
    // Its life stretched: the signature covers the expiry, and no pass lives longer than 30 minutes.
    const later = (now.getTime() + 2 * VOTER_PASS_MS).toString(36);
    expect(markerFromPass(`${later}.${marker}.${signature}`, 'c1', 'o-1', now)).toBeNull();
    const unkeyed = createHash('sha256').update(['pass', 'c1', 'o-1', marker, expires].join(':')).digest('hex');
    expect(markerFromPass(`${expires}.${marker}.${unkeyed}`, 'c1', 'o-1', now)).toBeNull();
    for (const junk of ['', '.', '..', `${pass}.x`, pass.toUpperCase(), `zz.${marker}.${signature}`])
      expect(markerFromPass(junk, 'c1', 'o-1', now)).toBeNull();
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => markerFromPass(text, 'c1', 'o-1', now) === null));
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
  test('CSV carries choices and day, and nothing else', () => {
    const csv = ballotsToCsv([{ projectIds: ['p1', 'p3'], day: '2026-03-03' }], true);
    expect(csv).toBe('choices,day\np1;p3,2026-03-03');
  });
});

describe('who sees totals', () => {
  const tally = (over: { public: boolean; closed: boolean }) => over;
  test('live resident campaigns show running totals to everyone; delegate campaigns never', () => {
    expect(shardIsPublic(campaign({ resultsVisibility: 'live' }))).toBe(true);
    expect(shardIsPublic(campaign({ resultsVisibility: 'live', eligibility: 'delegates' }))).toBe(false);
    expect(shardIsPublic(campaign())).toBe(false);
    expect(shardIsPublic(campaign({ status: 'published' }))).toBe(true);
  });

  test('after_close totals are sealed from everyone, staff included, until the close; then staff; published, everyone', () => {
    expect(refusal(() => ensureResultsVisible(tally({ public: false, closed: false }), true)).code).toBe('PERMISSION_DENIED');
    expect(refusal(() => ensureResultsVisible(tally({ public: false, closed: false }), false)).code).toBe('PERMISSION_DENIED');
    expect(() => ensureResultsVisible(tally({ public: false, closed: true }), true)).not.toThrow();
    expect(refusal(() => ensureResultsVisible(tally({ public: false, closed: true }), false)).message).toBe('结果正在复核，公布后即可查看');
    expect(() => ensureResultsVisible(tally({ public: true, closed: true }), false)).not.toThrow();
  });

  test('the checked count shows once published (closed: staff only), the recount details to staff only', () => {
    const counted = { count: { ballots: 1, votes: { p1: 1 } }, recount: { ballots: 1, shardBallots: 1, matches: true, at: during } };
    expect(toCampaign(campaign({ status: 'closed', ...counted }), false).results).toBeUndefined();
    expect(toCampaign(campaign({ status: 'closed', ...counted }), true).results).toMatchObject({ ballots: 1, final: true });
    const published = toCampaign(campaign({ status: 'published', ...counted }), false);
    expect(published.results).toMatchObject({ ballots: 1 });
    expect(published.recount).toBeUndefined();
    expect(toCampaign(campaign({ status: 'published', ...counted }), true).recount).toMatchObject({ matches: true });
  });
});
