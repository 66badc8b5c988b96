import { DEPLOYMENT } from '../generated/deployment';
import { resolveConfig, type ClientConfig, type EnvVersion } from './deployment';

// Where the mini-program sends its calls. Nothing here is edited by hand: the values come from
// yizhengtong.config.json through scripts/generate.mjs (miniprogram/generated/deployment.ts), and
// only DevTools' develop version may use the local emulator (services/deployment.ts resolveConfig).

export type { ClientConfig };

/** The version WeChat runs; unknown counts as release, so a doubt never points at the emulator. */
export function currentEnvVersion(): EnvVersion {
  try {
    const version = wx.getAccountInfoSync().miniProgram.envVersion;
    return version === 'develop' || version === 'trial' ? version : 'release';
  } catch {
    return 'release';
  }
}

export const config: ClientConfig = resolveConfig(DEPLOYMENT, currentEnvVersion());
