// `ops provision`: makes an environment what the api function needs, and changes only what differs,
// so a second run changes nothing and says so. Every step first looks, then plans; --dry-run prints
// the plan and stops. Against the emulator the collections are created through node-sdk (indexes come
// with them); the function, its settings and storage rules are the emulator's own local build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { functionEnvironment, loadConfig } from '../scripts/deploy-config.mjs';
import { declaredCollections, type CollectionSpec, type Log, OpsError, repoRoot } from './output';
import { isMissingCollection, type Manager, type Target } from './target';

/** One difference between the environment and what it should be. */
export interface Change {
  what: string;
  apply(): Promise<void>;
}

export interface Plan {
  changes: Change[];
  /** What was looked at and is already right. */
  unchanged: string[];
  /** Parts this target does not have (the emulator's function is its local build). */
  notes: string[];
}

const FUNCTION_NAME = 'api';
/** CloudBase's Node.js runtime the bundle targets (scripts/build.mjs: node16). */
const RUNTIME = 'Nodejs16.13';
/** Uploads are read through the function (temporary URLs) or by the person who uploaded them. */
const STORAGE_ACL = 'PRIVATE';
/** Recorded in the function's environment so a second run can tell whether the code changed. */
const BUNDLE_HASH_VARIABLE = 'BUNDLE_SHA256';

export async function provision(target: Target, options: { dryRun: boolean; log: Log }): Promise<Plan> {
  const { log } = options;
  const plan = await planProvision(target);
  for (const note of plan.notes) log(`  note      ${note}`);
  for (const item of plan.unchanged) log(`  ok        ${item}`);
  if (!plan.changes.length) {
    log(`provision ${target.label}: nothing to change (${plan.unchanged.length} checked)`);
    return plan;
  }
  if (options.dryRun) {
    for (const change of plan.changes) log(`  would     ${change.what}`);
    log(`dry run: ${plan.changes.length} change(s) would be made to ${target.label}; nothing was written`);
    return plan;
  }
  for (const change of plan.changes) {
    await change.apply();
    log(`  done      ${change.what}`);
  }
  log(`provision ${target.label}: ${plan.changes.length} change(s) made`);
  return plan;
}

export async function planProvision(target: Target): Promise<Plan> {
  const plan: Plan = { changes: [], unchanged: [], notes: [] };
  if (target.kind === 'emulator') {
    await planEmulatorCollections(target, plan);
    plan.notes.push('the emulator runs the local build of the api function with its own settings; storage rules do not apply');
    return plan;
  }
  const manager = target.manager!;
  // Configuration and secrets first: nothing is changed for a deployment that cannot run.
  const config = loadConfig();
  if (config.envId !== target.label)
    throw new OpsError(
      `--env ${target.label} is not the envId of yizhengtong.config.json (${config.envId}): deploy the environment it describes`,
    );
  const { env, missing } = functionEnvironment(config, target.secretEnv);
  if (missing.length)
    throw new OpsError(
      `secrets missing from this shell's environment: ${missing.join(', ')} (16+ characters each; the function refuses its work without them)`,
    );
  if (!config.adminOpenids.length)
    plan.notes.push(
      'adminOpenids is empty: nobody is staff yet (open the app once, put your openid from the users collection there, provision again)',
    );
  await planCloudCollections(manager, plan);
  await planFunction(manager, env, plan);
  const acl = await manager.storage.getStorageAcl();
  if (acl === STORAGE_ACL) plan.unchanged.push(`storage rule ${STORAGE_ACL}`);
  else
    plan.changes.push({
      what: `set storage rule ${acl} → ${STORAGE_ACL} (uploads readable by their owner or through the function)`,
      apply: async () => void (await manager.storage.setStorageAcl(STORAGE_ACL)),
    });
  return plan;
}

async function planEmulatorCollections(target: Target, plan: Plan): Promise<void> {
  for (const { name } of declaredCollections()) {
    try {
      await target.db.collection(name).limit(1).get();
      plan.unchanged.push(`collection ${name}`);
    } catch (error) {
      if (!isMissingCollection(error)) throw error;
      plan.changes.push({ what: `create collection ${name}`, apply: async () => void (await target.db.createCollection(name)) });
    }
  }
}

/** An index's name as the console would show it: its fields and directions. */
export const indexName = (index: CollectionSpec['indexes'][number]): string =>
  Object.entries(index.fields)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');

async function planCloudCollections(manager: Manager, plan: Plan): Promise<void> {
  const rules = await manager.permission.describeResourcePermission({ resourceType: 'collection' });
  const ruleOf = new Map((rules.Data?.PermissionList ?? []).map((rule) => [rule.Resource, rule.Permission]));
  for (const collection of declaredCollections()) {
    const { name } = collection;
    const { Exists } = await manager.database.checkCollectionExists(name);
    if (Exists) plan.unchanged.push(`collection ${name}`);
    else plan.changes.push({ what: `create collection ${name}`, apply: async () => void (await manager.database.createCollection(name)) });
    const present = new Set(Exists ? ((await manager.database.describeCollection(name)).Indexes ?? []).map((index) => index.Name) : []);
    const wanted = collection.indexes.filter((index) => !present.has(indexName(index)));
    if (collection.indexes.length && !wanted.length) plan.unchanged.push(`indexes of ${name} (${collection.indexes.length})`);
    if (wanted.length)
      plan.changes.push({
        what: `create index(es) of ${name}: ${wanted.map((index) => `${indexName(index)}${index.unique ? ' (unique)' : ''}`).join(', ')}`,
        apply: async () =>
          void (await manager.database.updateCollection(name, {
            CreateIndexes: wanted.map((index) => ({
              IndexName: indexName(index),
              MgoKeySchema: {
                MgoIsUnique: Boolean(index.unique),
                MgoIndexKeys: Object.entries(index.fields).map(([field, direction]) => ({ Name: field, Direction: String(direction) })),
              },
            })),
          })),
      });
    // Clients never touch data: only the api function (admin rights) reads and writes.
    if (ruleOf.get(name) === 'ADMINONLY') plan.unchanged.push(`rule of ${name}: ADMINONLY`);
    else
      plan.changes.push({
        what: `set rule of ${name} → ADMINONLY (only the api function reads and writes)`,
        apply: async () =>
          void (await manager.permission.modifyResourcePermission({ resourceType: 'collection', resource: name, permission: 'ADMINONLY' })),
      });
  }
}

