import {
  delegateSortKey,
  failuresInWindow,
  hashBindCode,
  judgeBindCode,
  keywordPattern,
  looksLikeBindCode,
  mergeUpcoming,
  newBindCode,
  newId,
  nextAttempts,
  nextReception,
  normalizeBindCode,
  stationSortKey,
  type BindCodeRecord,
  type DelegateRecord,
} from '../../cloudfunctions/api/src/directory/rules';

const policy = { ttlMs: 7 * 86400000, maxFailures: 10, windowMs: 3600000 };
const now = new Date('2026-05-10T02:00:00Z');

describe('binding codes', () => {
  test('a new code reads as XXXX-XXXX and survives the ways people type it', () => {
    const code = newBindCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    expect(normalizeBindCode(typed)).toBe(code.replace('-', ''));
    expect(looksLikeBindCode(normalizeBindCode(typed))).toBe(true);
  });

  test('ambiguous characters never appear, so 0/O and 1/I cannot be confused', () => {
    const seen = Array.from({ length: 200 }, newBindCode).join('');
    expect(seen).not.toMatch(/[01OIL]/);
  });

  test('the stored hash depends on the server pepper', () => {
    expect(hashBindCode('ABCD2345', 'p1')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashBindCode('ABCD2345', 'p1')).not.toBe(hashBindCode('ABCD2345', 'p2'));
  });

  const delegate = (over: Partial<DelegateRecord> = {}): DelegateRecord => ({
    _id: 'd1',
    streetId: 's',
    name: '王芳',
    groupId: 'g',
    active: true,
    sortKey: 'x',
    codeHash: 'h',
    createdAt: now,
    updatedAt: now,
    ...over,
  });
  const code = (over: Partial<BindCodeRecord> = {}): BindCodeRecord => ({
    _id: 'h',
    streetId: 's',
    delegateId: 'd1',
    expiresAt: new Date(now.getTime() + 1000),
    ...over,
  });

  test('a valid code binds; used, expired, replaced and inactive ones do not', () => {
    expect(judgeBindCode(code(), delegate(), 'me', now)).toEqual({ ok: true });
    expect(judgeBindCode(code({ usedBy: 'other' }), delegate({ openid: 'other' }), 'me', now)).toEqual({ ok: false, reason: 'used' });
    expect(judgeBindCode(code({ usedBy: 'me' }), delegate({ openid: 'me' }), 'me', now)).toEqual({
      ok: false,
      reason: 'already_bound_here',
    });
    expect(judgeBindCode(code({ expiresAt: now }), delegate(), 'me', now)).toEqual({ ok: false, reason: 'expired' });
    expect(judgeBindCode(code(), delegate({ codeHash: 'newer' }), 'me', now)).toEqual({ ok: false, reason: 'unknown' });
    expect(judgeBindCode(code(), delegate({ active: false }), 'me', now)).toEqual({ ok: false, reason: 'inactive' });
  });

  test('wrong guesses accumulate within the window and start over after it', () => {
    let attempts = null;
    for (let i = 0; i < 10; i++) attempts = nextAttempts(attempts, 'me', new Date(now.getTime() + i * 1000), policy);
    expect(failuresInWindow(attempts, new Date(now.getTime() + 60000), policy)).toBe(10);
    expect(failuresInWindow(attempts, new Date(now.getTime() + policy.windowMs + 1), policy)).toBe(0);
    expect(nextAttempts(attempts, 'me', new Date(now.getTime() + policy.windowMs + 1), policy).failures).toBe(1);
  });
});

describe('ordering', () => {
  test('ids fit a 32-character scene with room to spare', () => {
    expect(`d=${newId()}`.length).toBeLessThanOrEqual(32);
  });

  test('stations list 家 before 站 before 点', () => {
    const keys = [stationSortKey('point', '甲'), stationSortKey('home', '乙'), stationSortKey('station', '丙')].sort();
    expect(keys.map((k) => k[0])).toEqual(['1', '2', '3']);
  });

  test('keywords are matched literally', () => {
    expect(new RegExp(keywordPattern('a.b(')).test('a.b(')).toBe(true);
    expect(new RegExp(keywordPattern('a.b')).test('axb')).toBe(false);
  });
});

describe('receptions', () => {
  const brief = (id: string, startHours: number) => ({
    id,
    startsAt: new Date(now.getTime() + startHours * 3600000),
    endsAt: new Date(now.getTime() + (startHours + 2) * 3600000),
    delegates: [],
  });

  test('a station keeps its upcoming receptions earliest first, past ones dropped', () => {
    const merged = mergeUpcoming([brief('past', -10), brief('later', 48)], brief('soon', 24), now);
    expect(merged.map((r) => r.id)).toEqual(['soon', 'later']);
    expect(nextReception(merged, new Date(now.getTime() + 27 * 3600000))?.id).toBe('later');
  });
});
