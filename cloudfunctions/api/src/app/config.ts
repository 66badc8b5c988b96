import type { TemplateKey } from '../../../../typings/contract';

// Deployment configuration comes from the function's environment variables (set in the CloudBase
// console, or passed through by the emulator). Read on each call: cheap, and tests can vary it.

export interface Config {
  /** Bootstrap staff; later staff are granted in the app. */
  adminOpenids: Set<string>;
  /** The street served when only one is configured (the default). */
  defaultStreetId: string;
  /** Subscribe-message template ids by key; a key without an id is not sent but stays a to-do. */
  templateIds: Partial<Record<TemplateKey, string>>;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    adminOpenids: new Set(
      (env.ADMIN_OPENIDS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    defaultStreetId: env.STREET_ID?.trim() || 'default',
    templateIds: parseJsonObject(env.TEMPLATE_IDS),
  };
}

/** Reads a number from the environment, falling back when unset or invalid. */
export function envNumber(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env[name]);
  return env[name] !== undefined && env[name] !== '' && Number.isFinite(value) ? value : fallback;
}

function parseJsonObject(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    const value = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
