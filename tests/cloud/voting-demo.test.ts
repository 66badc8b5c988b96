import { startTestEmulator } from '../support/emulator';
import { DEMO_CAMPAIGN_ID, demoReceipt } from '../../emulator/seed/demo';
import { ok, type TestEmulator } from './voting-fixtures';

// The demo data's vote works like one the function ran: live totals, receipts that verify, one vote
// per demo voter, and demo-resident still free to vote.

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ seed: true });
});
afterAll(() => emulator?.stop());

test('the seeded vote counts its ballots, verifies their receipts and takes demo-resident’s ballot', async () => {
  const before = await ok(emulator.call('demo-resident', 'campaigns.results', { id: DEMO_CAMPAIGN_ID }));
  expect(before).toMatchObject({ ballots: 12, final: false });
  expect(await ok(emulator.call('anyone', 'votes.verify', { campaignId: DEMO_CAMPAIGN_ID, receipt: demoReceipt(3) }))).toMatchObject({
    counted: true,
  });
  expect(await ok(emulator.call('demo-voter-3', 'votes.mine', { campaignId: DEMO_CAMPAIGN_ID }))).toMatchObject({ voted: true });
  expect(await emulator.call('demo-voter-3', 'votes.cast', { campaignId: DEMO_CAMPAIGN_ID, projectIds: ['p1'] })).toMatchObject({
    ok: false,
    error: { code: 'ALREADY_EXISTS' },
  });
  expect(await ok(emulator.call('demo-resident', 'votes.mine', { campaignId: DEMO_CAMPAIGN_ID }))).toEqual({ voted: false });
  await ok(emulator.call('demo-resident', 'votes.cast', { campaignId: DEMO_CAMPAIGN_ID, projectIds: ['p2', 'p5'] }));
  const after = await ok(emulator.call('demo-resident', 'campaigns.results', { id: DEMO_CAMPAIGN_ID }));
  expect(after.ballots).toBe(13);
});
