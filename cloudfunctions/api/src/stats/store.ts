import { _, db, isDuplicateKeyError, readInTx, type Transaction } from '../platform/db';
import { nest, type Counts, type FiguresRecord } from './rules';

// `figures/<streetId>`: the street's public counters, one document (stats/rules.ts).

const FIGURES = 'figures';
const figures = () => db.collection<FiguresRecord>(FIGURES);

/** The parts of the street's counters a figure needs (e.g. ['years.2026']): one document, one request. */
export async function readFigures(streetId: string, parts: string[]): Promise<FiguresRecord | null> {
  const { data } = await figures()
    .where({ _id: streetId })
    .field(Object.fromEntries(parts.map((p) => [p, true])))
    .limit(1)
    .get();
  return data[0] ?? null;
}

/** Adds a write's difference to the counters with one atomic increment (the street's first write creates them). */
export async function addCounts(streetId: string, delta: Counts): Promise<void> {
  if (Object.keys(delta).length === 0) return;
  const increments = Object.fromEntries(Object.entries(delta).map(([path, n]) => [path, _.inc(n)]));
  for (let attempt = 0; attempt < 2; attempt++) {
    const { stats } = await figures().where({ _id: streetId }).update({ data: increments });
    if (stats.updated === 1) return;
    try {
      await figures().add({ data: { _id: streetId, ...nest(delta) } });
      return;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

/** The same inside a transaction (which has no increment): read, add, write back the paths that moved. */
export async function addCountsInTx(tx: Transaction, streetId: string, delta: Counts): Promise<void> {
  if (Object.keys(delta).length === 0) return;
  const current = await readInTx<FiguresRecord>(tx, FIGURES, streetId);
  const valueAt = (path: string) =>
    Number(path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], current) ?? 0);
  const next = Object.fromEntries(Object.entries(delta).map(([path, n]) => [path, valueAt(path) + n]));
  if (current) await tx.collection(FIGURES).doc(streetId).update({ data: next });
  else
    await tx
      .collection(FIGURES)
      .doc(streetId)
      .set({ data: nest(next) });
}

/** The rebuild: the counters as recomputed from the messages, replacing what was stored. */
export async function replaceFiguresInTx(tx: Transaction, streetId: string, counts: Counts): Promise<void> {
  await tx
    .collection(FIGURES)
    .doc(streetId)
    .set({ data: nest(counts) });
}

export async function readAllFigures(streetId: string): Promise<FiguresRecord | null> {
  const { data } = await figures().where({ _id: streetId }).limit(1).get();
  return data[0] ?? null;
}
