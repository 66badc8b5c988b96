import { startTestEmulator } from '../support/emulator';
import { boundDelegate, EARLY_CLOSE, ok, openCampaign, STAFF, type TestEmulator } from './voting-fixtures';

// Secrecy by construction (docs/architecture.md#voting): after a resident vote and a delegates' 票决
// have run their whole course, no stored document and no log line holds both a voter's identifier
// (openid, delegateId, phone hash) and that voter's choices or receipt.

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.stop());

interface Cast {
  identifiers: string[];
  projectIds: string[];
  receipt: string;
}

/** Every string anywhere inside a document, keys included. */
function stringsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((v) => stringsOf(v, into));
  else if (value && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      into.push(key);
      stringsOf(v, into);
    }
  return into;
}

/** Whether a document holds a ballot's choices: a choice list, a receipt (or its hash), or this voter's exact choices. */
function holdsChoices(doc: unknown, cast: Cast, receiptHashes: Set<string>): boolean {
  const strings = stringsOf(doc);
  const text = JSON.stringify(doc);
  return (
    strings.includes('projectIds') ||
    strings.some((s) => receiptHashes.has(s)) ||
    text.includes(cast.receipt) ||
    text.includes(JSON.stringify(cast.projectIds)) ||
    text.includes(cast.projectIds.join(';'))
  );
}

test('no document and no log line links a voter to their choices, in a resident vote and a delegates’ 票决', async () => {
  const residents = await openCampaign(emulator, { title: '保密测试（居民）', maxChoices: 3, verification: 'phone' });
  const delegates = await openCampaign(emulator, { title: '保密测试（代表）', eligibility: 'delegates', maxChoices: 3 });
  // Distinct choices per voter, so a document holding one voter's choices could be recognised.
  const choices = [['p1'], ['p2', 'p3'], ['p1', 'p4'], ['p2', 'p3', 'p4']];
  const casts: Cast[] = [];

  for (const [k, projectIds] of choices.entries()) {
    const openid = `secret-resident-${k}`;
    // Checked by phone: the voter key is the number's keyed hash, which must not meet the choices either.
    await emulator.verifyPhone(openid, `1390000000${k}`);
    // Half send a requestId (the client does), so the resend path is covered too.
    const requestId = k % 2 ? `secret-req-${k}-0000` : undefined;
    const { receipt } = await ok(
      emulator.call(openid, 'votes.cast', { campaignId: residents.id, projectIds, ...(requestId ? { requestId } : {}) }),
    );
    if (requestId) await ok(emulator.call(openid, 'votes.cast', { campaignId: residents.id, projectIds, requestId }));
    await ok(emulator.call(openid, 'votes.mine', { campaignId: residents.id }));
    await ok(emulator.call(openid, 'votes.verify', { campaignId: residents.id, receipt }));
    await emulator.grantSubscription(openid, 'voteResult');
    await ok(emulator.call(openid, 'subscriptions.record', { accepted: ['voteResult'] }));
    casts.push({ identifiers: [openid], projectIds, receipt });
  }
  for (const [k, projectIds] of choices.slice(0, 3).entries()) {
    const openid = `secret-delegate-${k}`;
    const { delegateId } = await boundDelegate(emulator, openid, `保密代表${k}`);
    const { receipt } = await ok(
      emulator.call(openid, 'votes.cast', { campaignId: delegates.id, projectIds, requestId: `secret-dlg-${k}-00` }),
    );
    await ok(emulator.call(openid, 'votes.mine', { campaignId: delegates.id }));
    casts.push({ identifiers: [openid, delegateId], projectIds, receipt });
  }
  // The whole course: close, recount, publish, notices, export, open data.
  for (const { id } of [residents, delegates]) {
    await ok(emulator.call(STAFF, 'admin.campaigns.close', { id, ...EARLY_CLOSE }));
    await ok(emulator.call(STAFF, 'admin.campaigns.publish', { id }));
    await ok(emulator.call(STAFF, 'admin.campaigns.exportBallots', { id }));
    await ok(emulator.call('secret-reader', 'campaigns.openData', { id }));
  }
  await emulator.timer();

  const listed = (await (await fetch(`${emulator.url}/_emulator/collections`)).json()) as { items: { name: string }[] };
  const collections = listed.items.map((c) => c.name);
  expect(collections).toEqual(expect.arrayContaining(['ballots', 'voterMarkers', 'tallies', 'requests', 'outbox', 'users', 'audit']));
  const documents: { collection: string; doc: Record<string, unknown> }[] = [];
  for (const name of collections) for (const doc of await emulator.collection(name)) documents.push({ collection: name, doc });

  // Phone hashes, wherever a user record keeps one, are voter identifiers too.
  const users = documents.filter((d) => d.collection === 'users').map((d) => d.doc);
  for (const cast of casts) {
    const user = users.find((u) => u._id === cast.identifiers[0]);
    if (typeof user?.phoneHash === 'string') cast.identifiers.push(user.phoneHash);
  }
  const ballots = documents.filter((d) => d.collection === 'ballots').map((d) => d.doc);
  const receiptHashes = new Set(ballots.map((b) => String(b.receiptHash)));
  expect(ballots.filter((b) => b.campaignId === residents.id || b.campaignId === delegates.id)).toHaveLength(casts.length);

  const links: string[] = [];
  for (const cast of casts)
    for (const { collection, doc } of documents) {
      const text = JSON.stringify(doc);
      if (cast.identifiers.some((id) => text.includes(id)) && holdsChoices(doc, cast, receiptHashes))
        links.push(`${collection}/${String(doc._id)} links ${cast.identifiers[0]}`);
    }
  expect(links).toEqual([]);

  // The ballots themselves name nobody; the markers hold no choices.
  for (const ballot of ballots) expect(casts.some((c) => c.identifiers.some((id) => JSON.stringify(ballot).includes(id)))).toBe(false);
  for (const marker of documents.filter((d) => d.collection === 'voterMarkers').map((d) => d.doc))
    expect(Object.keys(marker).every((key) => ['_id', 'campaignId', 'day', 'request'].includes(key))).toBe(true);

  // Log lines and answers: the calls the emulator recorded (caller, action, console output) never
  // carry a receipt or a choice list next to the caller.
  for (const call of await emulator.calls()) {
    const cast = casts.find((c) => c.identifiers.includes(String(call.openid)));
    if (cast) expect(call.logs.includes(cast.receipt) || call.logs.includes('projectIds')).toBe(false);
  }
});
