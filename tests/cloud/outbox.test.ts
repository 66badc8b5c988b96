import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';

// The outbox's two guarantees at the store (issue 17, item 7), with the function's own modules and the
// real wx-server-sdk against the emulator: a notice queued inside a transaction is a true no-op when its
// dedupeKey is there already (a plain set would requeue a sent notice and send it twice), and a send
// settles its record only while it still holds the lease.

let emulator: TestEmulator;
type Store = typeof import('../../cloudfunctions/api/src/notify/store');
type Db = typeof import('../../cloudfunctions/api/src/platform/db');
type Outbox = typeof import('../../cloudfunctions/api/src/notify/outbox');
let store: Store;
let db: Db;
let outbox: Outbox;

beforeAll(async () => {
  emulator = await startTestEmulator();
  const platform = JSON.parse(readFileSync(path.join(__dirname, '../../emulator/functions/platform-env.json'), 'utf8'));
  Object.assign(process.env, platform, { TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${emulator.url}/admin` }) });
  // Required only now: wx-server-sdk reads where the database is when platform/cloud initialises it.
  store = require('../../cloudfunctions/api/src/notify/store');
  db = require('../../cloudfunctions/api/src/platform/db');
  outbox = require('../../cloudfunctions/api/src/notify/outbox');
}, 120_000);
afterAll(() => emulator?.stop());

const stored = async (id: string) => (await emulator.collection('outbox')).find((r) => r._id === id) as any;

const request = (dedupeKey: string) => ({
  kind: 'test',
  recipient: 'ob-recipient',
  templateKey: 'reminder' as const,
  content: { subject: '测试提醒', state: '待回复', at: new Date(), hint: '请尽快回复' },
  page: 'pages/home/home',
  dedupeKey,
});
const ctx = { streetId: 'street-test', now: new Date() } as Parameters<Outbox['queueNotifications']>[0];

test('a notice queued again in a transaction after it was sent is not queued or sent again', async () => {
  const [first] = await db.inTransaction((tx) => outbox.queueNotifications(ctx, [request('ob:once')], tx));
  expect(first).toMatchObject({ status: 'sending', attempts: 1 });
  expect(await store.settle(first, 1, { status: 'sent', sentAt: new Date() })).toBe(true);

  // The same event queued by a later command: nothing to deliver, and the record stays sent.
  const again = await db.inTransaction((tx) => outbox.queueNotifications(ctx, [request('ob:once')], tx));
  expect(again).toEqual([]);
  expect(await stored(first._id)).toMatchObject({ status: 'sent', attempts: 1 });
});

test('a send that answers after its lease ran out settles nothing: the attempt that took the record over does', async () => {
  const [record] = await db.inTransaction((tx) => outbox.queueNotifications(ctx, [request('ob:lease')], tx));
  // The lease ran out and the timer's flush claimed the record for a second attempt.
  expect(await store.claim(record, new Date(Date.now() + 60_000))).toBe(true);
  // The first send answers late, with a failure: it must not overwrite the second attempt's record.
  expect(await store.settle(record, 1, { status: 'queued', nextAttemptAt: new Date(), lastError: 'late' })).toBe(false);
  expect(await stored(record._id)).toMatchObject({ status: 'sending', attempts: 2 });
  expect((await stored(record._id)).lastError).toBeUndefined();
  // The second attempt's answer counts.
  expect(await store.settle(record, 2, { status: 'sent', sentAt: new Date() })).toBe(true);
  expect(await stored(record._id)).toMatchObject({ status: 'sent', attempts: 2 });
});
