// How one request sees and changes documents: outside a transaction it reads committed data and
// writes at once (after waiting for transactions holding the documents); inside one it locks what
// it touches, reads its own buffered writes over committed data, and buffers its writes.
import { randomBytes } from 'node:crypto';
import { Query, update as applyOperators } from 'mingo';
import { clone, type Doc } from './ejson';
import { assert, transactionConflict } from './errors';
import type { Change, CollectionState, Store } from './state';
import { lockKey, type Locks, type Transaction } from './transactions';

export interface Access {
  store: Store;
  locks: Locks;
  transaction?: Transaction;
  /** Refuse at once, as production does, instead of queueing for another transaction's lock. */
  failFast?: boolean;
}

/** CloudBase-style automatic _id: 32 hex characters. */
export const newId = () => randomBytes(16).toString('hex');

const isPlainId = (value: unknown) => typeof value === 'string' || typeof value === 'number';

export function readDoc(access: Access, collection: CollectionState, id: unknown): Doc | undefined {
  const buffered = access.transaction?.writes.get(collection.name);
  if (buffered?.has(id)) return buffered.get(id) ?? undefined;
  return collection.docs.get(id);
}

function allDocs(access: Access, collection: CollectionState): Doc[] {
  const buffered = access.transaction?.writes.get(collection.name);
  if (!buffered?.size) return [...collection.docs.values()];
  const docs = [...collection.docs.values()].filter((doc) => !buffered.has(doc._id));
  for (const doc of buffered.values()) if (doc) docs.push(doc);
  return docs;
}

/** The _ids a criteria names directly (`{_id: x}` or `{_id: {$in: [...]}}`), so no scan is needed. */
function namedIds(criteria: Doc): unknown[] | undefined {
  const id = criteria._id;
  if (isPlainId(id)) return [id];
  const $in = (id as Doc | undefined)?.$in;
  if (id && typeof id === 'object' && Object.keys(id).length === 1 && Array.isArray($in)) return $in;
  return undefined;
}

/**
 * Documents matching a MongoDB criteria (mingo evaluates it), in insertion order; at most `max`.
 * Candidates come from the named _ids or a declared index when the criteria allows, else a scan.
 */
export function match(access: Access, collection: CollectionState, criteria: Doc, max = Infinity): Doc[] {
  const named = namedIds(criteria);
  // `{_id}` alone (the SDK's doc() requests) needs no query engine: the lookup is the match.
  const query = named && Object.keys(criteria).length === 1 ? { test: () => true } : new Query(criteria, {});
  const ids = named ?? access.store.candidates(collection, criteria);
  let candidates: Iterable<Doc | undefined>;
  if (ids) {
    // Named ids are read through the transaction's view already; index buckets know only committed
    // documents, so the transaction's own writes join them as candidates.
    const buffered = named ? undefined : access.transaction?.writes.get(collection.name);
    const all = buffered?.size ? new Set([...ids, ...buffered.keys()]) : ids;
    candidates = (function* () {
      for (const id of all) yield readDoc(access, collection, id);
    })();
  } else {
    candidates = allDocs(access, collection);
  }
  const found: Doc[] = [];
  for (const doc of candidates) {
    if (found.length >= max) break;
    if (doc && query.test(doc)) found.push(doc);
  }
  return found;
}

/** For an upsert: the document the criteria's plain equalities describe, as MongoDB seeds it. */
export function seedFromCriteria(criteria: Doc): Doc {
  const seed: Doc = {};
  for (const [field, value] of Object.entries(criteria)) {
    if (field.startsWith('$') || field.includes('.')) continue;
    if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value)) continue;
    seed[field] = value;
  }
  return seed;
}

