// Seeding: fills an EMPTY store with a named data set, never mixing into existing data. A data set
// goes in as a backup does (Database.importCollections, extended JSON per collection).
import type { Database } from '../database';
import { encode } from '../database/ejson';
import { demoSeed } from './demo';

const SEEDS: Record<string, () => Record<string, Record<string, unknown>[]>> = { demo: demoSeed };

export const seedNames = (): string[] => Object.keys(SEEDS);

/** Inserts the seed when the store is empty; answers how many documents went in (0 when skipped). */
export async function seedIfEmpty(database: Database, name = 'demo'): Promise<number> {
  const seed = SEEDS[name];
  if (!seed) throw new Error(`unknown seed "${name}" (known: ${seedNames().join(', ')})`);
  if (!database.isEmpty()) return 0;
  const data = Object.fromEntries(Object.entries(seed()).map(([collection, docs]) => [collection, docs.map(encode)]));
  return database.importCollections(data);
}
