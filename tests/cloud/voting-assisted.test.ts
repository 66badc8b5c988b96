import { startTestEmulator } from '../support/emulator';
import { failure, newStation } from './directory-fixtures';
import { campaignInput, EARLY_OPEN, ok, openCampaign, STAFF, votingState, type TestEmulator } from './voting-fixtures';

// 代办投票 (issue 9, item 8): at a 家站点 a staff member casts for a resident who verifies their own
// number on the staff member's phone. The ballot is the resident's; the audit trail records that it
// was assisted, never the choices.

let emulator: TestEmulator;
let stationId: string;
beforeAll(async () => {
  emulator = await startTestEmulator();
  stationId = await newStation(emulator, '幸福里家站点');
}, 120_000);
afterAll(() => emulator?.stop());

/** An open resident vote checked by phone (staff's default), with a roster when given. */
async function phoneCampaign(title: string, roster?: string) {
  const created = await ok<{ id: string; projectIds: string[] }>(
    emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ title, verification: undefined })),
  );
  if (roster) await ok(emulator.call(STAFF, 'admin.rosters.import', { campaignId: created.id, csv: roster }));
  await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id: created.id }));
  await ok(emulator.call(STAFF, 'admin.campaigns.open', { id: created.id, ...EARLY_OPEN }));
  return created;
}

/** The code the resident's tap on the staff member's phone yields: issued to the staff member's account. */
const residentCode = (phoneNumber: string) => emulator.phoneCode(STAFF, phoneNumber);

describe('admin.votes.castAssisted', () => {
  it('casts the resident’s ballot: it counts, it is theirs, and they cannot vote again online', async () => {
    const { id } = await phoneCampaign('代办：计票');
    const answer = await ok(
      emulator.call(STAFF, 'admin.votes.castAssisted', {
        campaignId: id,
        stationId,
        code: await residentCode('13722223333'),
        projectIds: ['p2', 'p3'],
        requestId: 'assist-0000001',
      }),
    );
    expect(answer).toEqual({ receipt: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/), day: expect.any(String) });
    // The receipt shown to the resident checks out, and the tally has the ballot.
    expect(await ok(emulator.call('anyone', 'votes.verify', { campaignId: id, receipt: answer.receipt }))).toEqual({
      counted: true,
      day: answer.day,
    });
    const { ballots, markers } = await votingState(emulator, id);
    expect(ballots.map((b) => b.projectIds)).toEqual([['p2', 'p3']]);
    expect(markers).toHaveLength(1);

    // The resident, on their own phone with the same number, has voted.
    await emulator.verifyPhone('assisted-resident', '13722223333');
    expect(await ok(emulator.call('assisted-resident', 'votes.mine', { campaignId: id }))).toEqual({ voted: true, day: answer.day });
    expect(await failure(emulator.call('assisted-resident', 'votes.cast', { campaignId: id, projectIds: ['p1'] }))).toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    // And a second assisted ballot for the same number is refused too.
    expect(
      await failure(
        emulator.call(STAFF, 'admin.votes.castAssisted', {
          campaignId: id,
          stationId,
          code: await residentCode('13722223333'),
          projectIds: ['p1'],
        }),
      ),
    ).toMatchObject({ code: 'ALREADY_EXISTS' });
    expect((await votingState(emulator, id)).ballots).toHaveLength(1);
  });

  it('records in the audit trail that it was assisted, where and by whom, never the choices or the number', async () => {
    const { id } = await phoneCampaign('代办：留痕');
    const { receipt } = await ok(
      emulator.call(STAFF, 'admin.votes.castAssisted', {
        campaignId: id,
        stationId,
        code: await residentCode('13733334444'),
        projectIds: ['p4'],
      }),
    );
    const entries = (await emulator.collection('audit')).filter((e) => e.action === 'admin.votes.castAssisted' && e.subject === id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorOpenid: STAFF, subject: id, reason: '代办投票：幸福里家站点' });
    const text = JSON.stringify(entries[0]);
    for (const secret of ['p4', 'projectIds', receipt, '13733334444', '3333****', '4444']) expect(text).not.toContain(secret);
    const trail = await ok(emulator.call(STAFF, 'admin.audit.list', { subject: id }));
    expect(trail.items.map((e: { action: string }) => e.action)).toContain('admin.votes.castAssisted');
  });

  it('a resend after a lost answer, with a fresh code and the same request, gets the same receipt', async () => {
    const { id } = await phoneCampaign('代办：重发');
    const cast = async () =>
      emulator.call(STAFF, 'admin.votes.castAssisted', {
        campaignId: id,
        stationId,
        code: await residentCode('13744445555'),
        projectIds: ['p1'],
        requestId: 'assist-resend-01',
      });
    const first = await ok(cast());
    expect(await ok(cast())).toEqual(first);
    expect((await votingState(emulator, id)).ballots).toHaveLength(1);
  });

  it('refuses what it cannot do, writes nothing, and spends no code on a refusal it could tell first', async () => {
    const { id } = await phoneCampaign('代办：拒绝', '13755556666');
    const accounts = await openCampaign(emulator, { title: '代办：按账号', verification: 'none' });
    const code = await residentCode('13755556666');
    const attempt = (over: Record<string, unknown>, openid = STAFF) =>
      failure(emulator.call(openid, 'admin.votes.castAssisted', { campaignId: id, stationId, code, projectIds: ['p1'], ...over }));
    const before = await votingState(emulator, id);
    const auditBefore = (await emulator.collection('audit')).length;

    expect(await attempt({}, 'a-resident')).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await attempt({ campaignId: accounts.id })).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: '代办投票只用于按手机号核对的居民投票',
      field: 'campaignId',
    });
    expect(await attempt({ campaignId: 'no-such-vote' })).toMatchObject({ code: 'NOT_FOUND', field: 'campaignId' });
    expect(await attempt({ stationId: 'no-such-station' })).toMatchObject({ code: 'NOT_FOUND', field: 'stationId' });
    expect(await attempt({ projectIds: ['p1', 'p2', 'p3'] })).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'projectIds' });
    expect(await attempt({ code: 'not a code!' })).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'code' });
    // A number that is not on the roster (its code is spent: WeChat had to be asked).
    expect(await attempt({ code: await residentCode('13600001111') })).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('136****1111 不在本次投票的住户名册中'),
    });
    expect(await votingState(emulator, id)).toEqual(before);
    expect((await emulator.collection('audit')).length).toBe(auditBefore);

    // None of the refusals above spent the rostered resident's code: it still casts.
    await ok(emulator.call(STAFF, 'admin.votes.castAssisted', { campaignId: id, stationId, code, projectIds: ['p1'] }));
    // Once used, a code is refused, as WeChat refuses it.
    expect(await attempt({})).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'code' });
  });
});
