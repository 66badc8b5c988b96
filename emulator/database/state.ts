// The committed documents of every declared collection, with a Map per unique index so a uniqueness
// check costs one lookup, not a scan.
import type { CollectionDeclaration } from './types';
import type { Doc } from './ejson';
import { assert, duplicateKey } from './errors';

/** One pending change to a document: the new version, or null for a removal. */
export type Change = [id: unknown, next: Doc | null];

interface UniqueIndex {
  name: string;
  fields: string[];
  owners: Map<string, unknown>; // encoded key -> _id
}

/**
 * Equality lookup on a prefix of a declared index (every prefix of every index has one), so a query
 * like `{ streetId, residentOpenid }` reads its bucket instead of scanning the collection. Documents
 * whose indexed value is an array (MongoDB multikey) sit in `multikey` and are always candidates.
 */
interface PrefixIndex {
  fields: string[];
  buckets: Map<string, Set<unknown>>;
  multikey: Set<unknown>;
}

export interface CollectionState {
  name: string;
  docs: Map<unknown, Doc>; // insertion order is kept, so the newest insertion comes last
  unique: UniqueIndex[];
  prefixes: PrefixIndex[];
}

const fieldValue = (doc: Doc, path: string): unknown =>
  path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Doc)[part] : undefined), doc);

// Like MongoDB, a missing field indexes as null, so two documents without the field clash.
/** True when the path runs into an array anywhere (MongoDB then matches element by element). */
function touchesArray(doc: Doc, path: string): boolean {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(value)) return true;
    value = value && typeof value === 'object' ? (value as Doc)[part] : undefined;
  }
  return Array.isArray(value);
}

const keyPart = (value: unknown) => (value instanceof Date ? { $date: value.getTime() } : (value ?? null));
const indexKey = (index: { fields: string[] }, doc: Doc): string =>
  JSON.stringify(index.fields.map((field) => keyPart(fieldValue(doc, field))));

/** The value a criteria pins `field` to by plain equality, if it does. */
function equalityOn(criteria: Doc, field: string): { value: unknown } | undefined {
  if (!Object.hasOwn(criteria, field)) return undefined;
  let value = criteria[field];
  if (value && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length !== 1 || keys[0] !== '$eq') return undefined;
    value = (value as Doc).$eq;
  }
  if (value instanceof RegExp || Array.isArray(value) || (value && typeof value === 'object' && !(value instanceof Date))) return undefined;
  return { value };
}

function prefixIndexes(declared: Array<{ fields: Record<string, 1 | -1> }>): PrefixIndex[] {
  const byName = new Map<string, PrefixIndex>();
  for (const index of declared) {
    const fields = Object.keys(index.fields);
    for (let length = 1; length <= fields.length; length++) {
      const prefix = fields.slice(0, length);
      byName.set(prefix.join(','), { fields: prefix, buckets: new Map(), multikey: new Set() });
    }
  }
  return [...byName.values()];
}

export class Store {
  private readonly collections = new Map<string, CollectionState>();
  /** Ids written since the last persistence flush, per collection (tracked only when persisting). */
  readonly dirty = new Map<string, Set<unknown>>();
  trackWrites = false;

  /** The indexes collections.json declares, by collection: a collection created later gets them. */
  private readonly declared = new Map<string, CollectionDeclaration>();

  /** `created` false starts with no collection at all, like a new CloudBase environment. */
  constructor(declarations: CollectionDeclaration[], created = true) {
    for (const declaration of declarations) this.declared.set(declaration.name, declaration);
    if (created) for (const { name } of declarations) this.create(name);
  }

  /** Creates a collection with its declared indexes (none for an undeclared name); false if it exists. */
  create(name: string): boolean {
    if (this.collections.has(name)) return false;
    const indexes = this.declared.get(name)?.indexes ?? [];
    const unique = indexes
      .filter((index) => index.unique)
      .map((index) => ({
        name: Object.entries(index.fields)
          .map(([field, direction]) => `${field}_${direction}`)
          .join('_'),
        fields: Object.keys(index.fields),
        owners: new Map<string, unknown>(),
      }));
    this.collections.set(name, { name, docs: new Map(), unique, prefixes: prefixIndexes(indexes) });
    return true;
  }

