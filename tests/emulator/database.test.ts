// The emulator's database through the real wx-server-sdk: queries, writes, operators, errors.
import { startFixture, type Fixture } from './database-fixture';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());
beforeEach(() => f.database.reset());

// Operators the project's narrow SDK typing leaves out.
const command = () => f.db.command as unknown as Record<string, (...args: unknown[]) => unknown>;

async function seedItems(count: number) {
  const data = Array.from({ length: count }, (_, i) => ({ _id: `i${String(i).padStart(4, '0')}`, n: i, group: i % 3, rank: i % 5 }));
  for (let at = 0; at < data.length; at += 500) {
    await f.database.insertMany('items', data.slice(at, at + 500));
  }
}

describe('reads', () => {
  test('where, orderBy on two fields, skip and limit', async () => {
    await seedItems(30);
    const _ = f.db.command;
    const { data } = await f.db
      .collection('items')
      .where({ n: _.gte(10) })
      .orderBy('group', 'asc')
      .orderBy('n', 'desc')
      .skip(2)
      .limit(4)
      .get();
    expect(data.map((d) => [d.group, d.n])).toEqual([
      [0, 21],
      [0, 18],
      [0, 15],
      [0, 12],
    ]);
  });

  test('no limit gives the server default of 100; a limit above 1000 is clamped to 1000', async () => {
    await seedItems(1200);
    const all = await f.db.collection('items').get();
    expect(all.data).toHaveLength(100);
    const big = await f.db.collection('items').limit(5000).get();
    expect(big.data).toHaveLength(1000);
    // The wire itself is clamped too, whatever a caller sends.
    const raw = await f.database.handle('database.getDocument', { collectionName: 'items', queryType: 'WHERE', query: '{}', limit: 3000 });
    expect((raw.data as { list: unknown[] }).list).toHaveLength(1000);
  });

  test('field() projects, keeping _id', async () => {
    await f.db.collection('items').add({ data: { _id: 'p', n: 1, secret: 's', nested: { a: 1, b: 2 } } });
    const { data } = await f.db.collection('items').where({ _id: 'p' }).field({ n: true, 'nested.a': true }).get();
    expect(data).toEqual([{ _id: 'p', n: 1, nested: { a: 1 } }]);
    const ref = f.db.collection('items').doc('p') as unknown as { field(p: object): { get(): Promise<{ data: unknown }> } };
    const doc = await ref.field({ secret: true }).get();
    expect(doc.data).toEqual({ _id: 'p', secret: 's' });
  });

  test('doc().get() of a missing document fails as in production', async () => {
    await expect(f.db.collection('items').doc('missing').get()).rejects.toThrow('document with _id missing does not exist');
  });

  test('count, $in, $or, $exists, $regex and db.RegExp', async () => {
    await seedItems(10);
    await f.db.collection('items').add({ data: { _id: 'name', title: '街道人大代表' } });
    const _ = f.db.command;
    expect(
      (
        await f.db
          .collection('items')
          .where({ group: _.in([1, 2]) })
          .count()
      ).total,
    ).toBe(6);
    expect(
      (
        await f.db
          .collection('items')
          .where(_.or([{ n: 0 }, { n: 9 }]) as Record<string, unknown>)
          .count()
      ).total,
    ).toBe(2);
    expect(
      (
        await f.db
          .collection('items')
          .where({ title: _.exists(true) })
          .count()
      ).total,
    ).toBe(1);
    expect((await f.db.collection('items').where({ title: /人大/ }).count()).total).toBe(1);
    expect(
      (
        await f.db
          .collection('items')
          .where({ title: f.db.RegExp({ regexp: '^街道', options: 'i' }) })
          .count()
      ).total,
    ).toBe(1);
  });

  test('dates round-trip as Date, server dates take the emulator clock, and compare in queries', async () => {
    const when = new Date('2026-02-01T00:00:00.000Z');
    const { _id } = await f.db
      .collection('items')
      .add({ data: { when, stamped: f.db.serverDate(), later: f.db.serverDate({ offset: 60_000 }) } });
    const { data } = await f.db.collection('items').doc(_id).get();
    expect(data.when).toEqual(when);
    expect(data.stamped).toBeInstanceOf(Date);
    expect(data.stamped).toEqual(f.clock.now);
    expect(data.later).toEqual(new Date(f.clock.now.getTime() + 60_000));
    const _ = f.db.command;
    expect(
      (
        await f.db
          .collection('items')
          .where({ when: _.lt(new Date('2026-03-01T00:00:00Z')) })
          .count()
      ).total,
    ).toBe(1);
  });

  test('a collection that was never declared is refused', async () => {
    await expect(f.db.collection('nowhere').get()).rejects.toThrow(/not exist/);
  });
});

