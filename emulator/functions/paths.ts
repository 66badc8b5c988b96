import { existsSync } from 'node:fs';
import path from 'node:path';

// The emulator runs both from its bundle (emulator/dist/...) and from TypeScript sources in tests;
// everything it loads from disk is found from the repository root, whichever way it was started.
let root: string | undefined;

export function repoRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'cloudfunctions')) || !existsSync(path.join(dir, 'emulator'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`emulator: repository root not found above ${__dirname}`);
    dir = parent;
  }
  root = dir;
  return dir;
}

/** The worker entry, always the built file: worker_threads cannot load TypeScript. */
export const workerEntry = (): string => path.join(repoRoot(), 'emulator', 'dist', 'functions', 'worker.js');
