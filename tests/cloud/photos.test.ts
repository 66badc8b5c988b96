import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { failure } from './directory-fixtures';
import { boundDelegate, draft, ok, STAFF } from './messages-fixtures';

// Photos on a message (issue 17, item 9): only the sender's own uploads are accepted, each is sent to
// WeChat's asynchronous image check, and it is held from the delegate until the check's answer,
// pushed to the function, passes it. A refused photo is kept from everyone but staff.

let emulator: TestEmulator;
let delegateId: string;
beforeAll(async () => {
  emulator = await startTestEmulator();
  await emulator.holdMediaChecks();
  ({ delegateId } = await boundDelegate(emulator, 'ph-delegate', '韩代表'));
}, 120_000);
afterAll(() => emulator?.stop());

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 256 }, (_, i) => i)]);
const folderOf = async (openid: string) => (await ok(emulator.call(openid, 'me.get', {}))).uploadFolder;
async function ownPhoto(openid: string, name: string) {
  return emulator.upload(`${await folderOf(openid)}/${name}.jpg`, JPEG);
}
const checksOf = async (fileId: string) =>
  (await emulator.mediaChecks()).filter((c) => c.mediaUrl.endsWith(fileId.replace(/^cloud:\/\/[^/]+\//, '')));

test("a photo from someone else's folder, or one that was never uploaded, is refused and nothing is written", async () => {
  const others = await ownPhoto('ph-victim', 'private');
  const before = await emulator.collection('messages');
  expect(await failure(emulator.call('ph-thief', 'messages.send', draft(delegateId, { photos: [others] })))).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'photos',
    message: expect.stringContaining('自己'),
  });
  // A made-up path in one's own folder: the file is not there.
  const missing = `cloud://emulator.emulator-bucket/${await folderOf('ph-thief')}/never-uploaded.jpg`;
  expect(await failure(emulator.call('ph-thief', 'messages.send', draft(delegateId, { photos: [missing] })))).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'photos',
  });
  expect(await emulator.collection('messages')).toEqual(before);
  expect(await emulator.mediaChecks()).toEqual([]);
});

test('a photo is checked, held from the delegate until it passes, then shown', async () => {
  const photo = await ownPhoto('ph-resident', 'pothole');
  const { id } = await ok(emulator.call('ph-resident', 'messages.send', draft(delegateId, { photos: [photo] })));
  const [check] = await checksOf(photo);
  expect(check).toMatchObject({ openid: 'ph-resident' });
  expect(check.answer).toBeUndefined();

  // Waiting: the delegate does not see it; the author sees it with a note that it is being checked.
  expect((await ok(emulator.call('ph-delegate', 'messages.get', { id }))).photos).toEqual([]);
  const mine = await ok(emulator.call('ph-resident', 'messages.get', { id }));
  expect(mine).toMatchObject({ photos: [photo], photoReview: { waiting: 1, refused: 0 } });

  expect(await emulator.answerMediaCheck(check.traceId, 'pass')).toEqual({ mediaCheck: 'applied' });
  const seen = await ok(emulator.call('ph-delegate', 'messages.get', { id }));
  expect(seen.photos).toEqual([photo]);
  expect(seen.photoReview).toBeUndefined();
  expect((await ok(emulator.call('ph-resident', 'messages.get', { id }))).photoReview).toBeUndefined();
});

test('a refused photo is kept from the delegate and the author, shown to staff; the rest of the message stands', async () => {
  const [good, bad] = [await ownPhoto('ph-resident-2', 'a'), await ownPhoto('ph-resident-2', 'b')];
  const { id } = await ok(emulator.call('ph-resident-2', 'messages.send', draft(delegateId, { photos: [good, bad] })));
  await emulator.answerMediaCheck((await checksOf(good))[0].traceId, 'pass');
  await emulator.answerMediaCheck((await checksOf(bad))[0].traceId, 'risky');
  expect((await ok(emulator.call('ph-delegate', 'messages.get', { id }))).photos).toEqual([good]);
  expect(await ok(emulator.call('ph-resident-2', 'messages.get', { id }))).toMatchObject({
    photos: [good],
    photoReview: { waiting: 0, refused: 1 },
  });
  expect(await ok(emulator.call(STAFF, 'messages.get', { id }))).toMatchObject({
    photos: [good, bad],
    photoReview: { waiting: 0, refused: 1 },
  });
});

test('an answer pushed again changes nothing; a forged answer from a client or for an unknown check applies nothing', async () => {
  const photo = await ownPhoto('ph-resident-3', 'x');
  const { id } = await ok(emulator.call('ph-resident-3', 'messages.send', draft(delegateId, { photos: [photo] })));
  const [check] = await checksOf(photo);
  // A client calling the function with the push's shape: it carries a caller, so it is an ordinary (bad) request.
  const forged = { MsgType: 'event', Event: 'wxa_media_check', trace_id: check.traceId, result: { suggest: 'pass' } };
  const answer = await emulator.callRaw('ph-resident-3', forged);
  expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  expect((await ok(emulator.call('ph-delegate', 'messages.get', { id }))).photos).toEqual([]);

  await emulator.answerMediaCheck(check.traceId, 'risky');
  await emulator.answerMediaCheck(check.traceId, 'pass');
  expect((await ok(emulator.call('ph-delegate', 'messages.get', { id }))).photos).toEqual([]);
  expect((await ok(emulator.call(STAFF, 'messages.get', { id }))).photoReview).toEqual({ waiting: 0, refused: 1 });
});

test('a message without photos asks for no image check', async () => {
  const before = (await emulator.mediaChecks()).length;
  await ok(emulator.call('ph-resident-4', 'messages.send', draft(delegateId)));
  expect(await emulator.mediaChecks()).toHaveLength(before);
});
