// What every ops command shares: its report lines, its refusals and the repository's files.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A refusal the person running the command can act on; printed without a stack. */
export class OpsError extends Error {
  name = 'OpsError';
}

/** Commands report through this, so tests read exactly what a person reads. */
export type Log = (line: string) => void;

let root: string | undefined;
/** The repository root, from the bundle (ops/dist) or the sources alike. */
export function repoRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'cloudfunctions', 'api', 'collections.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`ops: repository root not found above ${__dirname}`);
    dir = parent;
  }
  return (root = dir);
}

export interface CollectionSpec {
  name: string;
  indexes: Array<{ fields: Record<string, 1 | -1>; unique?: boolean }>;
}

/** Every collection of the api function (cloudfunctions/api/collections.json). */
export function declaredCollections(): CollectionSpec[] {
  const file = path.join(repoRoot(), 'cloudfunctions', 'api', 'collections.json');
  const declared = JSON.parse(readFileSync(file, 'utf8')) as { collections: Array<{ name: string; indexes?: CollectionSpec['indexes'] }> };
  return declared.collections.map(({ name, indexes }) => ({ name, indexes: indexes ?? [] }));
}
