import { createHmac } from 'node:crypto';

// Secrets come from the function's environment variables, set in the CloudBase console (or by the
// emulator, which runs with its own local values). There is no fallback: a missing secret stops the
// work that needs it, so a deployment never runs on a value published in this repository.

/** Every secret the function reads, by environment variable name. */
export const SECRET_NAMES = ['BIND_CODE_PEPPER', 'VOTER_KEY_SECRET'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** Thrown when a secret is not configured; the dispatcher answers INTERNAL and logs the name for staff. */
export class MissingSecretError extends Error {
  constructor(readonly secret: SecretName) {
    super(`secret ${secret} is not configured: set it in the function's environment variables`);
    this.name = 'MissingSecretError';
  }
}

/** The secret's value; at least 16 characters, or it counts as missing. */
export function secret(name: SecretName, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name]?.trim() ?? '';
  if (value.length < 16) throw new MissingSecretError(name);
  return value;
}

/** A keyed hash (HMAC-SHA256, hex) of `parts` joined by ':'; without the secret nobody can recompute it. */
export function keyedHash(name: SecretName, ...parts: string[]): string {
  return createHmac('sha256', secret(name)).update(parts.join(':')).digest('hex');
}
