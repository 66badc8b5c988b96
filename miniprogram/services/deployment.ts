import type { TemplateKey } from '../../typings/contract';

// Which backend a build talks to, decided from the generated deployment (scripts/generate.mjs) and the
// version WeChat runs. Pure, so tests hold the rule without a phone: miniprogram/services/config.ts applies it.

export interface ClientConfig {
  /** 'cloud': wx.cloud.callFunction in a real CloudBase environment; 'local': the emulator's gateway. */
  mode: 'cloud' | 'local';
  /** CloudBase environment id, used in 'cloud' mode. */
  envId: string;
  /** The local emulator's gateway (`npm start`); DevTools needs "不校验合法域名" for it. */
  localGateway: string;
  /**
   * Who you are in 'local' mode: the emulator trusts this header as WeChat trusts its own openid.
   * Demo data: 'demo-resident', 'demo-delegate', 'staff-openid' (staff when ADMIN_OPENIDS names it).
   */
  localOpenid: string;
  /** Subscribe-message template ids by key; the same ids the function gets as TEMPLATE_IDS. */
  templateIds: Partial<Record<TemplateKey, string>>;
  /** The pause before a call whose answer was lost is retried (services/api.ts); page tests set 0. */
  retryPauseMs?: number;
  /** The committee as people call it: 湖塘街道人大工委, or 街道人大工委 when the street is not named. */
  committee: string;
}

/** The generated deployment, as scripts/generate.mjs writes it. */
export interface Deployment {
  envId: string;
  /** yizhengtong.config.json's streetName (湖塘街道); empty when not set. */
  streetName: string;
  templateIds: Partial<Record<TemplateKey, string>>;
  develop: { useEmulator: boolean; emulatorGateway: string; emulatorOpenid: string };
}

export type EnvVersion = 'develop' | 'trial' | 'release';

/**
 * The client's configuration for the running version. Only DevTools' develop version may reach the
 * local emulator, and only when the deployment says so (develop.useEmulator): a trial or release build
 * always calls its CloudBase environment, whatever the file said.
 */
export function resolveConfig(deployment: Deployment, envVersion: EnvVersion): ClientConfig {
  const local = envVersion === 'develop' && deployment.develop.useEmulator;
  return {
    mode: local ? 'local' : 'cloud',
    envId: deployment.envId,
    localGateway: deployment.develop.emulatorGateway,
    localOpenid: deployment.develop.emulatorOpenid,
    templateIds: { ...deployment.templateIds },
    committee: `${deployment.streetName}人大工委`.replace(/^人大工委$/, '街道人大工委'),
  };
}
