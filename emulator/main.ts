// `npm start`: the local CloudBase on one machine. Listens on PORT (default 8787) on 127.0.0.1,
// persists under .emulator-data/ and seeds demo data into an empty store unless told otherwise.
//
//   node emulator/dist/main.js [--memory] [--no-seed] [--seed demo] [--reset] [--empty] [--port N] [--data-dir DIR] [--no-schedule]
import { existsSync } from 'node:fs';
import { configPath, functionEnvironment, loadConfig } from '../scripts/deploy-config.mjs';
import { seedNames } from './seed';
import { startEmulator, type EmulatorOptions } from './server';

function parseArguments(argv: string[]): EmulatorOptions {
  const options: EmulatorOptions = { port: Number(process.env.PORT ?? 8787), seed: 'demo' };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    if (argument === '--memory') options.memory = true;
    else if (argument === '--no-seed') options.seed = false;
    else if (argument === '--seed') options.seed = value();
    else if (argument === '--reset') options.reset = true;
    // A new CloudBase environment: no collections until `npm run ops -- provision` creates them.
    else if (argument === '--empty') options.empty = true;
    // Tests fire timer triggers themselves (POST /_emulator/functions/<name>/timer).
    else if (argument === '--no-schedule') options.schedule = false;
    else if (argument === '--port') options.port = Number(value());
    else if (argument === '--data-dir') options.dataDir = value();
    else if (argument === '--help' || argument === '-h') {
      console.log(
        `usage: npm start -- [--memory] [--no-seed] [--seed ${seedNames().join('|')}] [--reset] [--empty] [--port N] [--data-dir DIR] [--no-schedule]`,
      );
      process.exit(0);
    } else throw new Error(`unknown option ${argument} (try --help)`);
  }
  if (!Number.isInteger(options.port) || options.port! < 0) throw new Error(`bad port ${options.port}`);
  return options;
}

function deploymentEnv(): Record<string, string> {
  if (!existsSync(configPath())) return {};
  return functionEnvironment(loadConfig(), {}).env;
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  // The functions' environment: the deployment's settings when yizhengtong.config.json exists (template
  // ids, staff, street, function.env: the same values the mini-program was generated with), then the
  // emulator's own environment, which wins. Secrets stay the emulator's local ones.
  const shell = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const env = { ...deploymentEnv(), ...shell };
  const emulator = await startEmulator({ ...options, env });
  const stored = emulator.database.listCollections().reduce((sum, { count }) => sum + count, 0);
  console.log(`议政通 local CloudBase listening on ${emulator.url}`);
  console.log(`  UI            ${emulator.url}/`);
  console.log(`  gateway       POST ${emulator.url}/functions/<name>  (header x-wx-openid)`);
  console.log(`  functions     ${emulator.runner.names().join(', ') || '(none built: run npm run build)'}`);
  console.log(`  data          ${options.memory ? 'in memory' : 'persisted under .emulator-data/'}; ${stored} documents`);
  const shutdown = async () => {
    await emulator.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`emulator: ${(error as Error)?.message ?? error}`);
  process.exit(1);
});
