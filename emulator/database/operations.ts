// One handler per wire action, keyed by the names wx-server-sdk (via @cloudbase/database) sends.
// Each takes the decoded request body and returns the production answer body (without requestId).
import { aggregate, find } from 'mingo';
import { strikes, type Faults } from '../faults';
import { type Access, applyUpdate, commit, doom, lockDocs, match, newId, readDoc, replaceDoc, seedFromCriteria, write } from './access';
import { type Doc, parseEjson, stringify } from './ejson';
import { assert, transactionConflict } from './errors';
import type { Change, CollectionState, Store } from './state';
import type { Locks, Transaction, Transactions } from './transactions';

export interface DatabaseContext {
  store: Store;
  locks: Locks;
  transactions: Transactions;
  now: () => Date;
  faults: Faults;
}

type Body = Record<string, unknown>;
type Operation = (context: DatabaseContext, body: Body) => Promise<Body>;

// The admin SDK asks for 100 when no limit is given and the server never returns more than 1000.
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
// Production answers an aggregation without a $limit stage with 20 results at most.
const AGGREGATE_DEFAULT_LIMIT = 20;

export const clampLimit = (limit: unknown): number => {
  const n = Math.floor(Number(limit));
  return Number.isFinite(n) && n > 0 ? Math.min(n, MAX_LIMIT) : DEFAULT_LIMIT;
};

/** The request's transaction, if it names one; the transaction stays alive while requests use it. */
function access(context: DatabaseContext, body: Body): Access {
  const id = body.transactionId;
  if (id === undefined || id === null || id === '') return { store: context.store, locks: context.locks };
  const transaction = context.transactions.get(String(id));
  assert(transaction, 'DATABASE_TRANSACTION_FAIL', `[TransactionNotFound] transaction ${String(id)} does not exist or has ended`);
  // An injected write conflict refuses this read or write at once, as production reports one.
  if (strikes(context.faults.writeConflictRate)) {
    doom({ store: context.store, locks: context.locks, transaction });
    throw transactionConflict();
  }
  return { store: context.store, locks: context.locks, transaction, failFast: context.faults.failFastConflicts };
}

const criteriaOf = (context: DatabaseContext, body: Body): Doc => parseEjson<Doc>(body.query, context.now, {});
const dataOf = (context: DatabaseContext, body: Body): Doc => {
  const data = parseEjson<Doc | null>(body.data, context.now, null);
  assert(data && typeof data === 'object' && !Array.isArray(data), 'INVALID_PARAM', '参数必需是非空对象');
  return data;
};

/** A transactional read locks what it reads; injected conflicts doom the transaction (refused at commit). */
async function readLocked(
  context: DatabaseContext,
  scope: Access,
  collection: CollectionState,
  criteria: Doc,
  max: number,
): Promise<Doc[]> {
  if (!scope.transaction) return match(scope, collection, criteria, max);
  if (strikes(context.faults.transactionConflictRate)) doom(scope);
  const docIds = match(scope, collection, criteria, max).map((doc) => doc._id);
  // A read of a missing document still locks its _id, so a later create in this transaction is serialized.
  const namedId = criteria._id;
  if (typeof namedId === 'string' || typeof namedId === 'number') docIds.push(namedId);
  await lockDocs(scope, collection, docIds);
  return match(scope, collection, criteria, max);
}

async function getDocument(context: DatabaseContext, body: Body): Promise<Body> {
  const scope = access(context, body);
  const collection = context.store.collection(body.collectionName);
  const criteria = criteriaOf(context, body);
  const order = parseEjson<Record<string, 1 | -1> | undefined>(body.order, context.now, undefined);
  const projection = parseEjson<Doc | undefined>(body.projection, context.now, undefined);
  const limit = clampLimit(body.limit);
  const offset = Math.max(0, Math.floor(Number(body.offset ?? 0)) || 0);
  const sorted = Boolean(order && Object.keys(order).length);
  // Unsorted pages stop scanning once the page is full; sorted ones need every match.
  const matched = await readLocked(context, scope, collection, criteria, sorted ? Infinity : offset + limit);
  let page = sorted ? (find(matched, {}).sort(order!).skip(offset).limit(limit).all() as Doc[]) : matched.slice(offset, offset + limit);
  if (projection && Object.keys(projection).length) page = find(page, {}, projection).all() as Doc[];
  return { data: { list: page.map(stringify), limit, offset } };
}