describe('writes', () => {
  test('add single and batch give _id and _ids; numbers keep their type', async () => {
    const one = await f.db.collection('items').add({ data: { n: 1.5, big: 2 ** 40 } });
    expect(one._id).toMatch(/^[0-9a-f]{32}$/);
    const batch = (await f.db.collection('items').add({ data: [{ n: 1 }, { _id: 'mine', n: 2 }] })) as unknown as { _ids: string[] };
    expect(batch._ids).toHaveLength(2);
    expect(batch._ids[1]).toBe('mine');
    const { data } = await f.db.collection('items').doc(one._id).get();
    expect(data).toEqual({ _id: one._id, n: 1.5, big: 2 ** 40 });
  });

  test('doc().set replaces the whole document or creates it', async () => {
    const created = await f.db
      .collection('items')
      .doc('s')
      .set({ data: { a: 1, b: 2 } });
    expect(created.stats).toMatchObject({ updated: 0, created: 1 });
    const replaced = await f.db
      .collection('items')
      .doc('s')
      .set({ data: { c: 3 } });
    expect(replaced.stats).toMatchObject({ updated: 1, created: 0 });
    expect((await f.db.collection('items').doc('s').get()).data).toEqual({ _id: 's', c: 3 });
  });

  test('doc().update merges; updating a missing document updates nothing', async () => {
    await f.db.collection('items').add({ data: { _id: 'u', a: 1, nested: { x: 1, y: 2 } } });
    const res = await f.db
      .collection('items')
      .doc('u')
      .update({ data: { b: 2, nested: { y: 3 } } });
    expect(res.stats.updated).toBe(1);
    expect((await f.db.collection('items').doc('u').get()).data).toEqual({ _id: 'u', a: 1, b: 2, nested: { x: 1, y: 3 } });
    expect(
      (
        await f.db
          .collection('items')
          .doc('none')
          .update({ data: { a: 1 } })
      ).stats.updated,
    ).toBe(0);
  });

  test('update operators: inc, mul, remove, push (each/position/slice), pull, pullAll, addToSet, min, max, rename, pop, shift, unshift', async () => {
    await f.db
      .collection('items')
      .add({ data: { _id: 'o', n: 2, m: 3, gone: 1, list: [1, 2, 3], tags: ['a'], lo: 5, hi: 5, old: 'v', q: [1, 2, 3] } });
    const _ = command();
    await f.db
      .collection('items')
      .doc('o')
      .update({
        data: {
          n: _.inc(5),
          m: _.mul(2),
          gone: _.remove(),
          list: _.pull(2),
          tags: _.addToSet('b'),
          lo: _.min(1),
          hi: _.max(9),
          old: _.rename('renamed'),
        },
      });
    await f.db
      .collection('items')
      .doc('o')
      .update({ data: { tags: _.push({ each: ['z', 'y'], position: 0, slice: 3 }), list: _.pullAll([1]), q: _.pop() } });
    await f.db
      .collection('items')
      .doc('o')
      .update({ data: { q: _.shift(), tags: _.addToSet('a') } });
    await f.db
      .collection('items')
      .doc('o')
      .update({ data: { q: _.unshift([0]) } });
    expect((await f.db.collection('items').doc('o').get()).data).toEqual({
      _id: 'o',
      n: 7,
      m: 6,
      list: [3],
      tags: ['z', 'y', 'a'],
      lo: 1,
      hi: 9,
      renamed: 'v',
      q: [0, 2],
    });
  });

  test('where().update() touches every match; where().remove() removes every match', async () => {
    await seedItems(9);
    const _ = f.db.command;
    const updated = await f.db
      .collection('items')
      .where({ group: 0 })
      .update({ data: { flagged: true, n: _.inc(100) } });
    expect(updated.stats.updated).toBe(3);
    expect(
      (
        await f.db
          .collection('items')
          .where({ flagged: true, n: _.gte(100) })
          .count()
      ).total,
    ).toBe(3);
    const removed = await f.db.collection('items').where({ group: 1 }).remove();
    expect(removed.stats.removed).toBe(3);
    expect((await f.db.collection('items').count()).total).toBe(6);
    expect((await f.db.collection('items').doc('i0000').remove()).stats.removed).toBe(1);
  });

  test('an upsert through the wire creates the document from the criteria', async () => {
    const answer = await f.database.handle('database.modifyDocument', {
      collectionName: 'counters',
      queryType: 'WHERE',
      query: '{"key":"k"}',
      data: '{"$inc":{"n":{"$numberInt":"1"}}}',
      multi: false,
      merge: true,
      upsert: true,
    });
    expect(answer).toMatchObject({ data: { updated: 0, upsert_id: expect.any(String) } });
    expect(f.database.readCollection('counters')).toEqual([{ _id: (answer.data as { upsert_id: string }).upsert_id, key: 'k', n: 1 }]);
  });

  test('200 concurrent $inc on one document sum exactly', async () => {
    await f.db.collection('counters').add({ data: { _id: 'c', n: 0 } });
    const _ = f.db.command;
    await Promise.all(
      Array.from({ length: 200 }, () =>
        f.db
          .collection('counters')
          .doc('c')
          .update({ data: { n: _.inc(1) } }),
      ),
    );
    expect((await f.db.collection('counters').doc('c').get()).data.n).toBe(200);
  });
});

