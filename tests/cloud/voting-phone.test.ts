import { createHmac } from 'node:crypto';
import { LOCAL_SECRETS } from '../../emulator/functions/local-secrets';
import { bucketOf } from '../../cloudfunctions/api/src/rosters/rules';
import { startTestEmulator } from '../support/emulator';
import { failure } from './directory-fixtures';
import { campaignInput, EARLY_OPEN, ok, openCampaign, STAFF, votingState, type TestEmulator } from './voting-fixtures';

// One verified person, one vote (issue 9, items 2 and 3): a resident vote checked by phone keys its
// voter by the number's keyed hash, so two WeChat accounts with one number cast one ballot; callers
// who have not verified are told to, and a roster lets only its numbers vote.

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
}, 120_000);
afterAll(() => emulator?.stop());

const hashOf = (mobile: string) => createHmac('sha256', LOCAL_SECRETS.VOTER_KEY_SECRET).update(`phone:+86${mobile}`).digest('hex');

/** An open resident vote checked by phone, with a roster of `rostered` numbers when given. */
async function phoneCampaign(title: string, rostered?: string[]) {
  // Without `verification`, as staff make it: a resident vote is checked by phone.
  const created = await ok<{ id: string; projectIds: string[] }>(
    emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ title, verification: undefined })),
  );
  if (rostered) await ok(emulator.call(STAFF, 'admin.rosters.import', { campaignId: created.id, csv: rostered.join('\n') }));
  await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id: created.id }));
  await ok(emulator.call(STAFF, 'admin.campaigns.open', { id: created.id, ...EARLY_OPEN }));
  return created;
}

const PASS = expect.stringMatching(/^[0-9a-z]+\.[0-9a-f]{64}\.[0-9a-f]{64}$/);
const passOf = async (openid: string, campaignId: string) =>
  (await ok<{ pass?: string }>(emulator.call(openid, 'votes.mine', { campaignId }))).pass!;

describe('a resident vote checked by phone', () => {
  it('asks a caller who has not verified to verify, and writes nothing', async () => {
    const { id, projectIds } = await phoneCampaign('手机号核对：未验证');
    expect(await ok(emulator.call('pv-unverified', 'votes.mine', { campaignId: id }))).toEqual({ voted: false, blocked: 'verify_phone' });
    const before = await votingState(emulator, id);
    const refusal = await failure(emulator.call('pv-unverified', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]] }));
    expect(refusal).toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('验证手机号') });
    expect(await votingState(emulator, id)).toEqual(before);

    // Verified, the same person votes, and the page learns it from votes.mine.
    await emulator.verifyPhone('pv-unverified', '13700001111');
    expect(await ok(emulator.call('pv-unverified', 'votes.mine', { campaignId: id }))).toEqual({ voted: false, pass: PASS });
    const answer = await ok(
      emulator.call('pv-unverified', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]], requestId: 'pv-first-0001' }),
    );
    expect(await ok(emulator.call('pv-unverified', 'votes.mine', { campaignId: id }))).toEqual({ voted: true, day: answer.day });
  });

  it('counts a number once, however many WeChat accounts verified it', async () => {
    const { id, projectIds } = await phoneCampaign('手机号核对：一号一票');
    await emulator.verifyPhone('pv-account-a', '13912345678');
    await emulator.verifyPhone('pv-account-b', '13912345678');
    const first = await ok(
      emulator.call('pv-account-a', 'votes.cast', { campaignId: id, projectIds: [projectIds[1]], requestId: 'pv-a-000001' }),
    );
    // A resend of the first account's request (its answer was lost) gets the same receipt again.
    expect(
      await ok(emulator.call('pv-account-a', 'votes.cast', { campaignId: id, projectIds: [projectIds[1]], requestId: 'pv-a-000001' })),
    ).toEqual(first);
    // The second account holding the same number has voted already, by that number.
    expect(await ok(emulator.call('pv-account-b', 'votes.mine', { campaignId: id }))).toEqual({ voted: true, day: first.day });
    expect(
      await failure(emulator.call('pv-account-b', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]], requestId: 'pv-b-000001' })),
    ).toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    const { ballots, markers } = await votingState(emulator, id);
    expect(ballots).toHaveLength(1);
    expect(markers).toHaveLength(1);
    // Another number is another voter.
    await emulator.verifyPhone('pv-account-c', '13912345679');
    await ok(emulator.call('pv-account-c', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]] }));
    expect((await votingState(emulator, id)).ballots).toHaveLength(2);
  });

  it('a vote that counts accounts still lets an unverified account vote', async () => {
    const { id, projectIds } = await openCampaign(emulator, { title: '不核对手机号', verification: 'none' });
    expect(await ok(emulator.call('pv-plain', 'votes.mine', { campaignId: id }))).toEqual({ voted: false });
    await ok(emulator.call('pv-plain', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]] }));
  });
});

