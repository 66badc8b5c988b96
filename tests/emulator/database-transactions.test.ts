// Transactions through the real wx-server-sdk: atomic, isolated, serializable, retried on conflict.
import { noFaults } from '../../emulator/faults';
import { startFixture, type Fixture } from './database-fixture';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());
beforeEach(async () => {
  await f.database.reset();
  Object.assign(f.faults, noFaults());
});

const balance = async (id: string) => (await f.db.collection('counters').doc(id).get()).data.n;

test('runTransaction commits reads, set, update, add and delete together', async () => {
  await f.database.insertMany('counters', [
    { _id: 'a', n: 10 },
    { _id: 'b', n: 0 },
    { _id: 'gone', n: 1 },
  ]);
  const result = await f.db.runTransaction(async (tx) => {
    const a = (await tx.collection('counters').doc('a').get()).data as { n: number };
    await tx
      .collection('counters')
      .doc('a')
      .update({ data: { n: a.n - 3 } });
    await tx
      .collection('counters')
      .doc('b')
      .set({ data: { n: 3 } });
    await tx.collection('counters').add({ data: { _id: 'log', moved: 3 } });
    await tx.collection('counters').doc('gone').remove();
    // The transaction reads its own writes.
    expect((await tx.collection('counters').doc('b').get()).data).toEqual({ _id: 'b', n: 3 });
    return 'done';
  });
  expect(result).toBe('done');
  expect(f.database.readCollection('counters')).toEqual([
    { _id: 'a', n: 7 },
    { _id: 'b', n: 3 },
    { _id: 'log', moved: 3 },
  ]);
});

