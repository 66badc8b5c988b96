import { startTestEmulator } from '../support/emulator';
import { ok, type TestEmulator } from './voting-fixtures';

// The demo data's 代表建议 and 专项评议 work like ones the function made: the public reads the answered
// suggestions and the published review, the demo delegate rates the answer waiting for them, and a
// verified resident scores the open review.

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ seed: true });
});
afterAll(() => emulator?.stop());

test('the seeded suggestions are public once answered, and 周建国 can rate the one waiting for him', async () => {
  const listed = await ok(emulator.call('demo-resident', 'suggestions.list', {}));
  expect(listed.items.map((s: { id: string }) => s.id)).toEqual(['sgdemo2', 'sgdemo1']);
  expect(await ok(emulator.call('demo-delegate', 'suggestions.get', { id: 'sgdemo2' }))).toMatchObject({ can: { rate: true } });
  expect(await ok(emulator.call('demo-delegate', 'suggestions.rate', { id: 'sgdemo2', satisfaction: 'basically_satisfied' }))).toEqual({
    status: 'closed',
  });
  expect((await ok(emulator.call('demo-delegate', 'suggestions.mine', {}))).items).toHaveLength(2);
  expect((await ok(emulator.call('staff-openid', 'admin.suggestions.list', { status: 'submitted' }))).items).toHaveLength(1);
});

test('the seeded reviews: one published with its 整改事项, one open for scoring', async () => {
  expect(await ok(emulator.call('demo-resident', 'reviews.get', { id: 'rvdemo1' }))).toMatchObject({
    status: 'published',
    results: { count: 37 },
    rectifications: [{ status: 'done' }, { status: 'pending' }],
  });
  await emulator.verifyPhone('demo-resident', '13812341234');
  await ok(emulator.call('demo-resident', 'reviews.score', { id: 'rvdemo2', scores: [4, 4, 3] }));
  expect(await ok(emulator.call('demo-resident', 'reviews.get', { id: 'rvdemo2' }))).toMatchObject({
    status: 'open',
    mine: { scored: true },
  });
});
