// The operations CLI: `npm run ops -- <command> [arguments] (--env <envId> | --emulator <url>) [--dry-run]`.
// Built by scripts/ops.mjs into ops/dist/main.js. README: 部署 / Deployment.
import { existsSync } from 'node:fs';
import { configPath, loadConfig } from '../scripts/deploy-config.mjs';
import { backup, restore } from './backup';
import { exportYear } from './export';
import { type Log, OpsError } from './output';
import { provision } from './provision';
import { importRoster } from './roster';
import { connect, type TargetOptions } from './target';

export const USAGE = `usage: npm run ops -- <command> [arguments] (--env <envId> | --emulator <url>) [--dry-run]

commands:
  provision              collections, indexes and admin-only rules; the api function with its trigger,
                         timeout, memory and variables; storage rules. A second run changes nothing.
  import-roster FILE     groups, stations and delegates from a CSV (姓名,专业小组,联络站,职务,简介,手机);
                         --codes FILE names the file the new delegates' binding codes go to
  export DIR             the year's figures as CSV, no personal data; --year YYYY (default: this year)
  backup DIR             every collection as JSON lines
  restore DIR            a backup into empty collections

options:
  --env <envId>          a CloudBase environment; credentials from TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY
                         or --key-file <json outside the repository>; settings from yizhengtong.config.json
  --emulator <url>       the local CloudBase (npm start), e.g. http://127.0.0.1:8787
  --dry-run              print what would be done; change nothing`;

export interface Invocation {
  command: string;
  args: string[];
  target: TargetOptions;
  dryRun: boolean;
  codesFile?: string;
  year?: number;
}

export function parseArguments(argv: string[]): Invocation {
  const invocation: Invocation = { command: '', args: [], target: {}, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new OpsError(`${argument} needs a value`);
      return next;
    };
    if (argument === '--env') invocation.target.env = value();
    else if (argument === '--emulator') invocation.target.emulator = value();
    else if (argument === '--key-file') invocation.target.keyFile = value();
    else if (argument === '--dry-run') invocation.dryRun = true;
    else if (argument === '--codes') invocation.codesFile = value();
    else if (argument === '--year') invocation.year = Number(value());
    else if (argument.startsWith('--')) throw new OpsError(`unknown option ${argument}`);
    else if (!invocation.command) invocation.command = argument;
    else invocation.args.push(argument);
  }
  return invocation;
}

const ARITY: Record<string, number> = { provision: 0, 'import-roster': 1, export: 1, backup: 1, restore: 1 };

/** Runs one command; answers the exit code. */
export async function run(argv: string[], log: Log, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const invocation = parseArguments(argv);
    if (!invocation.command || invocation.command === 'help') {
      log(USAGE);
      return invocation.command ? 0 : 1;
    }
    const arity = ARITY[invocation.command];
    if (arity === undefined) throw new OpsError(`unknown command ${invocation.command}\n\n${USAGE}`);
    if (invocation.args.length !== arity)
      throw new OpsError(
        `${invocation.command} takes ${arity ? `one argument (${invocation.command === 'import-roster' ? 'FILE' : 'DIR'})` : 'no argument'}`,
      );
    const target = connect(invocation.target, environment);
    const options = { dryRun: invocation.dryRun, log };
    // One street per deployment: the configured one, or the function's default without a configuration.
    const streetId =
      target.kind === 'cloud' || existsSync(configPath(environment)) ? loadConfig(configPath(environment)).streetId : 'default';
    const [arg] = invocation.args;
    if (invocation.command === 'provision') await provision(target, options);
    else if (invocation.command === 'import-roster')
      await importRoster(target, arg, { ...options, streetId, codesFile: invocation.codesFile });
    else if (invocation.command === 'export') await exportYear(target, arg, { ...options, streetId, year: invocation.year });
    else if (invocation.command === 'backup') await backup(target, arg, options);
    else await restore(target, arg, options);
    return 0;
  } catch (error) {
    if (error instanceof OpsError || (error as Error)?.name === 'ConfigError' || (error as Error)?.name === 'MissingSecretError') {
      log(`ops: ${(error as Error).message}`);
      return 1;
    }
    // Tencent Cloud's refusals (credentials, permissions, the network) as one line a person can act on.
    if ((error as Error)?.name === 'CloudBaseError') {
      const { message, code, requestId } = error as Error & { code?: string; requestId?: string };
      log(`ops: CloudBase refused: ${message}${code ? ` (${code}${requestId ? `, request ${requestId}` : ''})` : ''}`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  run(process.argv.slice(2), (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