describe('a vote with a roster', () => {
  it('lets only rostered numbers vote, and tells the others which number was checked', async () => {
    const { id, projectIds } = await phoneCampaign('名册核对', ['13800001234', '13800005678']);
    await emulator.verifyPhone('pv-listed', '13800001234');
    await emulator.verifyPhone('pv-unlisted', '13600009999');

    expect(await ok(emulator.call('pv-unlisted', 'votes.mine', { campaignId: id }))).toEqual({
      voted: false,
      blocked: 'not_on_roster',
      maskedPhone: '136****9999',
    });
    const before = await votingState(emulator, id);
    expect(await failure(emulator.call('pv-unlisted', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]] }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('136****9999 不在本次投票的住户名册中'),
    });
    expect(await votingState(emulator, id)).toEqual(before);

    await ok(emulator.call('pv-listed', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]] }));
    expect(await ok(emulator.call('pv-listed', 'votes.mine', { campaignId: id }))).toMatchObject({ voted: true });
  });
});

describe('database requests of a ballot checked by phone', () => {
  /** Two mobile numbers whose keyed hashes share a roster bucket (the first two hex digits). */
  function twoInOneBucket(): [string, string] {
    const seen = new Map<string, string>();
    for (let n = 0; ; n++) {
      const mobile = `1351234${String(n).padStart(4, '0')}`;
      const bucket = bucketOf(hashOf(mobile));
      const other = seen.get(bucket);
      if (other) return [other, mobile];
      seen.set(bucket, mobile);
    }
  }

  it('stay within the ballot budget of 6: the caller read replaces the marker check', async () => {
    const { id, projectIds } = await phoneCampaign('计数：手机号');
    await emulator.verifyPhone('pv-cost-1', '13511110001');
    await emulator.verifyPhone('pv-cost-2', '13511110002');
    await ok(emulator.call('pv-cost-1', 'votes.mine', { campaignId: id })); // the warm instance knows the campaign
    await ok(emulator.call('pv-cost-2', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]], requestId: 'pv-cost-0001' }));
    const [cast] = await emulator.calls();
    // Read the caller (the phone hash), then start, insert the marker, insert the ballot, increment the shard, commit.
    expect([cast.action, cast.databaseReads, cast.databaseWrites]).toEqual(['votes.cast', 1, 5]);

    // A repeat (rare: the page already knows this person voted) is refused by the marker's insert: start,
    // the failing insert, rollback, before any shard is locked; then the marker is read to tell a
    // resend of the same request from a second vote.
    await failure(emulator.call('pv-cost-2', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]] }));
    const [repeat] = await emulator.calls();
    expect([repeat.databaseReads, repeat.databaseWrites]).toEqual([2, 3]);
  });

  it('with a roster, read each bucket once per warm instance', async () => {
    const [a, b] = twoInOneBucket();
    const { id, projectIds } = await phoneCampaign('计数：名册', [a, b]);
    await emulator.verifyPhone('pv-bucket-a', a);
    await emulator.verifyPhone('pv-bucket-b', b);
    await ok(emulator.call('pv-bucket-none', 'votes.mine', { campaignId: id })); // the warm instance knows the campaign, no bucket yet
    await ok(emulator.call('pv-bucket-a', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]] }));
    const [first] = await emulator.calls();
    expect([first.databaseReads, first.databaseWrites]).toEqual([2, 5]);
    await ok(emulator.call('pv-bucket-b', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]] }));
    const [second] = await emulator.calls();
    expect([second.databaseReads, second.databaseWrites]).toEqual([1, 5]);
  });

  it('cast with the pass from votes.mine: 6 accepted, a repeat refused by one read, a resend answered by one', async () => {
    const { id, projectIds } = await phoneCampaign('计数：凭证');
    await emulator.verifyPhone('pv-pass-1', '13511120001');
    const pass = await passOf('pv-pass-1', id);
    await ok(emulator.call('pv-pass-1', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]], pass, requestId: 'pv-pass-0001' }));
    const [cast] = await emulator.calls();
    // The marker (named by the pass) is read, then start, marker, ballot, shard, commit: no read of the caller.
    expect([cast.databaseReads, cast.databaseWrites]).toEqual([1, 5]);

    await failure(emulator.call('pv-pass-1', 'votes.cast', { campaignId: id, projectIds: [projectIds[1]], pass }));
    const [repeat] = await emulator.calls();
    expect([repeat.databaseReads, repeat.databaseWrites]).toEqual([1, 0]);
    await ok(emulator.call('pv-pass-1', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]], pass, requestId: 'pv-pass-0001' }));
    const [resend] = await emulator.calls();
    expect([resend.databaseReads, resend.databaseWrites]).toEqual([1, 0]);
  });

  it('with a roster, the bucket is read by votes.mine, and the cast with its pass still costs 6', async () => {
    const [a, b] = twoInOneBucket();
    const { id, projectIds } = await phoneCampaign('计数：名册凭证', [a, b]);
    await emulator.verifyPhone('pv-rpass-a', a);
    const pass = await passOf('pv-rpass-a', id);
    await ok(emulator.call('pv-rpass-a', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]], pass }));
    const [cast] = await emulator.calls();
    expect([cast.databaseReads, cast.databaseWrites]).toEqual([1, 5]);
  });
});