test('a transaction that throws leaves no partial write', async () => {
  await f.database.insertMany('counters', [{ _id: 'a', n: 1 }]);
  await expect(
    f.db.runTransaction(async (tx) => {
      await tx
        .collection('counters')
        .doc('a')
        .update({ data: { n: 2 } });
      await tx.collection('counters').add({ data: { _id: 'new', n: 1 } });
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  expect(f.database.readCollection('counters')).toEqual([{ _id: 'a', n: 1 }]);
});

test('startTransaction: uncommitted writes are invisible outside; commit publishes, rollback discards', async () => {
  await f.database.insertMany('counters', [{ _id: 'a', n: 1 }]);
  const tx = await f.db.startTransaction();
  await tx
    .collection('counters')
    .doc('a')
    .update({ data: { n: 5 } });
  await tx.collection('counters').add({ data: { _id: 'b', n: 1 } });
  expect(f.database.readCollection('counters')).toEqual([{ _id: 'a', n: 1 }]);
  await tx.commit();
  expect(await balance('a')).toBe(5);
  expect(await balance('b')).toBe(1);

  const aborted = await f.db.startTransaction();
  await aborted
    .collection('counters')
    .doc('a')
    .update({ data: { n: 99 } });
  await aborted.collection('counters').doc('b').remove();
  await aborted.rollback();
  expect(f.database.readCollection('counters')).toEqual([
    { _id: 'a', n: 5 },
    { _id: 'b', n: 1 },
  ]);
});

test('concurrent read-modify-write transactions on one document are serialized', async () => {
  await f.database.insertMany('counters', [{ _id: 'a', n: 0 }]);
  await Promise.all(
    Array.from({ length: 30 }, () =>
      f.db.runTransaction(async (tx) => {
        const { n } = (await tx.collection('counters').doc('a').get()).data as { n: number };
        await new Promise((resolve) => setImmediate(resolve));
        await tx
          .collection('counters')
          .doc('a')
          .update({ data: { n: n + 1 } });
      }),
    ),
  );
  expect(await balance('a')).toBe(30);
});

test('transactions locking two documents in opposite orders both finish (deadlock broken, SDK retries)', async () => {
  await f.database.insertMany('counters', [
    { _id: 'x', n: 0 },
    { _id: 'y', n: 0 },
  ]);
  const transfer = (from: string, to: string) =>
    f.db.runTransaction(async (tx) => {
      const a = (await tx.collection('counters').doc(from).get()).data as { n: number };
      await new Promise((resolve) => setTimeout(resolve, 20));
      const b = (await tx.collection('counters').doc(to).get()).data as { n: number };
      await tx
        .collection('counters')
        .doc(from)
        .update({ data: { n: a.n - 1 } });
      await tx
        .collection('counters')
        .doc(to)
        .update({ data: { n: b.n + 1 } });
    });
  await Promise.all([transfer('x', 'y'), transfer('y', 'x'), transfer('x', 'y')]);
  expect([await balance('x'), await balance('y')]).toEqual([-1, 1]);
});

test('a plain write to a document a transaction holds waits for the commit, then applies on top', async () => {
  await f.database.insertMany('counters', [{ _id: 'a', n: 0 }]);
  const tx = await f.db.startTransaction();
  await tx
    .collection('counters')
    .doc('a')
    .update({ data: { n: 10 } });
  const plain = f.db
    .collection('counters')
    .doc('a')
    .update({ data: { n: f.db.command.inc(1) } });
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(f.database.readCollection('counters')).toEqual([{ _id: 'a', n: 0 }]);
  await tx.commit();
  await plain;
  expect(await balance('a')).toBe(11);
});

test('two transactions creating the same _id: one wins, the other gets the duplicate error', async () => {
  const cast = (choice: string) =>
    f.db.runTransaction(async (tx) => {
      await tx.collection('ballots').add({ data: { _id: 'campaign1:openid1', campaignId: 'campaign1', receipt: choice, choice } });
    });
  const results = await Promise.allSettled([cast('A'), cast('B')]);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  expect(String(failed.reason?.message ?? failed.reason)).toMatch(/DATABASE_DUPLICATE_WRITE|duplicate key/);
  expect(f.database.readCollection('ballots')).toHaveLength(1);
});

test('a unique-index clash inside a transaction aborts all of it', async () => {
  await f.database.insertMany('people', [{ _id: 'a', email: 'x@e' }]);
  await expect(
    f.db.runTransaction(async (tx) => {
      await tx.collection('people').add({ data: { _id: 'b', email: 'new@e' } });
      await tx.collection('people').add({ data: { _id: 'c', email: 'x@e' } });
    }),
  ).rejects.toThrow(/DATABASE_DUPLICATE_WRITE|duplicate key/);
  expect(f.database.readCollection('people')).toEqual([{ _id: 'a', email: 'x@e' }]);
});

test('an injected conflict refuses the commit with DATABASE_TRANSACTION_CONFLICT; runTransaction retries and then gives up', async () => {
  await f.database.insertMany('counters', [{ _id: 'a', n: 0 }]);
  f.faults.transactionConflictRate = 1;
  const tx = await f.db.startTransaction();
  await tx
    .collection('counters')
    .doc('a')
    .update({ data: { n: 1 } });
  await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  let attempts = 0;
  await expect(
    f.db.runTransaction(async (t) => {
      attempts += 1;
      await t
        .collection('counters')
        .doc('a')
        .update({ data: { n: 2 } });
    }),
  ).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(attempts).toBe(4);
  expect(await balance('a')).toBe(0);
});

test('the document-at-a-time transaction actions answer as the older SDK transaction expects', async () => {
  await f.database.insertMany('counters', [
    { _id: 'a', n: 1 },
    { _id: 'b', n: 1 },
  ]);
  const { transactionId } = await f.database.handle('database.startTransaction', {});
  const scope = { collectionName: 'counters', transactionId };
  const got = await f.database.handle('database.getInTransaction', { ...scope, _id: 'a' });
  expect(JSON.parse(got.data as string)).toEqual({ _id: 'a', n: 1 });
  const updated = await f.database.handle('database.updateDocInTransaction', {
    ...scope,
    _id: 'a',
    data: '{"$set":{"n":{"$numberInt":"5"}}}',
  });
  expect(JSON.parse(updated.updated as string)).toBe(1);
  const upserted = await f.database.handle('database.updateDocInTransaction', {
    ...scope,
    _id: 'c',
    data: '{"n":{"$numberInt":"7"}}',
    upsert: true,
  });
  expect(JSON.parse(upserted.upserted as string)).toEqual([{ _id: 'c' }]);
  const deleted = await f.database.handle('database.deleteDocInTransaction', { ...scope, _id: 'b' });
  expect(JSON.parse(deleted.deleted as string)).toBe(1);
  expect(await f.database.handle('database.commitTransaction', { transactionId })).toEqual({ requestId: expect.any(String) });
  expect(f.database.readCollection('counters')).toEqual([
    { _id: 'a', n: 5 },
    { _id: 'c', n: 7 },
  ]);
});

test('a request naming an unknown transaction is refused', async () => {
  const answer = await f.database.handle('database.getDocument', {
    collectionName: 'counters',
    query: '{"_id":"a"}',
    queryType: 'DOC',
    transactionId: 'nope',
  });
  expect(answer).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
});

test('two open transactions claiming one unique key under different _ids: the second commit is refused whole', async () => {
  const first = await f.db.startTransaction();
  const second = await f.db.startTransaction();
  await first.collection('ballots').add({ data: { _id: 'b1', campaignId: 'c', receipt: 'same' } });
  await second.collection('ballots').add({ data: { _id: 'b2', campaignId: 'c', receipt: 'same' } });
  await second.collection('counters').add({ data: { _id: 'side-effect', n: 1 } });
  await first.commit();
  await expect(second.commit()).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
  expect(f.database.readCollection('ballots').map((b) => b._id)).toEqual(['b1']);
  expect(f.database.readCollection('counters')).toEqual([]);
});

test('a query inside a transaction sees the transaction’s own inserts and updates, through the index too', async () => {
  await f.database.insertMany('items', [
    { _id: 'i1', group: 1 },
    { _id: 'i2', group: 7 },
  ]);
  const tx = await f.db.startTransaction();
  await tx.collection('items').add({ data: { _id: 'i3', group: 7 } });
  await tx
    .collection('items')
    .doc('i1')
    .update({ data: { group: 7 } });
  await tx
    .collection('items')
    .doc('i2')
    .update({ data: { group: 8 } });
  const inside = tx.collection('items') as unknown as { where(q: object): { get(): Promise<{ data: Array<{ _id: string }> }> } };
  expect((await inside.where({ group: 7 }).get()).data.map((d) => d._id).sort()).toEqual(['i1', 'i3']);
  expect((await f.db.collection('items').where({ group: 7 }).get()).data.map((d) => d._id)).toEqual(['i2']);
  await tx.commit();
  expect((await f.db.collection('items').where({ group: 7 }).get()).data.map((d) => d._id).sort()).toEqual(['i1', 'i3']);
});

describe('conflicts as production reports them', () => {
  test("failing fast, a transaction meeting another's lock is refused at once with a write conflict; queueing, it waits", async () => {
    await f.database.insertMany('counters', [{ _id: 'a', n: 1 }]);
    const holder = await f.db.startTransaction();
    await holder.collection('counters').doc('a').get();

    f.faults.failFastConflicts = true;
    const refused = await f.db.startTransaction();
    // Refused while the holder still holds the lock: nothing waits.
    const error = await refused
      .collection('counters')
      .doc('a')
      .update({ data: { n: 5 } })
      .catch((e: unknown) => e);
    expect(String((error as { errMsg?: string }).errMsg ?? error)).toContain('[WriteConflict]');
    await refused.rollback();

    f.faults.failFastConflicts = false;
    const queued = await f.db.startTransaction();
    let done = false;
    const waiting = queued
      .collection('counters')
      .doc('a')
      .update({ data: { n: 6 } })
      .then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(false);
    await holder.commit();
    await waiting;
    await queued.commit();
    expect(await balance('a')).toBe(6);
    expect(f.database.activity()).toEqual({ openTransactions: 0, held: 0, waiting: 0 });
  });

  test('an injected write conflict refuses the read or write itself, rewrapped by the SDK as production reports it', async () => {
    await f.database.insertMany('counters', [{ _id: 'a', n: 1 }]);
    f.faults.writeConflictRate = 1;
    const tx = await f.db.startTransaction();
    const error = (await tx
      .collection('counters')
      .doc('a')
      .get()
      .catch((e: unknown) => e)) as { errCode?: number; errMsg?: string };
    // Not DATABASE_TRANSACTION_CONFLICT: the SDK's own runTransaction does not retry this form, which is
    // why the function's inTransaction also matches the message (cloudfunctions/api/src/platform/db.ts).
    expect(error).toMatchObject({ errCode: -501001, errMsg: expect.stringContaining('[WriteConflict]') });
    await tx.rollback();
    // Reads outside a transaction take no locks and meet no conflict.
    expect(await balance('a')).toBe(1);
  });

  test("a transaction abandoned with its locks is ended after the idle limit on the emulator's clock", async () => {
    await f.database.insertMany('counters', [{ _id: 'a', n: 1 }]);
    const abandoned = await f.db.startTransaction();
    await abandoned.collection('counters').doc('a').get();
    expect(f.database.activity()).toMatchObject({ openTransactions: 1, held: 1 });
    f.clock.now = new Date(f.clock.now.getTime() + 61_000);
    // The sweep runs every few seconds of real time.
    for (let waited = 0; f.database.activity().openTransactions > 0 && waited < 10_000; waited += 200)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(f.database.activity()).toEqual({ openTransactions: 0, held: 0, waiting: 0 });
    await f.db
      .collection('counters')
      .doc('a')
      .update({ data: { n: 2 } });
    expect(await balance('a')).toBe(2);
  }, 20_000);
});
