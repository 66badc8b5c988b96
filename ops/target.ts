// Where an ops command works: a real CloudBase environment (`--env <envId>`, credentials from the
// environment or a key file, never from the repository) or the local emulator (`--emulator <url>`),
// through @cloudbase/node-sdk either way: the emulator speaks the same wire protocol at `<url>/admin`.
// @cloudbase/manager-node serves only what node-sdk cannot do (indexes, rules, the function, storage).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { init } from '@cloudbase/node-sdk';
import CloudBase from '@cloudbase/manager-node';
import { LOCAL_SECRETS } from '../emulator/functions/local-secrets';
import { OpsError, repoRoot } from './output';

export type Db = ReturnType<ReturnType<typeof init>['database']>;
export type Manager = InstanceType<typeof CloudBase>;

export interface Target {
  kind: 'cloud' | 'emulator';
  /** For messages: the env id or the emulator's URL. */
  label: string;
  db: Db;
  /** Only for a real environment. */
  manager?: Manager;
  /** Where secrets come from: the deployer's environment, or the emulator's own local values. */
  secretEnv: NodeJS.ProcessEnv;
}

export interface TargetOptions {
  env?: string;
  emulator?: string;
  keyFile?: string;
}

interface Credentials {
  secretId: string;
  secretKey: string;
  token?: string;
}

export function connect(options: TargetOptions, environment: NodeJS.ProcessEnv = process.env): Target {
  if (Boolean(options.env) === Boolean(options.emulator)) throw new OpsError('give exactly one of --env <envId> or --emulator <url>');
  if (options.emulator) {
    const url = options.emulator.replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s/]+$/.test(url))
      throw new OpsError(`--emulator ${options.emulator}: give the emulator's URL, e.g. http://127.0.0.1:8787`);
    // node-sdk asks Tencent Cloud's metadata server before every request whether it runs inside
    // Tencent Cloud, waiting 30 ms for no answer each time (a failure is not cached): 5x slower
    // against the emulator. TENCENTCLOUD=true answers it; the emulator's serviceUrl decides the address.
    process.env.TENCENTCLOUD ??= 'true';
    // The emulator checks no signature; node-sdk only insists on a pair.
    const app = init({
      env: 'emulator',
      serviceUrl: `${url}/admin`,
      secretId: 'emulator',
      secretKey: 'emulator',
      timeout: 30_000,
      keepalive: false,
    });
    return { kind: 'emulator', label: url, db: app.database(), secretEnv: { ...LOCAL_SECRETS, ...environment } };
  }
  const envId = options.env!;
  const credentials = credentialsFrom(options.keyFile, environment);
  const app = init({
    env: envId,
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
    sessionToken: credentials.token,
    timeout: 30_000,
  });
  const manager = new CloudBase({ envId, secretId: credentials.secretId, secretKey: credentials.secretKey, token: credentials.token });
  return { kind: 'cloud', label: envId, db: app.database(), manager, secretEnv: environment };
}

/** A key file (JSON `{ secretId, secretKey }`) outside the repository, or TENCENTCLOUD_SECRETID/SECRETKEY. */
function credentialsFrom(keyFile: string | undefined, environment: NodeJS.ProcessEnv): Credentials {
  if (keyFile) {
    const file = path.resolve(keyFile);
    if (!path.relative(repoRoot(), file).startsWith('..'))
      throw new OpsError(`--key-file ${keyFile} lies inside the repository: keep keys outside it, where no commit can take them`);
    if (!existsSync(file)) throw new OpsError(`--key-file ${keyFile}: no such file`);
    let parsed: Partial<Credentials>;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Credentials>;
    } catch {
      throw new OpsError(`--key-file ${keyFile}: not JSON; expected { "secretId": "...", "secretKey": "..." }`);
    }
    if (!parsed.secretId || !parsed.secretKey) throw new OpsError(`--key-file ${keyFile}: secretId and secretKey are both required`);
    return { secretId: parsed.secretId, secretKey: parsed.secretKey, token: parsed.token };
  }
  const secretId = environment.TENCENTCLOUD_SECRETID?.trim();
  const secretKey = environment.TENCENTCLOUD_SECRETKEY?.trim();
  if (!secretId || !secretKey)
    throw new OpsError(
      'no credentials: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (a CAM key of the account that owns the environment) or pass --key-file <file outside the repository>',
    );
  return { secretId, secretKey, token: environment.TENCENTCLOUD_SESSIONTOKEN?.trim() || undefined };
}

/** True when the database answers that `name` does not exist (node-sdk throws `{ code }`). */
export const isMissingCollection = (error: unknown): boolean => (error as { code?: string })?.code === 'DATABASE_COLLECTION_NOT_EXIST';
