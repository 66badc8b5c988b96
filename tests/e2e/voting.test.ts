import { startTestEmulator } from '../support/emulator';
import { campaignInput, ok, STAFF, type TestEmulator } from '../cloud/voting-fixtures';

// The whole journey of a year's 民生实事 vote: staff schedule a campaign, the timer opens it, residents
// vote and keep their receipts, the timer closes it with a recount, staff publish and pick the projects,
// voters are told and anyone can check a receipt and read the results.

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.stop());

test('staff schedule → timer opens → residents vote → timer closes → staff publish and select → voters told', async () => {
  const hour = 3600_000;
  const { id } = await ok(
    emulator.call(
      STAFF,
      'admin.campaigns.create',
      campaignInput({
        title: '2027 年民生实事',
        opensAt: new Date(Date.now() + hour).toISOString(),
        closesAt: new Date(Date.now() + 3 * hour).toISOString(),
      }),
    ),
  );
  await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
  expect((await ok(emulator.call('resident-1', 'campaigns.list', {}))).items).toHaveLength(0);

  await emulator.advanceClock(hour);
  await emulator.timer();
  const list = await ok(emulator.call('resident-1', 'campaigns.list', {}));
  expect(list.items.map((c: any) => [c.id, c.status])).toEqual([[id, 'open']]);

  const receipts: Record<string, string> = {};
  const choices: Record<string, string[]> = {
    'resident-1': ['p1', 'p2'],
    'resident-2': ['p2'],
    'resident-3': ['p2', 'p4'],
    'resident-4': ['p3'],
  };
  for (const [openid, projectIds] of Object.entries(choices)) {
    await emulator.grantSubscription(openid, 'voteResult');
    await ok(emulator.call(openid, 'subscriptions.record', { accepted: ['voteResult'] }));
    receipts[openid] = (await ok(emulator.call(openid, 'votes.cast', { campaignId: id, projectIds }))).receipt;
  }
  expect(await emulator.call('resident-1', 'votes.cast', { campaignId: id, projectIds: ['p3'] })).toMatchObject({
    ok: false,
    error: { code: 'ALREADY_EXISTS' },
  });

  await emulator.advanceClock(2 * hour);
  await emulator.timer();
  // Closed: staff check the recount; residents see totals once published.
  const closed = await ok(emulator.call(STAFF, 'campaigns.get', { id }));
  expect(closed).toMatchObject({ status: 'closed', recount: { ballots: 4, matches: true } });
  expect((await ok(emulator.call('resident-5', 'campaigns.get', { id }))).results).toBeUndefined();

  await ok(emulator.call(STAFF, 'admin.campaigns.publish', { id }));
  const published = await ok(emulator.call('resident-5', 'campaigns.get', { id }));
  expect(published.results.totals.map((t: any) => [t.projectId, t.votes])).toEqual([
    ['p2', 3],
    ['p1', 1],
    ['p3', 1],
    ['p4', 1],
  ]);
  await ok(emulator.call(STAFF, 'admin.campaigns.select', { id, projectIds: ['p2'] }));
  await emulator.timer();
  const told = (await emulator.deliveries()).filter((d) => d.templateKey === 'voteResult' && d.result.errCode === 0);
  expect(told.map((d) => d.recipient).sort()).toEqual(Object.keys(choices).sort());
  expect(told[0].page).toBe(`packages/resident/results/results?id=${id}`);

  expect(await ok(emulator.call('anyone', 'votes.verify', { campaignId: id, receipt: receipts['resident-3'] }))).toMatchObject({
    counted: true,
  });
  const year = new Date(Date.now() + 3 * hour + 8 * hour).getUTCFullYear();
  const projects = await ok(emulator.call('anyone', 'projects.list', { year }));
  expect(projects.items.map((p: any) => [p.title, p.votes, p.status])).toEqual([['社区食堂', 3, 'planning']]);
});
