// Seeding: fills an EMPTY store with a named data set, never mixing into existing data. A data set
// goes in as a backup does (Database.importCollections, extended JSON per collection).
import type { Database } from '../database';
import type { Storage } from '../storage';
import { encode } from '../database/ejson';
import { demoFiles, demoSeed } from './demo';

const SEEDS: Record<string, () => Record<string, Record<string, unknown>[]>> = { demo: demoSeed };
/** Files a data set's records point at (photos), by cloud path. */
const FILES: Record<string, () => Record<string, Buffer>> = { demo: demoFiles };

export const seedNames = (): string[] => Object.keys(SEEDS);

/**
 * Inserts the seed when the store is empty; answers how many documents went in (0 when skipped). The
 * files its records point at go into `storage` (when given) with them.
 */
export async function seedIfEmpty(database: Database, name = 'demo', storage?: Pick<Storage, 'write'>): Promise<number> {
  const seed = SEEDS[name];
  if (!seed) throw new Error(`unknown seed "${name}" (known: ${seedNames().join(', ')})`);
  if (!database.isEmpty()) return 0;
  const data = Object.fromEntries(Object.entries(seed()).map(([collection, docs]) => [collection, docs.map(encode)]));
  const count = await database.importCollections(data);
  if (storage) for (const [cloudPath, bytes] of Object.entries(FILES[name]?.() ?? {})) storage.write(cloudPath, bytes);
  return count;
}
