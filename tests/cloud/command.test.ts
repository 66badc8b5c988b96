import { startTestEmulator } from '../support/emulator';
import { failure } from './directory-fixtures';
import { boundDelegate, draft, newRequestId, ok, STAFF } from './messages-fixtures';
import { campaignInput, EARLY_CLOSE, EARLY_OPEN } from './voting-fixtures';

// Every write has one shape (app/command.ts): a repeat with the same requestId gets the first answer
// and changes nothing more; every staff action leaves an audit entry in the same transaction.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.stop());

const docs = async (name: string) => (await emulator.collection(name)) as any[];

describe('a write sent again after a lost answer', () => {
  test('a reply repeated with its requestId is one entry, one notification, the same answer', async () => {
    const { delegateId } = await boundDelegate(emulator, 'cmd-delegate', '严代表');
    const { id } = await ok(emulator.call('cmd-resident', 'messages.send', draft(delegateId)));
    const outboxBefore = (await docs('outbox')).length;
    const requestId = newRequestId();
    const first = await ok(emulator.call('cmd-delegate', 'messages.reply', { id, body: '已联系物业，本周修好。', requestId }));
    const again = await ok(emulator.call('cmd-delegate', 'messages.reply', { id, body: '已联系物业，本周修好。', requestId }));
    expect(again).toEqual(first);
    const message = (await docs('messages')).find((m) => m._id === id);
    expect(message.thread.filter((e: any) => e.kind === 'reply')).toHaveLength(1);
    expect((await docs('outbox')).length).toBe(outboxBefore + 1);
    // Another key is another reply.
    await ok(emulator.call('cmd-delegate', 'messages.reply', { id, body: '补充：已更换灯泡。', requestId: newRequestId() }));
    expect((await docs('messages')).find((m) => m._id === id).thread.filter((e: any) => e.kind === 'reply')).toHaveLength(2);
  });

  test('a staff create repeated with its requestId makes one record', async () => {
    const requestId = newRequestId();
    const first = await ok(emulator.call(STAFF, 'admin.groups.create', { name: '重试小组', requestId }));
    const again = await ok(emulator.call(STAFF, 'admin.groups.create', { name: '重试小组', requestId }));
    expect(again).toEqual(first);
    expect((await docs('groups')).filter((g) => g.name === '重试小组')).toHaveLength(1);
    const campaign = campaignInput({ title: '重试票选', requestId: newRequestId() });
    const created = await ok(emulator.call(STAFF, 'admin.campaigns.create', campaign));
    expect(await ok(emulator.call(STAFF, 'admin.campaigns.create', campaign))).toEqual(created);
    expect((await docs('campaigns')).filter((c) => c.title === '重试票选')).toHaveLength(1);
  });

  test('the same key from another person is their own request', async () => {
    await ok(emulator.call(STAFF, 'admin.staff.grant', { openid: 'other-staff-openid' }));
    const requestId = newRequestId();
    const mine = await ok(
      emulator.call(STAFF, 'admin.stations.create', { kind: 'point', name: '甲联络点', address: '甲路 1 号', requestId }),
    );
    const other = await ok(
      emulator.call('other-staff-openid', 'admin.stations.create', { kind: 'point', name: '乙联络点', address: '乙路 2 号', requestId }),
    );
    expect(mine.id).not.toBe(other.id);
  });

  test('the key of a write is never stored in the record it writes', async () => {
    const requestId = newRequestId();
    const { id } = await ok(emulator.call(STAFF, 'admin.groups.create', { name: '无键记录小组', requestId }));
    await ok(emulator.call(STAFF, 'admin.groups.update', { id, duty: '老旧小区改造', requestId: newRequestId() }));
    const group = (await docs('groups')).find((g) => g._id === id);
    expect(group).toMatchObject({ name: '无键记录小组', duty: '老旧小区改造' });
    expect(group).not.toHaveProperty('requestId');
  });

  test('a bind repeated after a lost answer answers as the first time instead of "already bound"', async () => {
    const { bindCode } = await ok(
      emulator.call(STAFF, 'admin.delegates.create', {
        name: '重试绑定',
        groupId: (await ok(emulator.call(STAFF, 'admin.groups.create', { name: '绑定小组' }))).id,
      }),
    );
    const requestId = newRequestId();
    const first = await ok(emulator.call('retry-binder', 'delegates.bind', { code: bindCode, requestId }));
    expect(await ok(emulator.call('retry-binder', 'delegates.bind', { code: bindCode, requestId }))).toEqual(first);
    expect((await failure(emulator.call('retry-binder', 'delegates.bind', { code: bindCode }))).code).toBe('ALREADY_EXISTS');
  });

  test('a malformed requestId is refused before anything is written', async () => {
    const before = (await docs('groups')).length;
    expect(await failure(emulator.call(STAFF, 'admin.groups.create', { name: '坏键小组', requestId: 'x' }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'requestId',
    });
    expect((await docs('groups')).length).toBe(before);
  });
});

describe('the audit trail', () => {
  test('each staff action records who did what to which record, with the action in one transaction', async () => {
    const { id } = await ok(emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ title: '审计票选' })));
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    await ok(emulator.call(STAFF, 'admin.campaigns.open', { id, ...EARLY_OPEN }));
    await ok(emulator.call(STAFF, 'admin.campaigns.close', { id, ...EARLY_CLOSE }));
    const entries = (await docs('audit')).filter((a) => a.subject === id);
    expect(entries.map((a) => a.action)).toEqual([
      'admin.campaigns.create',
      'admin.campaigns.schedule',
      'admin.campaigns.open',
      'admin.campaigns.close',
    ]);
    for (const entry of entries) expect(entry).toMatchObject({ actorOpenid: STAFF, streetId: 'default' });
    // Staff read a record's history, newest first; residents cannot (issue 17, item 11).
    const history = await ok(emulator.call(STAFF, 'admin.audit.list', { subject: id }));
    expect(history.items.map((e: any) => [e.action, e.actor])).toEqual([
      ['admin.campaigns.close', STAFF],
      ['admin.campaigns.open', STAFF],
      ['admin.campaigns.schedule', STAFF],
      ['admin.campaigns.create', STAFF],
    ]);
    expect(history.nextCursor).toBeNull();
    expect((await failure(emulator.call('audit-resident', 'admin.audit.list', {}))).code).toBe('PERMISSION_DENIED');
  });

  test('a refused staff action and residents’ writes leave no entry', async () => {
    const before = (await docs('audit')).length;
    expect((await failure(emulator.call(STAFF, 'admin.campaigns.open', { id: 'c-missing' }))).code).toBe('NOT_FOUND');
    await ok(emulator.call('audit-resident', 'me.update', { nickname: '老王' }));
    expect((await docs('audit')).length).toBe(before);
  });
});
