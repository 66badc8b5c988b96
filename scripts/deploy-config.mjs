// The deployment's one configuration: yizhengtong.config.json (git-ignored; copy
// yizhengtong.config.example.json). It holds what differs per street office: the CloudBase env id,
// the appid, template ids (one place for the mini-program and the function), bootstrap staff, the
// names of the secrets and the function's settings. Secret VALUES never live here: `npm run ops`
// reads them from the deployer's environment. Read by scripts/generate.mjs, scripts/release.mjs and ops/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This module runs as itself (ESM, scripts/) and bundled into the ops CLI (CommonJS, ops/dist/),
// so the repository root is found upwards from wherever it runs.
const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
export const root = findRoot(here);
function findRoot(dir) {
  while (!existsSync(path.join(dir, 'cloudfunctions', 'api', 'collections.json'))) {
    if (path.dirname(dir) === dir) throw new Error(`repository root not found above ${here}`);
    dir = path.dirname(dir);
  }
  return dir;
}
export const CONFIG_FILE = 'yizhengtong.config.json';
export const EXAMPLE_FILE = 'yizhengtong.config.example.json';

/** Thrown for a missing or malformed configuration; the message names the file and every bad key. */
export class ConfigError extends Error {
  constructor(file, problems) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `\n  - ${problems.join('\n  - ')}`}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** The path of the real configuration: YIZHENGTONG_CONFIG, or yizhengtong.config.json at the root. */
export function configPath(env = process.env) {
  return env.YIZHENGTONG_CONFIG ? path.resolve(env.YIZHENGTONG_CONFIG) : path.join(root, CONFIG_FILE);
}

