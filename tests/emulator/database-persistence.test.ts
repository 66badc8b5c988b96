// Persistence: a data folder survives a restart; without one the store is memory only; reset clears both.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../emulator/database';
import { noFaults } from '../../emulator/faults';
import { collections, startFixture } from './database-fixture';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('documents, dates and unique indexes survive a restart', async () => {
  const first = await startFixture({ dataDir });
  const when = new Date('2026-01-02T03:04:05.000Z');
  await first.db.collection('people').add({ data: { _id: 'a', email: 'x@e', when, tags: ['t'] } });
  await first.db.collection('counters').add({ data: { _id: 'c', n: 1 } });
  await first.db.collection('counters').doc('c').remove();
  await first.close();

  const second = await startFixture({ dataDir });
  try {
    expect((await second.db.collection('people').doc('a').get()).data).toEqual({ _id: 'a', email: 'x@e', when, tags: ['t'] });
    expect((await second.db.collection('counters').count()).total).toBe(0);
    await expect(second.db.collection('people').add({ data: { email: 'x@e' } })).rejects.toThrow(/duplicate key/);
    await second.db
      .collection('people')
      .doc('a')
      .update({ data: { email: 'y@e' } });
    await second.db.collection('people').add({ data: { _id: 'b', email: 'x@e' } });
  } finally {
    await second.close();
  }
  const reopened = await startFixture({ dataDir });
  try {
    expect(reopened.database.readCollection('people')).toEqual([
      { _id: 'a', email: 'y@e', when: when.toISOString(), tags: ['t'] },
      { _id: 'b', email: 'x@e' },
    ]);
    await reopened.database.reset();
    expect(reopened.database.isEmpty()).toBe(true);
  } finally {
    await reopened.close();
  }
  const third = await createDatabase({ collections, dataDir, now: () => new Date(), faults: noFaults() });
  expect(third.isEmpty()).toBe(true);
  await third.close();
});

test('without a data folder the store lives in memory: a new instance starts empty', async () => {
  const memory = await startFixture();
  await memory.db.collection('counters').add({ data: { n: 1 } });
  await memory.close();
  const again = await startFixture();
  expect(again.database.isEmpty()).toBe(true);
  await again.close();
});

test('readCollection gives plain JSON, newest insertion last, at most the limit', async () => {
  const fixture = await startFixture();
  try {
    await fixture.database.insertMany(
      'items',
      [1, 2, 3].map((n) => ({ _id: `i${n}`, n, at: new Date(Date.UTC(2026, 0, n)) })),
    );
    expect(fixture.database.readCollection('items', 2)).toEqual([
      { _id: 'i2', n: 2, at: '2026-01-02T00:00:00.000Z' },
      { _id: 'i3', n: 3, at: '2026-01-03T00:00:00.000Z' },
    ]);
    expect(fixture.database.listCollections()).toContainEqual({ name: 'items', count: 3 });
  } finally {
    await fixture.close();
  }
});

test('a new environment starts without collections; db.createCollection makes one, with its declared indexes, and it persists', async () => {
  const first = await startFixture({ dataDir, empty: true });
  try {
    await expect(first.db.collection('people').add({ data: { email: 'x@e' } })).rejects.toThrow(/not exist/);
    await first.db.createCollection('people');
    await expect(first.db.createCollection('people')).rejects.toThrow(/exist/);
    await first.db.collection('people').add({ data: { _id: 'a', email: 'x@e' } });
    await expect(first.db.collection('people').add({ data: { email: 'x@e' } })).rejects.toThrow(/duplicate key/);
  } finally {
    await first.close();
  }
  const second = await startFixture({ dataDir, empty: true });
  try {
    expect(second.database.listCollections()).toEqual([{ name: 'people', count: 1 }]);
    await expect(second.db.collection('people').add({ data: { email: 'x@e' } })).rejects.toThrow(/duplicate key/);
  } finally {
    await second.close();
  }
});