describe('uniqueness', () => {
  const duplicate = /DATABASE_DUPLICATE_WRITE|duplicate key/;

  test('a unique-index clash gives the duplicate error and writes nothing', async () => {
    await f.db.collection('people').add({ data: { _id: 'a', email: 'x@e' } });
    await expect(f.db.collection('people').add({ data: { _id: 'b', email: 'x@e' } })).rejects.toThrow(duplicate);
    await expect(f.db.collection('people').add({ data: { _id: 'a', email: 'y@e' } })).rejects.toThrow(duplicate);
    await f.db.collection('people').add({ data: { _id: 'c', email: 'z@e' } });
    await expect(
      f.db
        .collection('people')
        .doc('c')
        .update({ data: { email: 'x@e' } }),
    ).rejects.toThrow(duplicate);
    await expect(
      f.db
        .collection('people')
        .doc('d')
        .set({ data: { email: 'z@e' } }),
    ).rejects.toThrow(duplicate);
    expect(f.database.readCollection('people')).toEqual([
      { _id: 'a', email: 'x@e' },
      { _id: 'c', email: 'z@e' },
    ]);
  });

  test('a batch insert with one clash inserts none of the batch', async () => {
    await f.db.collection('people').add({ data: { _id: 'a', email: 'x@e' } });
    await expect(f.db.collection('people').add({ data: [{ email: 'new@e' }, { email: 'x@e' }] })).rejects.toThrow(duplicate);
    await expect(f.db.collection('people').add({ data: [{ email: 'same@e' }, { email: 'same@e' }] })).rejects.toThrow(duplicate);
    expect(f.database.listCollections().find((c) => c.name === 'people')?.count).toBe(1);
  });

  test('changing a key frees the old one', async () => {
    await f.db.collection('people').add({ data: { _id: 'a', email: 'x@e' } });
    await f.db
      .collection('people')
      .doc('a')
      .update({ data: { email: 'y@e' } });
    await f.db.collection('people').add({ data: { _id: 'b', email: 'x@e' } });
    await f.db.collection('people').doc('a').remove();
    await f.db.collection('people').add({ data: { _id: 'c', email: 'y@e' } });
    expect(f.database.readCollection('people').map((p) => p.email)).toEqual(['x@e', 'y@e']);
  });
});

