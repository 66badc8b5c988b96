// Seeding: fills an EMPTY store with a named data set, never mixing into existing data.
import type { Database } from '../database';
import { demoSeed } from './demo';

const SEEDS: Record<string, () => Record<string, Record<string, unknown>[]>> = { demo: demoSeed };

export const seedNames = (): string[] => Object.keys(SEEDS);

/** Inserts the seed when the store is empty; answers how many documents went in (0 when skipped). */
export async function seedIfEmpty(database: Database, name = 'demo'): Promise<number> {
  const seed = SEEDS[name];
  if (!seed) throw new Error(`unknown seed "${name}" (known: ${seedNames().join(', ')})`);
  if (!database.isEmpty()) return 0;
  let count = 0;
  for (const [collection, docs] of Object.entries(seed())) {
    await database.insertMany(collection, docs);
    count += docs.length;
  }
  return count;
}
