// The committed documents of every declared collection, with a Map per unique index so a uniqueness
// check costs one lookup, not a scan.
import type { CollectionDeclaration } from './index';
import type { Doc } from './ejson';
import { assert, duplicateKey } from './errors';

/** One pending change to a document: the new version, or null for a removal. */
export type Change = [id: unknown, next: Doc | null];

interface UniqueIndex {
  name: string;
  fields: string[];
  owners: Map<string, unknown>; // encoded key -> _id
}

export interface CollectionState {
  name: string;
  docs: Map<unknown, Doc>; // insertion order is kept, so the newest insertion comes last
  unique: UniqueIndex[];
}

const fieldValue = (doc: Doc, path: string): unknown =>
  path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Doc)[part] : undefined), doc);

// Like MongoDB, a missing field indexes as null, so two documents without the field clash.
const indexKey = (index: UniqueIndex, doc: Doc): string =>
  JSON.stringify(index.fields.map((field) => {
    const value = fieldValue(doc, field);
    return value instanceof Date ? { $date: value.getTime() } : value ?? null;
  }));

export class Store {
  private readonly collections = new Map<string, CollectionState>();
  /** Collections written since the last persistence flush. */
  readonly dirty = new Set<string>();

  constructor(declarations: CollectionDeclaration[]) {
    for (const { name, indexes } of declarations) {
      const unique = indexes
        .filter((index) => index.unique)
        .map((index) => ({
          name: Object.entries(index.fields).map(([field, direction]) => `${field}_${direction}`).join('_'),
          fields: Object.keys(index.fields),
          owners: new Map<string, unknown>(),
        }));
      this.collections.set(name, { name, docs: new Map(), unique });
    }
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
      if (next) collection.docs.set(id, next);
      else collection.docs.delete(id);
    }
    if (changes.length) this.dirty.add(collection.name);
  }

  clear(): void {
    for (const collection of this.collections.values()) {
      collection.docs.clear();
      for (const index of collection.unique) index.owners.clear();
    }
    this.dirty.clear();
  }
}