describe("a voter's pass", () => {
  it('counts the number once whether its ballots come with a pass or without, and derives the same receipt', async () => {
    const { id, projectIds } = await phoneCampaign('凭证：一号一票');
    await emulator.verifyPhone('pv-p-a', '13922220001');
    await emulator.verifyPhone('pv-p-b', '13922220001');
    const passA = await passOf('pv-p-a', id);
    const first = await ok(
      emulator.call('pv-p-a', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]], pass: passA, requestId: 'pv-p-000001' }),
    );
    // The same request resent without the pass (it expired on the phone): the same receipt.
    expect(
      await ok(emulator.call('pv-p-a', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]], requestId: 'pv-p-000001' })),
    ).toEqual(first);
    // The other account with the same number, with its own pass or without: already voted.
    const passB = await passOf('pv-p-b', id);
    expect(passB).toBeUndefined();
    expect(await failure(emulator.call('pv-p-b', 'votes.cast', { campaignId: id, projectIds: [projectIds[1]] }))).toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    expect((await votingState(emulator, id)).ballots).toHaveLength(1);
  });

  it("is worthless to anyone else: an unverified account sending another's pass is asked to verify, and nothing is written", async () => {
    const { id, projectIds } = await phoneCampaign('凭证：他人的凭证');
    await emulator.verifyPhone('pv-owner', '13922220002');
    const pass = await passOf('pv-owner', id);
    const before = await votingState(emulator, id);
    const refusal = await failure(emulator.call('pv-thief', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]], pass }));
    expect(refusal).toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('验证手机号') });
    expect(await votingState(emulator, id)).toEqual(before);
    // Nor in another campaign, for its owner: there the owner's own number is looked up again.
    const other = await phoneCampaign('凭证：另一次投票', ['13900000000']);
    expect(
      await failure(emulator.call('pv-owner', 'votes.cast', { campaignId: other.id, projectIds: [other.projectIds[0]], pass })),
    ).toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    expect((await votingState(emulator, other.id)).ballots).toHaveLength(0);
  });

  it('expires after 30 minutes by the server clock; the cast then looks the caller up again', async () => {
    const { id, projectIds } = await phoneCampaign('凭证：过期');
    await emulator.verifyPhone('pv-late', '13922220003');
    const pass = await passOf('pv-late', id);
    await ok(emulator.call('pv-late', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]], pass }));
    await emulator.advanceClock(31 * 60_000);
    // Refused as before, but the expired pass is not trusted: the caller's record is read, and the
    // marker's insert refuses (the path without a pass), not the one read a live pass costs.
    await failure(emulator.call('pv-late', 'votes.cast', { campaignId: id, projectIds: [projectIds[0]], pass }));
    const [repeat] = await emulator.calls();
    expect([repeat.databaseReads, repeat.databaseWrites]).toEqual([2, 3]);
    expect((await votingState(emulator, id)).ballots).toHaveLength(1);
  });

  it('is given only where a ballot is checked by phone and may be cast now', async () => {
    const accounts = await openCampaign(emulator, { title: '凭证：按微信账号' });
    expect(await ok(emulator.call('pv-any', 'votes.mine', { campaignId: accounts.id }))).toEqual({ voted: false });
  });
});
