// The secrets functions read (cloudfunctions/api/src/platform/secrets.ts), with values for local use
// only. A real environment has no defaults: the function refuses the work that needs a missing secret.
// The emulator's own environment overrides these, so a test can run a function without one.
export const LOCAL_SECRETS: Record<string, string> = {
  BIND_CODE_PEPPER: 'yizhengtong-local-pepper',
  VOTER_KEY_SECRET: 'yizhengtong-local-voter-key',
};
