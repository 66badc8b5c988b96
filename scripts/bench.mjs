// `npm run bench`: runs every benchmark script in scripts/bench/ one after another (never in
// parallel: they share two cores) and lets each print its own figures. `npm run bench -- ballots`
// runs only the scripts whose name contains "ballots".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench');
const filter = process.argv[2] ?? '';
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && f.includes(filter))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${script}`);
  const run = spawnSync(process.execPath, [path.join(dir, script)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
if (scripts.length === 0) console.log(`no benchmark matches "${filter}"`);
process.exit(failed ? 1 : 0);
