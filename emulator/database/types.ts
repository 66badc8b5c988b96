// The contract between the emulator's HTTP wiring and its database service (implemented in service.ts).
// Types only: the service and its callers import them from here, so imports run one way.
import type { Faults } from '../faults';

export interface IndexDeclaration {
  fields: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionDeclaration {
  name: string;
  indexes: IndexDeclaration[];
}

export interface DatabaseOptions {
  collections: CollectionDeclaration[];
  /**
   * Start without any collection, as a new CloudBase environment does; `db.createCollection`
   * (`database.addCollection`) creates them, each with the indexes `collections` declares for it.
   */
  empty?: boolean;
  /** Folder to persist into; undefined keeps everything in memory. */
  dataDir?: string;
  /** The emulator's clock (it can be moved forward for tests); used for server dates. */
  now: () => Date;
  /** Live fault settings, read on every request. */
  faults: Faults;
}

export interface Database {
  /**
   * Handles one wire action exactly as wx-server-sdk sends it (`database.getDocument`, ...):
   * `body` is the decoded JSON request body; the answer is the full JSON response body the real
   * service would send, errors included (`{ code, message, requestId }`).
   */
  handle(action: string, body: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** For the UI and /_emulator/collections. */
  listCollections(): Array<{ name: string; count: number }>;
  /** Documents as plain JSON (dates as ISO strings), newest insertion last, at most `limit`. */
  readCollection(name: string, limit?: number): Record<string, unknown>[];
  /** Bulk insert; enforces unique indexes like any write. */
  insertMany(name: string, docs: Record<string, unknown>[]): Promise<void>;
  /**
   * Loads a data set in the format of a backup: per collection, documents in extended JSON as the
   * persisted `<collection>.ndjson` lines hold them. The demo seed comes in through here too.
   * Answers how many documents went in; a clash with a stored `_id` refuses that collection's batch.
   */
  importCollections(data: Record<string, unknown[]>): Promise<number>;
  /** Open transactions, locks held and requests queued for a lock (the emulator's page; fault tests wait for none). */
  activity(): { openTransactions: number; held: number; waiting: number };
  /** True when no collection holds a document (seed only an empty store). */
  isEmpty(): boolean;
  /** Drops every document (and the persisted files). */
  reset(): Promise<void>;
  /** Writes pending changes to disk (no-op in memory) and stops background work. */
  close(): Promise<void>;
}
