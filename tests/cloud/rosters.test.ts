import { createHmac } from 'node:crypto';
import { LOCAL_SECRETS } from '../../emulator/functions/local-secrets';
import { AppError } from '../../cloudfunctions/api/src/app/errors';
import { parseRoster, rosterPhone } from '../../cloudfunctions/api/src/rosters/rules';
import { startTestEmulator } from '../support/emulator';
import { failure, ok, snapshot, STAFF, type TestEmulator } from './directory-fixtures';
import { campaignInput, openCampaign } from './voting-fixtures';

// Eligibility rosters (issue 9, item 3) and the campaign's verification setting (item 2): staff attach
// the households' numbers to a resident campaign before it opens, stored only as keyed hashes.

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
}, 120_000);
afterAll(() => emulator?.stop());

const hashOf = (mobile: string) => createHmac('sha256', LOCAL_SECRETS.VOTER_KEY_SECRET).update(`phone:+86${mobile}`).digest('hex');

/** A draft as staff make it: without `verification`, a resident vote is checked by phone. */
async function draft(over: Record<string, unknown> = {}): Promise<string> {
  return (await ok<{ id: string }>(emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ verification: undefined, ...over })))).id;
}
const rosterDocs = async (campaignId: string) => (await emulator.collection('rosters')).filter((d) => d.campaignId === campaignId);
const rosterHashes = async (campaignId: string) => (await rosterDocs(campaignId)).flatMap((d) => d.hashes as string[]).sort();
const summary = async (campaignId: string) => ok(emulator.call(STAFF, 'campaigns.get', { id: campaignId }));

describe('a campaign’s verification', () => {
  it('defaults to phone for residents, keeps an explicit none, and is none for delegates whatever was asked', async () => {
    expect((await summary(await draft())).verification).toBe('phone');
    expect((await summary(await draft({ verification: 'none' }))).verification).toBe('none');
    expect((await summary(await draft({ eligibility: 'delegates', verification: 'phone' }))).verification).toBe('none');
  });

  it('can be changed while the campaign is a draft', async () => {
    const id = await draft();
    await ok(emulator.call(STAFF, 'admin.campaigns.update', { id, verification: 'none' }));
    expect((await summary(id)).verification).toBe('none');
  });

  it('refuses a value it does not know, naming the field in Chinese', async () => {
    const error = await failure(emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ verification: 'sms' })));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'verification', message: expect.stringContaining('身份验证方式') });
  });
});

