// Persistence: one newline-delimited EJSON file per collection, rewritten (via a temporary file and a
// rename, so a crash never leaves half a file) for the collections changed since the last flush, at
// most every FLUSH_MS while writes keep coming. Each document's line is cached, so a flush encodes
// only the documents written since the last one.
import fs from 'node:fs';
import path from 'node:path';
import { decode, type Doc, stringify } from './ejson';
import type { Store } from './state';

const FLUSH_MS = 200;

export class Persistence {
  private timer?: NodeJS.Timeout;
  private readonly lines = new Map<string, Map<unknown, string>>();

  constructor(
    private readonly dir: string,
    private readonly store: Store,
  ) {
    store.trackWrites = true;
  }

  load(now: () => Date): void {
    fs.mkdirSync(this.dir, { recursive: true });
    // Collections created after start (db.createCollection) come back with their files.
    for (const file of fs.readdirSync(this.dir)) if (file.endsWith('.ndjson')) this.store.create(file.slice(0, -'.ndjson'.length));
    for (const collection of this.store.all()) {
      const file = this.file(collection.name);
      if (!fs.existsSync(file)) continue;
      const docs = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => decode(JSON.parse(line), now) as Doc);
      this.store.apply(
        collection,
        docs.map((doc) => [doc._id, doc]),
      );
      this.lines.set(collection.name, new Map(docs.map((doc) => [doc._id, stringify(doc)])));
    }
    this.store.dirty.clear();
  }

  /** Called after every request; flushes soon if anything changed. */
  schedule(): void {
    if (this.timer || !this.store.dirty.size) return;
    this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [name, ids] of this.store.dirty) {
      const collection = this.store.collection(name);
      const cached = this.lines.get(name) ?? new Map<unknown, string>();
      this.lines.set(name, cached);
      for (const id of ids) {
        const doc = collection.docs.get(id);
        if (doc) cached.set(id, stringify(doc));
        else cached.delete(id);
      }
      const lines = [...cached.values()];
      const file = this.file(name);
      fs.writeFileSync(`${file}.tmp`, lines.length ? `${lines.join('\n')}\n` : '');
      fs.renameSync(`${file}.tmp`, file);
    }
    this.store.dirty.clear();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lines.clear();
    for (const collection of this.store.all()) fs.rmSync(this.file(collection.name), { force: true });
  }

  private file(name: string): string {
    return path.join(this.dir, `${name}.ndjson`);
  }
}
