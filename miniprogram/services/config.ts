import type { TemplateKey } from '../../typings/contract';

// Where the mini-program sends its calls. Edit this file to switch environments (README: "用微信开发者工具打开").

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
  /** Subscribe-message template ids by key; the same ids as the function's TEMPLATE_IDS. */
  templateIds: Partial<Record<TemplateKey, string>>;
}

// Local by default: a project opened with the placeholder appid cannot reach a cloud environment.
export const config: ClientConfig = {
  mode: 'local',
  envId: '',
  localGateway: 'http://127.0.0.1:8787',
  localOpenid: 'demo-resident',
  templateIds: {},
};
