import { allActions } from '../../cloudfunctions/api/src/app/registry';
import { startTestEmulator } from '../support/emulator';
import { failure, newGroup, ok, snapshot, STAFF, type TestEmulator } from './directory-fixtures';

const actions = allActions();

// Roles: everyone is a resident; staff come from ADMIN_OPENIDS or a grant; every admin action is
// refused to anyone else, whatever capability it belongs to.

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
}, 120_000);
afterAll(() => emulator?.stop());

const adminActions = Object.keys(actions).filter((name) => name.startsWith('admin.'));

/** Payloads that pass validation for the actions of this capability, so the refusal is the role's. */
const validPayloads: Record<string, Record<string, unknown>> = {
  'admin.staff.list': {},
  'admin.staff.grant': { openid: 'resident-openid' },
  'admin.staff.revoke': { openid: 'someone' },
  'admin.staff.invite': {},
  'admin.groups.create': { name: '综合治理' },
  'admin.groups.update': { id: 'g1', name: '综合治理' },
  'admin.stations.create': { kind: 'station', name: '联络站', address: '清风路 1 号' },
  'admin.stations.update': { id: 's1', name: '联络站' },
  'admin.delegates.list': {},
  'admin.delegates.create': { name: '王芳', groupId: 'g1' },
  'admin.delegates.update': { id: 'd1', name: '王芳' },
  'admin.delegates.reissueCode': { id: 'd1' },
  'admin.delegates.unbind': { id: 'd1' },
  'admin.receptions.create': { stationId: 's1', startsAt: '2030-01-01T01:00:00Z', endsAt: '2030-01-01T03:00:00Z', delegateIds: ['d1'] },
  'admin.codes.get': { kind: 'delegate', id: 'd1' },
};

describe('a resident and admin actions', () => {
  it('every registered admin action, of every capability, is for staff only', () => {
    expect(adminActions.length).toBeGreaterThanOrEqual(Object.keys(validPayloads).length);
    for (const name of adminActions) {
      const allow = actions[name as keyof typeof actions]!.allow;
      expect({ name, allow }).toEqual({ name, allow: ['staff'] });
    }
  });

  it('calling any of them as a resident is refused and writes nothing', async () => {
    await newGroup(emulator);
    const collections = ['users', 'groups', 'stations', 'delegates', 'bindCodes', 'receptions'];
    const before = await snapshot(emulator, ...collections);
    for (const name of adminActions) {
      const result = await emulator.call('resident-openid', name as any, (validPayloads[name] ?? {}) as any);
      expect({ name, ok: result.ok }).toEqual({ name, ok: false });
      // With a valid payload the refusal is the role check's; other capabilities' payloads may fail validation first.
      if (validPayloads[name] && !result.ok) expect({ name, code: result.error.code }).toEqual({ name, code: 'PERMISSION_DENIED' });
    }
    expect(await snapshot(emulator, ...collections)).toBe(before);
  });
});

describe('staff', () => {
  it('bootstrap staff grant staff; granted staff can act and be revoked', async () => {
    expect((await ok(emulator.call(STAFF, 'me.get', {}))).roles).toEqual(['resident', 'staff']);
    await ok(emulator.call(STAFF, 'admin.staff.grant', { openid: 'clerk' }));
    expect((await ok(emulator.call('clerk', 'me.get', {}))).roles).toEqual(['resident', 'staff']);
    await ok(emulator.call('clerk', 'admin.groups.create', { name: '民主法治' }));
    const staffList = (await ok(emulator.call('clerk', 'admin.staff.list', {}))).items;
    expect(staffList).toEqual([{ openid: STAFF, bootstrap: true }, expect.objectContaining({ openid: 'clerk', bootstrap: false })]);

    expect((await failure(emulator.call('clerk', 'admin.staff.revoke', { openid: STAFF }))).code).toBe('FAILED_PRECONDITION');
    await ok(emulator.call(STAFF, 'admin.staff.revoke', { openid: 'clerk' }));
    expect((await ok(emulator.call('clerk', 'me.get', {}))).roles).toEqual(['resident']);
    expect((await failure(emulator.call('clerk', 'admin.groups.create', { name: '民主法治' }))).code).toBe('PERMISSION_DENIED');
  });
});