interface FunctionSettings {
  timeout: number;
  memorySize: number;
  triggers: Array<{ name: string; type: string; config: string }>;
}

/** cloudfunctions/api/config.json: the function's settings, the same file DevTools and the emulator read. */
export function functionSettings(): FunctionSettings {
  const file = path.join(repoRoot(), 'cloudfunctions', FUNCTION_NAME, 'config.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<FunctionSettings>;
  const settings = { timeout: Number(raw.timeout ?? 3), memorySize: Number(raw.memorySize ?? 256), triggers: raw.triggers ?? [] };
  if (!(settings.timeout >= 20))
    throw new OpsError(`cloudfunctions/${FUNCTION_NAME}/config.json: timeout ${settings.timeout} s is too short (20 s at least)`);
  return settings;
}

async function planFunction(manager: Manager, baseEnv: Record<string, string>, plan: Plan): Promise<void> {
  const bundle = path.join(repoRoot(), 'cloudfunctions', FUNCTION_NAME, 'index.js');
  if (!existsSync(bundle)) throw new OpsError(`cloudfunctions/${FUNCTION_NAME}/index.js is not built: run npm run build first`);
  const settings = functionSettings();
  const env: Record<string, string> = {
    ...baseEnv,
    [BUNDLE_HASH_VARIABLE]: createHash('sha256').update(readFileSync(bundle)).digest('hex'),
  };
  const func = {
    name: FUNCTION_NAME,
    timeout: settings.timeout,
    memorySize: settings.memorySize,
    envVariables: env,
    runtime: RUNTIME,
    handler: 'index.main',
    installDependency: false,
    triggers: settings.triggers,
    // The bundle is the function: its TypeScript sources and source map stay home.
    ignore: ['src/**', '*.ts', '*.map'],
  };
  const functionRootPath = path.join(repoRoot(), 'cloudfunctions');
  const detail = await manager.functions.getFunctionDetail(FUNCTION_NAME).catch((error: { code?: string }) => {
    if (/ResourceNotFound/.test(String(error?.code ?? error))) return null;
    throw error;
  });
  if (!detail) {
    plan.changes.push({
      what: `create function ${FUNCTION_NAME} (timeout ${settings.timeout} s, ${settings.memorySize} MB, ${Object.keys(env).length} variables, triggers ${settings.triggers.map((t) => t.name).join(', ') || 'none'})`,
      apply: async () => void (await manager.functions.createFunction({ func, functionRootPath, force: false })),
    });
    return;
  }
  const current =
    (detail as unknown as { Environment?: { Variables?: Array<{ Key: string; Value: string }> } }).Environment?.Variables ?? [];
  const currentEnv = Object.fromEntries(current.map(({ Key, Value }) => [Key, Value]));
  if (currentEnv[BUNDLE_HASH_VARIABLE] === env[BUNDLE_HASH_VARIABLE]) plan.unchanged.push(`code of ${FUNCTION_NAME}`);
  else
    plan.changes.push({
      what: `upload the code of ${FUNCTION_NAME} (cloudfunctions/${FUNCTION_NAME}/index.js)`,
      apply: async () => void (await manager.functions.updateFunctionCode({ func, functionRootPath })),
    });
  const changedVariables = Object.keys({ ...env, ...currentEnv }).filter(
    (key) => env[key] !== currentEnv[key] && key !== BUNDLE_HASH_VARIABLE,
  );
  const settingsDiffer = detail.Timeout !== settings.timeout || detail.MemorySize !== settings.memorySize || changedVariables.length > 0;
  if (!settingsDiffer && currentEnv[BUNDLE_HASH_VARIABLE] === env[BUNDLE_HASH_VARIABLE])
    plan.unchanged.push(`settings of ${FUNCTION_NAME}`);
  else
    plan.changes.push({
      // Variable names only: values may be secrets.
      what: `update settings of ${FUNCTION_NAME} (timeout ${detail.Timeout} → ${settings.timeout} s, memory ${detail.MemorySize} → ${settings.memorySize} MB${changedVariables.length ? `, variables ${changedVariables.join(', ')}` : ''})`,
      apply: async () => void (await manager.functions.updateFunctionConfig(func)),
    });
  const triggers = (detail as unknown as { Triggers?: Array<{ TriggerName: string; TriggerDesc?: string }> }).Triggers ?? [];
  const missingTriggers = settings.triggers.filter(
    (t) => !triggers.some((existing) => existing.TriggerName === t.name && (existing.TriggerDesc ?? '').includes(t.config)),
  );
  if (!missingTriggers.length) plan.unchanged.push(`triggers of ${FUNCTION_NAME}`);
  else
    plan.changes.push({
      what: `set trigger(s) of ${FUNCTION_NAME}: ${missingTriggers.map((t) => `${t.name} "${t.config}"`).join(', ')}`,
      apply: async () => void (await manager.functions.createFunctionTriggers(FUNCTION_NAME, settings.triggers)),
    });
}
