/// <reference path="./qrcode.d.ts" />
// The open APIs the project uses, keyed by the names wx-server-sdk sends (`apiName` of `wx.openApi`).
// Each takes the decoded parameters (snake_case, as the SDK converts them) and answers what the
// real API answers: JSON with `errcode`/`errmsg`, or an image.
import QRCode from 'qrcode';
import type { OpenApiState } from './state';

export type OpenApiAnswer = { json: Record<string, unknown> } | { image: Buffer; contentType: string };

export interface OpenApiContext {
  state: OpenApiState;
  /** Answers an image check as WeChat does: an event pushed to the function (security.mediaCheckAsync). */
  answerMediaCheck: (traceId: string, suggest: 'pass' | 'review' | 'risky') => Promise<unknown>;
  now: () => Date;
  /** The mini-program's appid, as the watermark of a phone number names it. */
  appid: string;
}

type Operation = (context: OpenApiContext, params: Record<string, unknown>) => OpenApiAnswer | Promise<OpenApiAnswer>;

const rid = () => `rid: ${Math.random().toString(16).slice(2, 10)}-${Date.now().toString(16)}`;
const wxError = (errcode: number, errmsg: string): OpenApiAnswer => ({ json: { errcode, errmsg: `${errmsg} ${rid()}` } });

/** Most characters a template field of each type takes (WeChat's subscribe-message rules). */
const FIELD_LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  amount: 32,
  car_number: 8,
  phone_number: 17,
  time: 64,
  date: 64,
};

const sendSubscribeMessage: Operation = ({ state, now }, params) => {
  const recipient = typeof params.touser === 'string' ? params.touser : '';
  const templateId = typeof params.template_id === 'string' ? params.template_id : '';
  const data = (typeof params.data === 'object' && params.data !== null ? params.data : {}) as Record<string, { value: unknown }>;
  const page = typeof params.page === 'string' ? params.page : null;
  const answer = ((): { errcode: number; errmsg: string } => {
    if (!recipient) return { errcode: 40003, errmsg: 'invalid openid' };
    if (!templateId) return { errcode: 40037, errmsg: 'invalid template_id' };
    for (const [key, field] of Object.entries(data)) {
      const type = key.replace(/\d+$/, '');
      const value = field?.value;
      const limit = FIELD_LIMITS[type];
      if (typeof value !== 'string' || value.length === 0)
        return { errcode: 47003, errmsg: `argument invalid! data.${key}.value is empty` };
      if (limit !== undefined && Array.from(value).length > limit) {
        return { errcode: 47003, errmsg: `argument invalid! data.${key}.value exceeds ${limit} characters` };
      }
    }
    if (!state.consume(recipient, templateId)) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    return { errcode: 0, errmsg: 'ok' };
  })();
  state.record({
    recipient,
    templateId,
    data,
    page,
    time: now().toISOString(),
    result: { errCode: answer.errcode, errMsg: answer.errmsg },
  });
  return answer.errcode === 0 ? { json: answer } : wxError(answer.errcode, answer.errmsg);
};

const msgSecCheck: Operation = ({ state }, params) => {
  const content = typeof params.content === 'string' ? params.content : '';
  if (!content) return wxError(40003, 'invalid content');
  const lower = content.toLowerCase();
  const hit = (level: 'risky' | 'review') => state.words[level].find(({ word }) => lower.includes(word.toLowerCase()));
  const risky = hit('risky');
  const review = risky ? undefined : hit('review');
  if (params.version !== 2) {
    // Version 1 only refuses: 87014 for anything not clean.
    return risky ? wxError(87014, 'risky content') : { json: { errcode: 0, errmsg: 'ok' } };
  }
  if (typeof params.openid !== 'string' || !params.openid) return wxError(40003, 'invalid openid');
  const found = risky ?? review;
  const suggest = risky ? 'risky' : review ? 'review' : 'pass';
  const label = found?.label ?? 100;
  return {
    json: {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: found ? 90 : 0, ...(found ? { keyword: found.word } : {}) }],
      trace_id: Math.random().toString(16).slice(2),
    },
  };
};

/** security.mediaCheckAsync (version 2): a trace id now, the verdict later as a `wxa_media_check` push. */
const mediaCheckAsync: Operation = ({ state, now, answerMediaCheck }, params) => {
  const mediaUrl = typeof params.media_url === 'string' ? params.media_url : '';
  if (!/^https?:\/\//.test(mediaUrl)) return wxError(40003, 'invalid media_url');
  if (params.media_type !== 1 && params.media_type !== 2) return wxError(40003, 'invalid media_type');
  if (params.version !== 2) return wxError(40003, 'invalid version');
  if (typeof params.openid !== 'string' || !params.openid) return wxError(40003, 'invalid openid');
  const traceId = `${Date.now().toString(16)}-${Math.random().toString(16).slice(2, 14)}`;
  state.mediaChecks.push({ traceId, mediaUrl, openid: params.openid, scene: Number(params.scene ?? 0), time: now().toISOString() });
  // WeChat answers seconds later; the emulator a moment after the function has its trace id.
  if (state.mediaAnswers === 'auto') setTimeout(() => void answerMediaCheck(traceId, 'pass').catch(() => undefined), 200);
  return { json: { errcode: 0, errmsg: 'ok', trace_id: traceId } };
};

const getUnlimited: Operation = async ({ state, now }, params) => {
  const scene = typeof params.scene === 'string' ? params.scene : '';
  // WeChat: at most 32 visible characters from a limited set.
  if (!scene || scene.length > 32 || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/.test(scene))
    return wxError(40169, 'invalid length for scene, or the data is not json string');
  const page = typeof params.page === 'string' ? params.page : null;
  state.codes.push({ scene, page, time: now().toISOString() });
  // Whole pixels per module (about 280 px wide, WeChat's smallest code): a fractional module size blurs module
  // edges, and scanners then misjudge the code's version now and then.
  const margin = 2;
  const modules = QRCode.create(scene, { errorCorrectionLevel: 'M' }).modules.size;
  const scale = Math.max(1, Math.floor(280 / (modules + 2 * margin)));
  const image = await QRCode.toBuffer(scene, { type: 'png', errorCorrectionLevel: 'M', margin, scale });
  return { image, contentType: 'image/png' };
};

/** phonenumber.getPhoneNumber (手机号快速验证): a code from the page's button → the number, once. */
const getPhoneNumber: Operation = ({ state, now, appid }, params) => {
  const code = typeof params.code === 'string' ? params.code : '';
  const phone = code ? state.redeemPhoneCode(code, now()) : undefined;
  if (!phone) return wxError(40029, 'invalid code');
  const { countryCode, purePhoneNumber } = phone;
  return {
    json: {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        // Numbers outside the mainland carry their country code.
        phoneNumber: countryCode === '86' ? purePhoneNumber : `+${countryCode} ${purePhoneNumber}`,
        purePhoneNumber,
        countryCode,
        watermark: { timestamp: Math.floor(now().getTime() / 1000), appid },
      },
    },
  };
};

export const operations: Record<string, Operation> = {
  'subscribeMessage.send': sendSubscribeMessage,
  'security.msgSecCheck': msgSecCheck,
  'security.mediaCheckAsync': mediaCheckAsync,
  'wxacode.getUnlimited': getUnlimited,
  'phonenumber.getPhoneNumber': getPhoneNumber,
};