  /** Production refuses requests on a collection that was never created. */
  collection(name: unknown): CollectionState {
    assert(typeof name === 'string' && name, 'INVALID_PARAM', 'collectionName 不能为空');
    const collection = this.collections.get(name);
    assert(collection, 'DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}`);
    return collection;
  }

  duplicateId(collection: CollectionState, id: unknown): Error {
    return duplicateKey(collection.name, '_id_', JSON.stringify({ _id: id }));
  }

  all(): CollectionState[] {
    return [...this.collections.values()];
  }

  /**
   * Throws the duplicate error if applying `changes` (in order, later ones win) over the committed
   * state would give two documents one _id or one unique key. Writes nothing.
   */
  check(collection: CollectionState, changes: Change[]): void {
    const final = new Map<unknown, Doc | null>();
    for (const [id, next] of changes) final.set(id, next);
    for (const index of collection.unique) {
      const claims = new Map<string, unknown>();
      const freed = new Set<string>();
      for (const id of final.keys()) {
        const old = collection.docs.get(id);
        if (old) freed.add(indexKey(index, old));
      }
      for (const [id, next] of final) {
        if (!next) continue;
        const key = indexKey(index, next);
        const committedOwner = freed.has(key) ? undefined : index.owners.get(key);
        const owner = claims.get(key) ?? committedOwner;
        if (owner !== undefined && owner !== id) throw duplicateKey(collection.name, index.name, key);
        claims.set(key, id);
      }
    }
  }

  /**
   * The ids that can match `criteria`, from the smallest index bucket its equalities select;
   * undefined when no declared index helps (then the caller scans).
   */
  candidates(collection: CollectionState, criteria: Doc): Iterable<unknown> | undefined {
    let best: PrefixIndex | undefined;
    let bestBucket: Set<unknown> | undefined;
    for (const prefix of collection.prefixes) {
      const values = prefix.fields.map((field) => equalityOn(criteria, field));
      if (values.some((v) => !v)) continue;
      const bucket = prefix.buckets.get(JSON.stringify(values.map((v) => keyPart(v!.value)))) ?? new Set();
      if (!bestBucket || bucket.size + prefix.multikey.size < bestBucket.size + best!.multikey.size) {
        best = prefix;
        bestBucket = bucket;
      }
    }
    if (!best || !bestBucket) return undefined;
    return best.multikey.size ? new Set([...bestBucket, ...best.multikey]) : bestBucket;
  }

  private reindex(collection: CollectionState, id: unknown, old: Doc | undefined, next: Doc | null): void {
    for (const prefix of collection.prefixes) {
      const oldKey = old && this.prefixKey(prefix, old);
      const nextKey = next ? this.prefixKey(prefix, next) : undefined;
      if (oldKey === nextKey) continue;
      if (oldKey === 'multikey') prefix.multikey.delete(id);
      else if (oldKey !== undefined) {
        const bucket = prefix.buckets.get(oldKey);
        bucket?.delete(id);
        if (bucket && !bucket.size) prefix.buckets.delete(oldKey);
      }
      if (nextKey === 'multikey') prefix.multikey.add(id);
      else if (nextKey !== undefined) {
        const bucket = prefix.buckets.get(nextKey) ?? new Set();
        bucket.add(id);
        prefix.buckets.set(nextKey, bucket);
      }
    }
  }

  private prefixKey(prefix: PrefixIndex, doc: Doc): string {
    return prefix.fields.some((field) => touchesArray(doc, field)) ? 'multikey' : indexKey(prefix, doc);
  }

  /** Applies checked changes to the committed state. */
  apply(collection: CollectionState, changes: Change[]): void {
    for (const [id, next] of changes) {
      const old = collection.docs.get(id);
      for (const index of collection.unique) {
        if (old) {
          const key = indexKey(index, old);
          if (index.owners.get(key) === id) index.owners.delete(key);
        }
        if (next) index.owners.set(indexKey(index, next), id);
      }
      this.reindex(collection, id, old, next);
      if (next) collection.docs.set(id, next);
      else collection.docs.delete(id);
    }
    if (!changes.length || !this.trackWrites) return;
    const ids = this.dirty.get(collection.name) ?? new Set();
    for (const [id] of changes) ids.add(id);
    this.dirty.set(collection.name, ids);
  }

  clear(): void {
    for (const collection of this.collections.values()) {
      collection.docs.clear();
      for (const index of collection.unique) index.owners.clear();
      for (const prefix of collection.prefixes) {
        prefix.buckets.clear();
        prefix.multikey.clear();
      }
    }
    this.dirty.clear();
  }
}
