// Types of scripts/deploy-config.mjs for the TypeScript that imports it (ops/).
export const root: string;
export const CONFIG_FILE: string;
export const EXAMPLE_FILE: string;
export class ConfigError extends Error {
  problems: string[];
}
export interface DeployConfig {
  envId: string;
  appid: string;
  streetId: string;
  templateIds: Record<string, string>;
  adminOpenids: string[];
  secrets: string[];
  functionEnv: Record<string, string>;
  develop: { useEmulator: boolean; emulatorGateway: string; emulatorOpenid: string };
}
export function configPath(env?: NodeJS.ProcessEnv): string;
export function secretNames(): string[];
export function validateConfig(raw: unknown): { problems: string[]; config?: DeployConfig };
export function loadConfig(file?: string): DeployConfig;
export function functionEnvironment(
  config: DeployConfig,
  secretEnv?: NodeJS.ProcessEnv,
): { env: Record<string, string>; missing: string[] };
