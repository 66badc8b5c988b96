// Builds what the tests run, once per jest run: the `api` bundle (the exact file a deploy uploads)
// and the emulator's worker entry (worker threads cannot load TypeScript). scripts/build.mjs stays
// the one definition of the build; it runs in its own node process because it is an ES module.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
