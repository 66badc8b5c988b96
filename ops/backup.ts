// `ops backup DIR` / `ops restore DIR`: every collection of collections.json as JSON lines (dates as
// {"$date": ISO}), one file per collection plus manifest.json. A restore goes only into empty
// collections (a fresh environment, or the emulator, so a street can reproduce a problem locally):
// it checks every collection before writing any.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { declaredCollections, type Log, OpsError } from './output';
import { readAll } from './read';
import { isMissingCollection, type Target } from './target';

const BATCH = 100;

/** Dates become {"$date": ISO} so a restore gives Dates back; everything else is plain JSON. */
export function encode(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

export function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$date') return new Date((value as { $date: string }).$date);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

export async function backup(target: Target, dir: string, options: { dryRun: boolean; log: Log }): Promise<Record<string, number>> {
  const { log } = options;
  if (existsSync(dir) && readdirSync(dir).length) throw new OpsError(`${dir} is not empty: back up into a new folder`);
  const counts: Record<string, number> = {};
  const files: Array<[string, string]> = [];
  for (const { name } of declaredCollections()) {
    let docs: unknown[];
    try {
      docs = await readAll(target.db, name);
    } catch (error) {
      if (!isMissingCollection(error)) throw error;
      log(`  skip      ${name} (no such collection)`);
      continue;
    }
    counts[name] = docs.length;
    files.push([`${name}.jsonl`, docs.map((doc) => `${JSON.stringify(encode(doc))}\n`).join('')]);
    log(`  ${options.dryRun ? 'would' : 'read '}     ${name}: ${docs.length}`);
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (options.dryRun) {
    log(`dry run: ${total} document(s) in ${files.length} collection(s) would be written to ${dir}; nothing was written`);
    return counts;
  }
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of files) writeFileSync(path.join(dir, file), text, { mode: 0o600 });
  writeFileSync(
    path.join(dir, 'manifest.json'),
    `${JSON.stringify({ from: target.label, at: new Date().toISOString(), counts }, null, 2)}\n`,
  );
  log(`backup ${target.label}: ${total} document(s) in ${files.length} collection(s) → ${dir}`);
  return counts;
}

export async function restore(target: Target, dir: string, options: { dryRun: boolean; log: Log }): Promise<Record<string, number>> {
  const { log } = options;
  const manifestFile = path.join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new OpsError(`${dir} holds no backup (manifest.json missing)`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { from: string; counts: Record<string, number> };
  const data = new Map<string, Record<string, unknown>[]>();
  for (const name of Object.keys(manifest.counts)) {
    const file = path.join(dir, `${name}.jsonl`);
    if (!existsSync(file)) throw new OpsError(`${file} is missing: the backup is incomplete`);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const docs = lines.map((line, i) => {
      try {
        return decode(JSON.parse(line)) as Record<string, unknown>;
      } catch {
        throw new OpsError(`${file}:${i + 1} is not JSON: the backup is damaged`);
      }
    });
    if (docs.length !== manifest.counts[name])
      throw new OpsError(`${file} has ${docs.length} document(s), the manifest says ${manifest.counts[name]}`);
    data.set(name, docs);
  }
  // Every target collection must exist and be empty before anything is written.
  const problems: string[] = [];
  for (const name of data.keys()) {
    try {
      const { total } = (await target.db.collection(name).count()) as { total: number };
      if (total > 0) problems.push(`${name} holds ${total} document(s)`);
    } catch (error) {
      if (!isMissingCollection(error)) throw error;
      problems.push(`${name} does not exist (run ops provision first)`);
    }
  }
  if (problems.length) throw new OpsError(`restore goes only into empty collections; nothing was written: ${problems.join('; ')}`);
  const counts = Object.fromEntries([...data].map(([name, docs]) => [name, docs.length]));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (options.dryRun) {
    for (const [name, count] of Object.entries(counts)) log(`  would     ${name}: ${count}`);
    log(`dry run: ${total} document(s) from ${manifest.from} would be restored into ${target.label}; nothing was written`);
    return counts;
  }
  for (const [name, docs] of data) {
    for (let i = 0; i < docs.length; i += BATCH) await target.db.collection(name).add(docs.slice(i, i + BATCH));
    log(`  restored  ${name}: ${docs.length}`);
  }
  log(`restore ${target.label}: ${total} document(s) from ${manifest.from}`);
  return counts;
}