async function calculateDocument(context: DatabaseContext, body: Body): Promise<Body> {
  const scope = access(context, body);
  const collection = context.store.collection(body.collectionName);
  return { data: { total: match(scope, collection, criteriaOf(context, body)).length } };
}

async function insertDocument(context: DatabaseContext, body: Body): Promise<Body> {
  const scope = access(context, body);
  const collection = context.store.collection(body.collectionName);
  assert(Array.isArray(body.data) && body.data.length > 0, 'INVALID_PARAM', 'data 必须是非空数组');
  const docs = body.data.map((item) => {
    const doc = parseEjson<Doc>(item, context.now, {});
    assert(doc && typeof doc === 'object' && !Array.isArray(doc), 'INVALID_PARAM', '参数必需是非空对象');
    return doc._id === undefined ? { ...doc, _id: newId() } : doc;
  });
  const ids = docs.map((doc) => doc._id);
  return write(scope, collection, () => ({
    ids,
    changes: () => {
      const seen = new Set<unknown>();
      for (const id of ids) {
        // A batch is all-or-nothing: one clash refuses every document of it.
        if (seen.has(id) || readDoc(scope, collection, id)) throw context.store.duplicateId(collection, id);
        seen.add(id);
      }
      return { changes: docs.map((doc): Change => [doc._id, doc]), answer: { data: { insertedIds: ids } } };
    },
  }));
}

/** doc.set (merge false, upsert true), doc.update and where().update() (merge true, multi). */
async function modifyDocument(context: DatabaseContext, body: Body): Promise<Body> {
  const scope = access(context, body);
  const collection = context.store.collection(body.collectionName);
  const criteria = criteriaOf(context, body);
  const data = dataOf(context, body);
  const replace = body.merge === false;
  const multi = body.multi === true;
  const upsert = body.upsert === true;
  const upsertId = typeof criteria._id === 'string' || typeof criteria._id === 'number' ? criteria._id : newId();
  return write<Body>(scope, collection, () => {
    const targets = match(scope, collection, criteria).slice(0, multi ? undefined : 1);
    return {
      ids: targets.length || !upsert ? targets.map((doc) => doc._id) : [upsertId],
      changes: () => {
        const current = match(scope, collection, criteria).slice(0, multi ? undefined : 1);
        if (!current.length && upsert) {
          const base = { ...seedFromCriteria(criteria), _id: upsertId };
          const { next } = replace ? replaceDoc(undefined, data, upsertId) : applyUpdate(base, data);
          return { changes: [[upsertId, next]], answer: { data: { updated: 0, upsert_id: upsertId } } };
        }
        const changes: Change[] = [];
        for (const doc of current) {
          const { next, changed } = replace ? replaceDoc(doc, data, doc._id) : applyUpdate(doc, data);
          if (changed) changes.push([doc._id, next]);
        }
        return { changes, answer: { data: { updated: changes.length } } };
      },
    };
  });
}

async function removeDocument(context: DatabaseContext, body: Body): Promise<Body> {
  const scope = access(context, body);
  const collection = context.store.collection(body.collectionName);
  const criteria = criteriaOf(context, body);
  const multi = body.multi === true;
  return write(scope, collection, () => {
    const ids = match(scope, collection, criteria)
      .slice(0, multi ? undefined : 1)
      .map((doc) => doc._id);
    return {
      ids,
      changes: () => {
        const current = match(scope, collection, criteria).slice(0, multi ? undefined : 1);
        return { changes: current.map((doc): Change => [doc._id, null]), answer: { data: { deleted: current.length } } };
      },
    };
  });
}