describe('staff invitations (issue 13, item 9): a one-time code instead of an openid to type', () => {
  it('the invited colleague enters the code and becomes staff, audited with who invited; the code works once', async () => {
    const { code, expiresAt } = await ok(emulator.call(STAFF, 'admin.staff.invite', {}));
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    // Only a keyed hash is stored: the code itself is nowhere in the database.
    expect(JSON.stringify(await emulator.collection('staffInvites'))).not.toContain(code.replace('-', ''));

    // Typed back from a chat: lower case, spaces instead of the dash.
    const typed = code.toLowerCase().replace('-', ' ');
    expect(await ok(emulator.call('invited-clerk', 'me.claimInvite', { code: typed }))).toEqual({ roles: ['resident', 'staff'] });
    expect((await ok(emulator.call('invited-clerk', 'me.get', {}))).roles).toEqual(['resident', 'staff']);
    const [entry] = (await emulator.collection('audit')).filter((a: any) => a.action === 'me.claimInvite') as any[];
    expect(entry).toMatchObject({
      actorOpenid: 'invited-clerk',
      subject: 'invited-clerk',
      to: 'staff',
      reason: expect.stringContaining(STAFF),
    });

    const reused = await failure(emulator.call('someone-else', 'me.claimInvite', { code }));
    expect(reused).toMatchObject({ code: 'FAILED_PRECONDITION', field: 'code', message: expect.stringContaining('用过') });
    expect((await ok(emulator.call('someone-else', 'me.get', {}))).roles).toEqual(['resident']);
  });

  it("with a group, the invitation makes the person that group's liaison in place of the previous one", async () => {
    const { id: groupId } = await ok(
      emulator.call(STAFF, 'admin.groups.create', { name: '邀请小组', liaison: { name: '旧委员' }, liaisonOpenid: 'old-liaison' }),
    );
    expect((await failure(emulator.call(STAFF, 'admin.staff.invite', { groupId: 'g-missing' }))).code).toBe('NOT_FOUND');
    const { code } = await ok(emulator.call(STAFF, 'admin.staff.invite', { groupId }));
    expect(await ok(emulator.call('new-liaison', 'me.claimInvite', { code }))).toEqual({ roles: ['resident'], liaisonGroupIds: [groupId] });
    expect((await ok(emulator.call('old-liaison', 'me.get', {}))).liaisonGroupIds).toBeUndefined();
    const group = (await emulator.collection('groups')).find((g: any) => g._id === groupId) as any;
    expect(group.liaisonOpenid).toBe('new-liaison');
    const [entry] = (await emulator.collection('audit')).filter(
      (a: any) => a.action === 'me.claimInvite' && a.actorOpenid === 'new-liaison',
    ) as any[];
    expect(entry).toMatchObject({ to: `liaison:${groupId}`, reason: expect.stringContaining('邀请小组小组联系委员') });
  });

  it('a wrong or expired code makes nobody staff and writes nothing; only staff may invite', async () => {
    const before = await snapshot(emulator, 'users', 'staffInvites', 'audit');
    expect(await failure(emulator.call('guesser', 'me.claimInvite', { code: 'ABCDE-FGHJK' }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('不正确'),
    });
    expect(await snapshot(emulator, 'users', 'staffInvites', 'audit')).toBe(before);
    expect((await failure(emulator.call('guesser', 'admin.staff.invite', {}))).code).toBe('PERMISSION_DENIED');

    const { code } = await ok(emulator.call(STAFF, 'admin.staff.invite', {}));
    await emulator.advanceClock(24 * 3600_000 + 1000);
    expect(await failure(emulator.call('too-late', 'me.claimInvite', { code }))).toMatchObject({
      message: expect.stringContaining('过期'),
    });
    expect((await ok(emulator.call('too-late', 'me.get', {}))).roles).toEqual(['resident']);
  });
});

describe('me.update', () => {
  it('keeps the profile, clears a field with an empty string, and rejects what it does not know', async () => {
    expect(await ok(emulator.call('li', 'me.update', { nickname: '老李', community: '清风社区', phone: '13912345678' }))).toEqual({
      profile: { nickname: '老李', community: '清风社区', phone: '13912345678' },
    });
    expect(await ok(emulator.call('li', 'me.update', { phone: '' }))).toEqual({ profile: { nickname: '老李', community: '清风社区' } });
    expect((await ok(emulator.call('li', 'me.get', {}))).profile).toEqual({ nickname: '老李', community: '清风社区' });
    const before = await snapshot(emulator, 'users');
    expect(await failure(emulator.call('li', 'me.update', { phone: '123' }))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'phone' });
    expect((await failure(emulator.call('li', 'me.update', { staff: true } as any))).code).toBe('INVALID_ARGUMENT');
    expect(await snapshot(emulator, 'users')).toBe(before);
  });

  it('takes a landline as well as a mobile, kept as digits however it was typed (issue 13, item 7)', async () => {
    expect(await ok(emulator.call('wang', 'me.update', { phone: '0519-8881 2301' }))).toMatchObject({ profile: { phone: '051988812301' } });
    expect(await failure(emulator.call('wang', 'me.update', { phone: '5198881230' }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'phone',
    });
  });
});