describe('aggregate', () => {
  test('group, sort, project; without a $limit stage production returns at most 20', async () => {
    await seedItems(30);
    const $ = f.db.command.aggregate as unknown as Record<string, (...args: unknown[]) => unknown>;
    const { list } = await f.db
      .collection('items')
      .aggregate()
      .group({ _id: '$group', total: $.sum('$n'), count: $.sum(1) })
      .sort({ total: -1 })
      .end();
    expect(list).toEqual([
      { _id: 2, total: 155, count: 10 },
      { _id: 1, total: 145, count: 10 },
      { _id: 0, total: 135, count: 10 },
    ]);
    const _ = f.db.command;
    expect(
      (
        await f.db
          .collection('items')
          .aggregate()
          .match({ n: _.gte(0) })
          .end()
      ).list,
    ).toHaveLength(20);
    expect(
      (
        await f.db
          .collection('items')
          .aggregate()
          .match({ n: _.gte(0) })
          .limit(25)
          .end()
      ).list,
    ).toHaveLength(25);
  });
});

describe('faults', () => {
  test('an injected system error fails the request and writes nothing', async () => {
    f.faults.databaseErrorRate = 1;
    try {
      await expect(f.db.collection('items').add({ data: { a: 1 } })).rejects.toThrow(/system error/);
    } finally {
      f.faults.databaseErrorRate = 0;
    }
    expect((await f.db.collection('items').count()).total).toBe(0);
  });
});

describe('index-backed lookups', () => {
  test('equality queries served from declared indexes find exactly what a full scan finds', async () => {
    const { find } = await import('mingo');
    const fc = await import('fast-check');
    const value = fc.oneof(fc.constantFrom(0, 1, 2, 'a', null), fc.array(fc.constantFrom(0, 1, 2), { maxLength: 2 }));
    const doc = fc.record({ group: value, rank: value, other: value }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(
        fc.array(doc, { maxLength: 40 }),
        fc.record({ group: value, rank: value }, { requiredKeys: [] }),
        async (docs, criteria) => {
          await f.database.reset();
          const stored = docs.map((d, i) => ({ ...d, _id: `d${i}` }));
          if (stored.length) await f.database.insertMany('items', stored);
          // An update moves documents between index buckets.
          if (stored.length) {
            await f.database.handle('database.modifyDocument', {
              collectionName: 'items',
              queryType: 'DOC',
              query: '{"_id":"d0"}',
              data: '{"$set":{"group":{"$numberInt":"1"}}}',
              multi: false,
              merge: true,
              upsert: false,
            });
            stored[0] = { ...stored[0], group: 1 };
          }
          const answer = await f.database.handle('database.getDocument', {
            collectionName: 'items',
            queryType: 'WHERE',
            query: JSON.stringify(criteria),
            limit: 1000,
          });
          const ids = (answer.data as { list: string[] }).list.map((text) => JSON.parse(text)._id).sort();
          const expected = find(stored, criteria)
            .all()
            .map((d) => d._id as string)
            .sort();
          expect(ids).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('malformed requests', () => {
  test('bad EJSON, unknown actions and missing fields answer an error body and write nothing', async () => {
    const bad = [
      ['database.getDocument', { collectionName: 'items', query: '{not json' }],
      ['database.insertDocument', { collectionName: 'items', data: [] }],
      ['database.insertDocument', { collectionName: 'items', data: ['[1,2]'] }],
      ['database.modifyDocument', { collectionName: 'items', query: '{}', data: 'null', multi: true }],
      ['database.modifyDocument', { collectionName: 'items', query: '{}', data: '{"$set":{"_id":"x"}}', multi: true }],
      [
        'database.modifyDocument',
        { collectionName: 'items', query: '{}', data: '{"$inc":{"label":{"$numberInt":"1"}}}', multi: true, merge: true },
      ],
      ['database.dropEverything', {}],
      ['database.getDocument', {}],
    ] as const;
    await f.database.insertMany('items', [
      { _id: 'keep', n: 1 },
      { _id: 'text', label: 'x' },
    ]);
    for (const [action, body] of bad) {
      const answer = await f.database.handle(action, body);
      expect(answer).toMatchObject({
        code: expect.stringMatching(/^[A-Z_]+$/),
        message: expect.any(String),
        requestId: expect.any(String),
      });
    }
    expect(f.database.readCollection('items')).toEqual([
      { _id: 'keep', n: 1 },
      { _id: 'text', label: 'x' },
    ]);
  });
});
