import { lockKey, Locks, Transactions } from '../../emulator/database/transactions';

// A transaction that ends while it waits for a lock must never be handed that lock: it would hold it
// forever, and every later writer of the document would time out (seen as a vote that cannot close).

test('a lock freed after its waiter ended goes to nobody, and the next transaction takes it', async () => {
  const transactions = new Transactions();
  const locks = new Locks();
  const key = lockKey('tallies', 'c1:0');
  const holder = transactions.start(Date.now());
  const waiter = transactions.start(Date.now());
  expect(await locks.acquire(holder, key)).toBe(true);
  const waiting = locks.acquire(waiter, key);
  // The waiter's caller gave up (request timeout) and rolled back while it was still queued.
  transactions.end(waiter);
  locks.releaseAll(waiter);
  transactions.end(holder);
  locks.releaseAll(holder);
  expect(await waiting).toBe(false);
  expect(locks.holder(key)).toBeUndefined();
  const next = transactions.start(Date.now());
  expect(await locks.acquire(next, key)).toBe(true);
});

test('a queued transaction still open gets the lock when its holder ends', async () => {
  const transactions = new Transactions();
  const locks = new Locks();
  const key = lockKey('tallies', 'c1:1');
  const holder = transactions.start(Date.now());
  const waiter = transactions.start(Date.now());
  await locks.acquire(holder, key);
  const waiting = locks.acquire(waiter, key);
  transactions.end(holder);
  locks.releaseAll(holder);
  expect(await waiting).toBe(true);
  expect(locks.holder(key)).toBe(waiter);
});