// Template keys and secret names are declared once, in TypeScript the build cannot import here.
const templateKeys = () => listOf('typings/contract/constants.ts', /TEMPLATE_KEYS = \[([^\]]*)\]/);
export const secretNames = () => listOf('cloudfunctions/api/src/platform/secrets.ts', /SECRET_NAMES = \[([^\]]*)\]/);
function listOf(file, pattern) {
  const match = pattern.exec(readFileSync(path.join(root, file), 'utf8'));
  if (!match) throw new Error(`${file}: cannot find ${pattern}`);
  return [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

const ENV_ID = /^[a-z][a-z0-9-]{2,40}-[a-z0-9]{4,}$/;
const APPID = /^wx[0-9a-f]{16}$/;
const OPENID = /^[\w-]{6,64}$/;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
// Set by provision from the keys above; a copy in function.env would be a second place for them.
const DERIVED_ENV = ['TEMPLATE_IDS', 'ADMIN_OPENIDS', 'STREET_ID'];

/**
 * Checks a parsed configuration. Answers the normalised configuration and the problems, each naming
 * its key (`templateIds.newMessage must be a string`). Placeholders of the example count as missing.
 */
export function validateConfig(raw) {
  const problems = [];
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(raw)) return { problems: ['the file must hold one JSON object'] };
  const allowed = ['$comment', 'envId', 'appid', 'streetId', 'streetName', 'templateIds', 'adminOpenids', 'secrets', 'function', 'develop'];
  for (const key of Object.keys(raw))
    if (!allowed.includes(key)) problems.push(`${key} is not a known key (known: ${allowed.slice(1).join(', ')})`);

  const text = (key, value, pattern, hint) => {
    if (value === undefined || value === '') problems.push(`${key} is missing (${hint})`);
    else if (typeof value !== 'string') problems.push(`${key} must be a string (${hint})`);
    else if (/^your-|^wx0{16}$|placeholder|某某/i.test(value))
      problems.push(`${key} is still the example's placeholder "${value}" (${hint})`);
    else if (!pattern.test(value)) problems.push(`${key} "${value}" is malformed (${hint})`);
    return typeof value === 'string' ? value : '';
  };
  const envId = text('envId', raw.envId, ENV_ID, 'the CloudBase environment id, e.g. yzt-prod-4g7x2k1c, from the console');
  const appid = text('appid', raw.appid, APPID, 'the mini-program AppID, wx and 16 hex digits, from mp.weixin.qq.com');
  const streetId = raw.streetId === undefined ? 'default' : text('streetId', raw.streetId, /^[\w-]{1,40}$/, 'letters, digits, _ or -');
  // The street's own name, as residents know it (湖塘街道): the app calls the committee 湖塘街道人大工委.
  const streetName =
    raw.streetName === undefined
      ? ''
      : text('streetName', raw.streetName, /^[\u4e00-\u9fa5·]{2,12}(街道|镇|乡)$/, 'the street in Chinese, e.g. 湖塘街道 or 雪堰镇');

  const templateIds = {};
  if (raw.templateIds !== undefined && !isObject(raw.templateIds)) problems.push('templateIds must be an object of template key to id');
  else {
    const keys = templateKeys();
    for (const [key, value] of Object.entries(raw.templateIds ?? {})) {
      if (!keys.includes(key)) problems.push(`templateIds.${key} is not a template key (known: ${keys.join(', ')})`);
      else if (typeof value !== 'string')
        problems.push(`templateIds.${key} must be a string (the id from 订阅消息, or "" to leave it unsent)`);
      else if (value) templateIds[key] = value.trim();
    }
  }

  let adminOpenids = [];
  if (raw.adminOpenids === undefined) adminOpenids = [];
  else if (!Array.isArray(raw.adminOpenids)) problems.push('adminOpenids must be a list of openids');
  else
    raw.adminOpenids.forEach((value, i) => {
      if (typeof value !== 'string' || !OPENID.test(value))
        problems.push(`adminOpenids[${i}] must be an openid (6-64 letters, digits, _ or -)`);
      else adminOpenids.push(value);
    });

  const known = secretNames();
  let secrets = known;
  if (raw.secrets !== undefined) {
    if (!Array.isArray(raw.secrets) || raw.secrets.some((name) => typeof name !== 'string'))
      problems.push(`secrets must be a list of environment variable names (${known.join(', ')})`);
    else {
      secrets = raw.secrets;
      for (const name of known)
        if (!secrets.includes(name)) problems.push(`secrets must list ${name}: the function refuses its work without it`);
      secrets.forEach((name, i) => {
        if (!ENV_NAME.test(name)) problems.push(`secrets[${i}] "${name}" is not an environment variable name`);
      });
    }
  }

  const fn = raw.function ?? {};
  const functionEnv = {};
  if (!isObject(fn)) problems.push('function must be an object ({ "env": { ... } })');
  else {
    for (const key of Object.keys(fn))
      if (key !== 'env')
        problems.push(`function.${key} is not a known key (timeout, memory and triggers live in cloudfunctions/api/config.json)`);
    if (fn.env !== undefined && !isObject(fn.env)) problems.push('function.env must be an object of variable name to value');
    for (const [name, value] of Object.entries(isObject(fn.env) ? fn.env : {})) {
      if (!ENV_NAME.test(name)) problems.push(`function.env.${name} is not an environment variable name`);
      else if (secrets.includes(name) || known.includes(name))
        problems.push(`function.env.${name} is a secret: set it in the environment of \`npm run ops\`, never in this file`);
      else if (DERIVED_ENV.includes(name)) problems.push(`function.env.${name} is set from this file's other keys; remove it`);
      else if (typeof value !== 'string' && typeof value !== 'number') problems.push(`function.env.${name} must be a string or a number`);
      else functionEnv[name] = String(value);
    }
  }

  const dev = raw.develop ?? {};
  const develop = { useEmulator: false, emulatorGateway: 'http://127.0.0.1:8787', emulatorOpenid: 'demo-resident' };
  if (!isObject(dev)) problems.push('develop must be an object');
  else {
    for (const key of Object.keys(dev))
      if (!(key in develop)) problems.push(`develop.${key} is not a known key (known: ${Object.keys(develop).join(', ')})`);
    if (dev.useEmulator !== undefined && typeof dev.useEmulator !== 'boolean') problems.push('develop.useEmulator must be true or false');
    else if (dev.useEmulator !== undefined) develop.useEmulator = dev.useEmulator;
    if (dev.emulatorGateway !== undefined) {
      if (typeof dev.emulatorGateway !== 'string' || !/^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(dev.emulatorGateway))
        problems.push('develop.emulatorGateway must be a URL like http://127.0.0.1:8787');
      else develop.emulatorGateway = dev.emulatorGateway.replace(/\/$/, '');
    }
    if (dev.emulatorOpenid !== undefined) {
      if (typeof dev.emulatorOpenid !== 'string' || !OPENID.test(dev.emulatorOpenid))
        problems.push('develop.emulatorOpenid must be an openid');
      else develop.emulatorOpenid = dev.emulatorOpenid;
    }
  }

  if (problems.length) return { problems };
  return { problems, config: { envId, appid, streetId, streetName, templateIds, adminOpenids, secrets, functionEnv, develop } };
}

/** Reads and checks the configuration at `file`; throws ConfigError naming the file and the keys. */
export function loadConfig(file = configPath()) {
  const name = path.relative(process.cwd(), file) || file;
  if (!existsSync(file)) throw new ConfigError(name, [`not found: copy ${EXAMPLE_FILE} to ${CONFIG_FILE} and fill it in`]);
  let raw;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(name, [`is not valid JSON (${error.message})`]);
  }
  const { problems, config } = validateConfig(raw);
  if (problems.length) throw new ConfigError(name, problems);
  return config;
}

/**
 * The environment variables the function runs with in a real environment: the settings of this file
 * plus each secret, read from `secretEnv` (the deployer's environment). Missing secrets are named.
 */
export function functionEnvironment(config, secretEnv = process.env) {
  const missing = config.secrets.filter((name) => (secretEnv[name]?.trim() ?? '').length < 16);
  const env = {
    ...config.functionEnv,
    STREET_ID: config.streetId,
    ADMIN_OPENIDS: config.adminOpenids.join(','),
    TEMPLATE_IDS: JSON.stringify(config.templateIds),
  };
  for (const name of config.secrets) if (!missing.includes(name)) env[name] = secretEnv[name].trim();
  return { env, missing };
}