/** Applies update operators to a copy; `changed` is false when nothing differs (production's `updated: 0`). */
export function applyUpdate(doc: Doc, update: Doc): { next: Doc; changed: boolean } {
  const next = clone(doc);
  const operators: Doc = {};
  for (const [key, value] of Object.entries(update)) {
    if (key.startsWith('$')) operators[key] = value;
    else operators.$set = { ...(operators.$set as Doc | undefined), [key]: value };
  }
  assert(
    !Object.keys(operators).some((op) => Object.keys(operators[op] as Doc).some((f) => f === '_id' || f.startsWith('_id.'))),
    'INVALID_PARAM',
    '不能更新_id的值',
  );
  for (const op of ['$inc', '$mul']) {
    for (const path of Object.keys((operators[op] as Doc | undefined) ?? {})) {
      // mingo skips a non-numeric target silently; MongoDB refuses the write.
      const current = path.split('.').reduce<unknown>((v, part) => (v && typeof v === 'object' ? (v as Doc)[part] : undefined), next);
      assert(
        current === undefined || typeof current === 'number',
        'DATABASE_REQUEST_FAILED',
        `[WriteError] Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path}' of non-numeric type`,
      );
    }
  }
  const modified = applyOperators(next, operators);
  return { next, changed: modified.length > 0 };
}

export const replaceDoc = (doc: Doc | undefined, data: Doc, id: unknown): { next: Doc; changed: boolean } => {
  const next = { ...clone(data), _id: id };
  return { next, changed: !doc || !sameDoc(doc, next) };
};

function sameDoc(a: Doc, b: Doc): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Inside a transaction: lock the documents. A transaction that cannot have a lock is doomed (its
 * commit is refused); when failing fast, the read or write that met the lock is refused at once.
 */
export async function lockDocs(access: Access, collection: CollectionState, ids: unknown[]): Promise<void> {
  const { transaction, locks } = access;
  if (!transaction) return;
  for (const id of ids) {
    if (!(await locks.acquire(transaction, lockKey(collection.name, id), access.failFast))) {
      doom(access);
      if (access.failFast) throw transactionConflict();
      return;
    }
  }
}

/** The transaction can no longer commit: drop its locks now so others proceed. */
export function doom(access: Access): void {
  if (!access.transaction || access.transaction.doomed) return;
  access.transaction.doomed = true;
  access.locks.releaseAll(access.transaction);
}

/**
 * Runs one write. `plan` computes, from the current view, the ids it touches and a function giving
 * the changes; outside a transaction it waits until no transaction holds those ids, then plans and
 * applies in one synchronous step; inside one it locks the ids, re-plans, checks and buffers.
 */
export async function write<T>(
  access: Access,
  collection: CollectionState,
  plan: () => { ids: unknown[]; changes: () => { changes: Change[]; answer: T } },
): Promise<T> {
  const { store, locks, transaction } = access;
  if (!transaction) {
    for (;;) {
      const { ids, changes } = plan();
      const locked = ids.map((id) => lockKey(collection.name, id)).find((key) => locks.holder(key));
      if (locked) {
        await locks.waitFree(locked);
        continue;
      }
      const result = changes();
      store.check(collection, result.changes);
      store.apply(collection, result.changes);
      return result.answer;
    }
  }
  await lockDocs(access, collection, plan().ids);
  // Locks may have been waited for: plan again on what is current now.
  const { ids, changes } = plan();
  await lockDocs(access, collection, ids);
  const result = changes();
  const buffered = transaction.writes.get(collection.name) ?? new Map<unknown, Doc | null>();
  store.check(collection, [...buffered, ...result.changes]);
  for (const [id, next] of result.changes) buffered.set(id, next);
  transaction.writes.set(collection.name, buffered);
  return result.answer;
}

/** Commits a transaction's buffered writes atomically, all collections checked before any is applied. */
export function commit(store: Store, transaction: Transaction): void {
  const pending = [...transaction.writes].map(([name, changes]) => ({ collection: store.collection(name), changes: [...changes] }));
  for (const { collection, changes } of pending) store.check(collection, changes);
  for (const { collection, changes } of pending) store.apply(collection, changes);
}