describe('admin.rosters.import', () => {
  it('stores the numbers of a CSV only as keyed hashes; names, headers, spellings and repeats are handled', async () => {
    const id = await draft();
    const csv = [
      '户主,手机号,门牌',
      '张三,13812341234,3-201',
      '李四,+86 139 0000 2222,3-202',
      '',
      '王五,"0086-137-0000-3333",5-101',
      '赵六,13812341234,3-201', // the same household listed twice
      '钱七\t13600004444',
    ].join('\r\n');
    expect(await ok(emulator.call(STAFF, 'admin.rosters.import', { campaignId: id, csv }))).toEqual({ count: 4, duplicates: 1 });
    expect((await summary(id)).rosterCount).toBe(4);
    expect(await rosterHashes(id)).toEqual(['13812341234', '13900002222', '13700003333', '13600004444'].map(hashOf).sort());

    const stored = JSON.stringify(await Promise.all(['rosters', 'campaigns', 'audit', 'requests'].map((c) => emulator.collection(c))));
    for (const digits of ['13812341234', '2341234', '13900002222', '0000 2222', '张三']) expect(stored).not.toContain(digits);
  });

  it('refuses a file with bad lines, naming each line, and stores nothing', async () => {
    const id = await draft();
    const before = await snapshot(emulator, 'rosters', 'campaigns', 'audit', 'requests');
    const csv = ['手机号', '13812341234', '1381234123', '张三', '0519-88812301', '13900002222'].join('\n');
    const error = await failure(emulator.call(STAFF, 'admin.rosters.import', { campaignId: id, csv }));
    expect(error).toEqual({
      code: 'INVALID_ARGUMENT',
      field: 'csv',
      message: '名册第 3、4、5 行没有有效的手机号（11 位，以 1 开头）。请改正后重新导入，本次未保存任何号码',
    });
    expect(await snapshot(emulator, 'rosters', 'campaigns', 'audit', 'requests')).toBe(before);
  });

  it('replaces the whole roster: numbers left out are no longer on it', async () => {
    const id = await draft();
    const many = Array.from({ length: 300 }, (_, i) => `139${String(i).padStart(8, '0')}`);
    await ok(emulator.call(STAFF, 'admin.rosters.import', { campaignId: id, csv: many.join('\n') }));
    expect((await rosterHashes(id)).length).toBe(300);

    await ok(emulator.call(STAFF, 'admin.rosters.import', { campaignId: id, csv: '13812341234\n13700003333' }));
    expect(await rosterHashes(id)).toEqual([hashOf('13812341234'), hashOf('13700003333')].sort());
    expect((await rosterDocs(id)).length).toBeLessThanOrEqual(2);
    expect((await summary(id)).rosterCount).toBe(2);
  });

  it('is frozen with the rules once the campaign is scheduled; staff unschedule to change it', async () => {
    const id = await draft();
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    expect(await failure(emulator.call(STAFF, 'admin.rosters.import', { campaignId: id, csv: '13812341234' }))).toEqual({
      code: 'FAILED_PRECONDITION',
      field: 'campaignId',
      message: '已排期的票选规则已冻结：请先撤回为草稿，再更改住户名册',
    });
    await ok(emulator.call(STAFF, 'admin.campaigns.unschedule', { id }));
    expect(await ok(emulator.call(STAFF, 'admin.rosters.import', { campaignId: id, csv: '13812341234' }))).toEqual({
      count: 1,
      duplicates: 0,
    });
  });

  it('records who imported it in the audit trail', async () => {
    const id = await draft();
    await ok(emulator.call(STAFF, 'admin.rosters.import', { campaignId: id, csv: '13812341234' }));
    const trail = await ok(emulator.call(STAFF, 'admin.audit.list', { subject: id }));
    expect(trail.items.map((e: { action: string }) => e.action)).toContain('admin.rosters.import');
  });

  it('is refused once voting has started, for delegate votes and for votes not checked by phone; nothing is written', async () => {
    const { id: open } = await openCampaign(emulator, { verification: 'phone' });
    const delegates = await draft({ eligibility: 'delegates' });
    const accounts = await draft({ verification: 'none' });
    const before = await snapshot(emulator, 'rosters', 'campaigns');
    for (const campaignId of [open, delegates, accounts]) {
      expect(await failure(emulator.call(STAFF, 'admin.rosters.import', { campaignId, csv: '13812341234' }))).toMatchObject({
        code: 'FAILED_PRECONDITION',
        message: expect.stringMatching(/[\u4e00-\u9fa5]/),
      });
    }
    expect(await failure(emulator.call(STAFF, 'admin.rosters.import', { campaignId: 'c-none', csv: '13812341234' }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'campaignId',
    });
    expect(await snapshot(emulator, 'rosters', 'campaigns')).toBe(before);
  });

  it('is for staff only', async () => {
    const id = await draft();
    expect(await failure(emulator.call('a-resident', 'admin.rosters.import', { campaignId: id, csv: '13812341234' }))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
  });
});

describe('admin.rosters.remove', () => {
  it('removes every bucket and the count, before voting starts', async () => {
    const id = await draft();
    await ok(emulator.call(STAFF, 'admin.rosters.import', { campaignId: id, csv: '13812341234\n13900002222\n13700003333' }));
    expect(await ok(emulator.call(STAFF, 'admin.rosters.remove', { campaignId: id }))).toEqual({ removed: true });
    expect(await rosterDocs(id)).toEqual([]);
    expect((await summary(id)).rosterCount).toBeUndefined();
    expect(await ok(emulator.call(STAFF, 'admin.rosters.remove', { campaignId: id }))).toEqual({ removed: false });
  });
});

describe('reading a roster file (rules)', () => {
  const refusal = (text: string) => {
    try {
      parseRoster(text);
    } catch (error) {
      return error instanceof AppError ? error.message : String(error);
    }
    return 'accepted';
  };

  it('reads the usual spellings of a mainland mobile and nothing else', () => {
    for (const cell of [
      '13812341234',
      '138 1234 1234',
      '138-1234-1234',
      '+8613812341234',
      '+86 138 1234 1234',
      '008613812341234',
      '(138)12341234',
    ]) {
      expect(rosterPhone(cell)).toEqual({ countryCode: '86', purePhoneNumber: '13812341234' });
    }
    for (const cell of ['1381234123', '23812341234', '12812341234', '051988812301', '+85213812341234', ''])
      expect(rosterPhone(cell)).toBeNull();
  });

  it('names at most ten bad lines and counts the rest', () => {
    const lines = Array.from({ length: 15 }, (_, i) => `户${i},12345678`);
    expect(refusal(['13812341234', ...lines].join('\n'))).toBe(
      '名册第 2、3、4、5、6、7、8、9、10、11 行等 15 行没有有效的手机号（11 位，以 1 开头）。请改正后重新导入，本次未保存任何号码',
    );
  });

  it('refuses a file without numbers, and a second line without digits', () => {
    expect(refusal('')).toContain('名册中没有手机号');
    expect(refusal('手机号\n\n')).toContain('名册中没有手机号');
    expect(refusal('13812341234\n备注')).toContain('第 2 行');
  });

  it('accepts a UTF-8 BOM (Excel’s CSV) and lines ending in CR LF', () => {
    expect(parseRoster('\uFEFF手机号\r\n13812341234\r\n')).toEqual({
      phones: [{ countryCode: '86', purePhoneNumber: '13812341234' }],
      duplicates: 0,
    });
  });
});