async function aggregateDocuments(context: DatabaseContext, body: Body): Promise<Body> {
  const scope = access(context, body);
  const collection = context.store.collection(body.collectionName);
  assert(Array.isArray(body.stages), 'INVALID_PARAM', 'stages 必须是数组');
  const pipeline = (body.stages as Array<{ stageKey: string; stageValue: string }>).map(({ stageKey, stageValue }) => ({
    [stageKey]: parseEjson(stageValue, context.now, {}),
  }));
  if (!pipeline.some((stage) => '$limit' in stage)) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT });
  const list = aggregate(match(scope, collection, {}), pipeline, {
    collectionResolver: (name: string) => match(scope, context.store.collection(name), {}),
  });
  return { data: { list: list.map(stringify) } };
}

/** db.createCollection: production refuses a name that exists (and a name it would not store). */
async function addCollection(context: DatabaseContext, body: Body): Promise<Body> {
  const name = body.collectionName;
  assert(typeof name === 'string' && /^[A-Za-z][\w-]{0,63}$/.test(name), 'INVALID_PARAM', 'collectionName 不合法');
  assert(context.store.create(name), 'DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}`);
  return {};
}

async function startTransaction(context: DatabaseContext): Promise<Body> {
  return { transactionId: context.transactions.start(context.now().getTime()).id };
}

function openTransaction(context: DatabaseContext, body: Body): Transaction {
  const transaction = context.transactions.get(String(body.transactionId ?? ''));
  assert(body.transactionId, 'INVALID_PARAM', 'transactionId 不能为空');
  assert(
    transaction,
    'DATABASE_TRANSACTION_FAIL',
    `[TransactionNotFound] transaction ${String(body.transactionId)} does not exist or has ended`,
  );
  return transaction;
}

export function endTransaction(context: DatabaseContext, transaction: Transaction): void {
  context.transactions.end(transaction);
  context.locks.releaseAll(transaction);
}

async function commitTransaction(context: DatabaseContext, body: Body): Promise<Body> {
  const transaction = openTransaction(context, body);
  try {
    if (transaction.doomed || strikes(context.faults.transactionConflictRate)) throw transactionConflict();
    commit(context.store, transaction);
    return {};
  } finally {
    endTransaction(context, transaction);
  }
}

async function abortTransaction(context: DatabaseContext, body: Body): Promise<Body> {
  const transaction = context.transactions.get(String(body.transactionId));
  // Aborting an already ended transaction is harmless: runTransaction does it after failures.
  if (transaction) endTransaction(context, transaction);
  return {};
}

// The older document-at-a-time transaction API (Transaction in @cloudbase/database's transaction.js).
const docCriteria = (body: Body) => JSON.stringify({ _id: body._id });

async function getInTransaction(context: DatabaseContext, body: Body): Promise<Body> {
  const answer = await getDocument(context, { ...body, query: docCriteria(body), limit: 1 });
  const [doc] = (answer.data as { list: string[] }).list;
  return { data: doc ?? 'null' };
}

async function updateDocInTransaction(context: DatabaseContext, body: Body): Promise<Body> {
  const set = body.upsert === true;
  const answer = await modifyDocument(context, { ...body, query: docCriteria(body), merge: !set, upsert: set, multi: false });
  const { updated, upsert_id: upserted } = answer.data as { updated: number; upsert_id?: unknown };
  return { updated: stringify(updated), ...(upserted !== undefined ? { upserted: JSON.stringify([{ _id: upserted }]) } : {}) };
}

async function deleteDocInTransaction(context: DatabaseContext, body: Body): Promise<Body> {
  const answer = await removeDocument(context, { ...body, query: docCriteria(body), multi: false });
  return { deleted: stringify((answer.data as { deleted: number }).deleted) };
}

export const operations: Record<string, Operation> = {
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.removeDocument': removeDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.addCollection': addCollection,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
  'database.getInTransaction': getInTransaction,
  'database.updateDocInTransaction': updateDocInTransaction,
  'database.deleteDocInTransaction': deleteDocInTransaction,
};
