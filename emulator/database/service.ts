// The database service: latency and error faults, request ids, and the operations table behind
// `Database.handle`; persistence after writes; abandoned transactions swept.
import { strikes } from '../faults';
import { decode, type Doc, stringify } from './ejson';
import { DatabaseError, errorAnswer, newRequestId } from './errors';
import type { Database, DatabaseOptions } from './types';
import { type DatabaseContext, endTransaction, operations } from './operations';
import { Persistence } from './persistence';
import { Store } from './state';
import { Locks, Transactions } from './transactions';

const SWEEP_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  const store = new Store(options.collections, !options.empty);
  const persistence = options.dataDir ? new Persistence(options.dataDir, store) : undefined;
  persistence?.load(options.now);
  const context: DatabaseContext = {
    store,
    locks: new Locks(),
    transactions: new Transactions(),
    now: options.now,
    faults: options.faults,
  };
  const sweeper = setInterval(() => {
    // On the emulator's clock, so a test can move time past an abandoned transaction's idle limit.
    for (const transaction of context.transactions.idle(options.now().getTime())) endTransaction(context, transaction);
  }, SWEEP_MS);
  sweeper.unref();

  async function run(action: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const operation = Object.hasOwn(operations, action) ? operations[action] : undefined;
    if (!operation) throw new DatabaseError('INVALID_PARAM', `[InvalidParameter] unknown action ${action}`);
    const transaction = typeof body.transactionId === 'string' ? context.transactions.get(body.transactionId) : undefined;
    if (transaction) transaction.busy += 1;
    try {
      return await operation(context, body);
    } finally {
      if (transaction) {
        transaction.busy -= 1;
        transaction.lastActive = options.now().getTime();
      }
      persistence?.schedule();
    }
  }

  async function insertMany(name: string, docs: Record<string, unknown>[]): Promise<void> {
    if (!docs.length) return;
    // The same path as the SDK's batch add: unique indexes and _id clashes refuse the whole batch.
    await run('database.insertDocument', { collectionName: name, data: docs.map(stringify) });
  }

  return {
    async handle(action, body) {
      const requestId = newRequestId();
      const { latencyMs, databaseErrorRate } = options.faults;
      if (latencyMs > 0) await sleep(latencyMs);
      try {
        // An injected failure happens before the request does anything, like a dropped request.
        if (strikes(databaseErrorRate)) throw new DatabaseError('SYS_ERR', '[InternalError] system error, please retry');
        return { ...(await run(action, body)), requestId };
      } catch (error) {
        return errorAnswer(error, requestId);
      }
    },

    listCollections() {
      return store.all().map(({ name, docs }) => ({ name, count: docs.size }));
    },

    readCollection(name, limit = 100) {
      const docs = [...store.collection(name).docs.values()];
      return docs.slice(Math.max(0, docs.length - limit)).map((doc) => JSON.parse(JSON.stringify(doc)) as Doc);
    },

    insertMany,

    async importCollections(data) {
      let count = 0;
      for (const [name, docs] of Object.entries(data)) {
        await insertMany(
          name,
          docs.map((doc) => decode(doc, options.now) as Doc),
        );
        count += docs.length;
      }
      return count;
    },

    activity() {
      return { openTransactions: context.transactions.size, ...context.locks.counts() };
    },

    isEmpty() {
      return store.all().every(({ docs }) => docs.size === 0);
    },

    async reset() {
      context.transactions.clear();
      context.locks.clear();
      store.clear();
      persistence?.clear();
    },

    async close() {
      clearInterval(sweeper);
      persistence?.flush();
    },
  };
}
