import { startTestEmulator } from '../support/emulator';
import { boundDelegate, draft, ok, STAFF } from './messages-fixtures';

// The public wall has a way back (issue 17, item 10): staff take an item down with a reason and may put
// it back, a resident withdraws consent, and a street may review every item before it appears.

type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;
let emulator: TestEmulator;
let delegateId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  delegateId = (await boundDelegate(emulator, 'delegate-w', '周代表')).delegateId;
}, 120_000);
afterAll(() => emulator?.stop());

/** A public message answered and resolved: what the wall shows. */
async function resolvedPublic(on: TestEmulator, resident: string, delegate = 'delegate-w', to = delegateId): Promise<string> {
  const { id } = await ok(on.call(resident, 'messages.send', draft(to, { isPublic: true, title: `${resident}反映的问题` })));
  await ok(on.call(delegate, 'messages.reply', { id, body: '已经联系物业处理。' }));
  await ok(on.call(delegate, 'messages.transition', { id, to: 'resolved', note: '已修好。' }));
  return id;
}
const onWall = async (on: TestEmulator, id: string) =>
  (await ok(on.call('passer-by', 'messages.wall', {}))).items.some((w: any) => w.id === id);
const failure = async (promise: Promise<any>) => {
  const answer = await promise;
  expect(answer.ok).toBe(false);
  return answer.error;
};

test('staff take an item off the wall with a reason, audited, and can put it back', async () => {
  const id = await resolvedPublic(emulator, 'res-wall-1');
  expect(await onWall(emulator, id)).toBe(true);

  expect(await failure(emulator.call(STAFF, 'admin.wall.hide', { id } as any))).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'reason',
  });
  expect(await failure(emulator.call('res-wall-1', 'admin.wall.hide', { id, reason: '涉及个人信息' }))).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
  expect(await onWall(emulator, id)).toBe(true);

  expect(await ok(emulator.call(STAFF, 'admin.wall.hide', { id, reason: '涉及个人信息' }))).toEqual({ wall: 'hidden' });
  expect(await onWall(emulator, id)).toBe(false);
  const hidden = await ok(emulator.call(STAFF, 'admin.wall.list', { status: 'hidden' }));
  const row = hidden.items.find((w: any) => w.id === id);
  expect(row).toMatchObject({ wall: 'hidden', reason: '涉及个人信息', title: 'res-wall-1反映的问题' });
  expect(JSON.stringify(row)).not.toContain('res-wall-1"');
  // The author sees where their message stands; the delegate is not told staff's side.
  expect((await ok(emulator.call('res-wall-1', 'messages.get', { id }))).wall).toBe('hidden');
  expect((await ok(emulator.call('delegate-w', 'messages.get', { id }))).wall).toBeUndefined();

  const trail = await ok(emulator.call(STAFF, 'admin.audit.list', { subject: id }));
  expect(trail.items.map((entry: any) => entry.action)).toContain('admin.wall.hide');

  expect(await ok(emulator.call(STAFF, 'admin.wall.show', { id }))).toEqual({ wall: 'shown' });
  expect(await onWall(emulator, id)).toBe(true);
});

test('a resident withdraws consent: the item leaves the wall at once, and staff cannot put it back', async () => {
  const id = await resolvedPublic(emulator, 'res-wall-2');
  expect(await failure(emulator.call('someone-else', 'messages.withdrawPublic', { id }))).toMatchObject({ code: 'NOT_FOUND' });
  expect(await onWall(emulator, id)).toBe(true);

  expect(await ok(emulator.call('res-wall-2', 'messages.withdrawPublic', { id }))).toEqual({ isPublic: false });
  expect(await onWall(emulator, id)).toBe(false);
  expect(await ok(emulator.call('res-wall-2', 'messages.get', { id }))).toMatchObject({ isPublic: false });
  expect(await failure(emulator.call(STAFF, 'admin.wall.show', { id }))).toMatchObject({ code: 'FAILED_PRECONDITION' });
  expect(await onWall(emulator, id)).toBe(false);
  // Withdrawing again is harmless.
  expect(await ok(emulator.call('res-wall-2', 'messages.withdrawPublic', { id }))).toEqual({ isPublic: false });
});

test("a message its resident kept private is never staff's to show", async () => {
  const { id } = await ok(emulator.call('res-wall-3', 'messages.send', draft(delegateId)));
  expect(await failure(emulator.call(STAFF, 'admin.wall.show', { id }))).toMatchObject({ code: 'FAILED_PRECONDITION' });
  expect((await ok(emulator.call('res-wall-3', 'messages.get', { id }))).wall).toBeUndefined();
});

test('a street that reviews first: a public message appears only once staff show it', async () => {
  const reviewing = await startTestEmulator({ env: { WALL_REVIEW: 'on' } });
  try {
    const { delegateId: delegate } = await boundDelegate(reviewing, 'delegate-r', '吴代表');
    const id = await resolvedPublic(reviewing, 'res-review', 'delegate-r', delegate);
    expect(await onWall(reviewing, id)).toBe(false);
    const pending = await ok(reviewing.call(STAFF, 'admin.wall.list', {}));
    expect(pending.items.map((w: any) => w.id)).toEqual([id]);
    await ok(reviewing.call(STAFF, 'admin.wall.show', { id }));
    expect(await onWall(reviewing, id)).toBe(true);
    expect((await ok(reviewing.call(STAFF, 'admin.wall.list', {}))).items).toEqual([]);
  } finally {
    await reviewing.stop();
  }
});
