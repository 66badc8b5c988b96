// Builds what the tests run, once per jest run: the generated mini-program files, the `api` bundle (the exact file a deploy uploads)
// and the emulator's worker entry (worker threads cannot load TypeScript). scripts/build.mjs stays
// the one definition of the build; it runs in its own node process because it is an ES module.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..', '..');
  for (const script of ['generate.mjs', 'build.mjs']) {
    execFileSync(process.execPath, [path.join(root, 'scripts', script)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
