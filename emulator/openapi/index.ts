// The emulator's WeChat open API: answers wx-server-sdk's `wx.openApi` requests (a multipart body
// whose `requestData` is a protobuf CommApiData) with a protobuf CommOpenApiResp, as CloudBase does.
import { strikes, type Faults } from '../faults';
import { operations } from './operations';
import { decodeOpenApiRequest, encodeOpenApiResponse } from './protobuf';
import { defaultWords, OpenApiState, type PhoneNumber, type SecCheckWords } from './state';

export type { Delivery, DrawnCode, PhoneNumber, SecCheckWords } from './state';
export { normalizeWords, PHONE_CODE_TTL_MS } from './state';

export interface OpenApiOptions {
  faults: Faults;
  now: () => Date;
  /** The mini-program's appid (WX_APPID), named in a phone number's watermark. */
  appid?: string;
  /** TEMPLATE_IDS as the functions see it (`{ key: templateId }`), to name templates in the log. */
  templateIds?: Record<string, string>;
  words?: SecCheckWords;
  /** Delivers an event WeChat pushes to the function (an image check's answer); set once the functions run. */
  push?: { event: (event: Record<string, unknown>) => Promise<unknown> };
}

export const DEFAULT_APPID = 'wx-emulator-appid';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createOpenApi(options: OpenApiOptions) {
  const templateKeys = new Map(Object.entries(options.templateIds ?? {}).map(([key, id]) => [id, key]));
  const state = new OpenApiState(options.words ?? defaultWords(), templateKeys);

  /** Handles the form fields of one `wx.openApi` request; answers the response body. */
  async function handle(apiName: string, requestData: Buffer): Promise<Buffer> {
    const json = (body: unknown) => encodeOpenApiResponse({ respData: Buffer.from(JSON.stringify(body)), contentType: 'application/json' });
    if (options.faults.latencyMs > 0) await sleep(options.faults.latencyMs);
    if (strikes(options.faults.openapiErrorRate)) return json({ errcode: -1, errmsg: 'system error' });
    const operation = Object.hasOwn(operations, apiName) ? operations[apiName] : undefined;
    // The real API gateway answers an API the function has no permission for, or that does not exist, so.
    if (!operation) return json({ errcode: 48001, errmsg: `api unauthorized: ${apiName} is not emulated` });
    let params: Record<string, unknown>;
    try {
      params = Object.fromEntries([...decodeOpenApiRequest(requestData).params].map(([key, value]) => [key, parseParam(value)]));
    } catch {
      return json({ errcode: 40097, errmsg: 'invalid args' });
    }
    const answer = await operation({ state, now: options.now, appid: options.appid ?? DEFAULT_APPID, answerMediaCheck }, params);
    if ('json' in answer) return json(answer.json);
    return encodeOpenApiResponse({ respData: answer.image, contentType: answer.contentType });
  }

  /** Pushes WeChat's answer for one image check to the function, as a `wxa_media_check` event; answers what the function did. */
  async function answerMediaCheck(traceId: string, suggest: 'pass' | 'review' | 'risky'): Promise<unknown> {
    const check = state.mediaChecks.find((c) => c.traceId === traceId);
    if (!check) throw new Error(`no image check ${traceId}`);
    check.answer = suggest;
    if (!options.push) throw new Error('no function to push the answer to');
    const label = suggest === 'pass' ? 100 : 20002;
    return options.push.event({
      ToUserName: 'gh_emulator',
      FromUserName: check.openid,
      CreateTime: Math.floor(options.now().getTime() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: options.appid ?? DEFAULT_APPID,
      trace_id: traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
    });
  }

  return {
    handle,
    answerMediaCheck,
    mediaChecks: () => state.mediaChecks,
    setMediaAnswers: (mode: 'auto' | 'hold') => {
      state.mediaAnswers = mode;
    },
    deliveries: () => state.deliveries,
    codes: () => state.codes,
    credits: () => state.creditList(),
    grant: (openid: string, templateId: string, count: number) => state.grant(openid, templateId, count),
    words: () => state.words,
    setWords: (words: SecCheckWords) => {
      state.words = words;
    },
    templateIdFor: (key: string) => options.templateIds?.[key],
    /** What WeChat gives the page when `openid` taps 手机号快速验证 and shares `phone`. */
    issuePhoneCode: (openid: string, phone: PhoneNumber) => state.issuePhoneCode(openid, phone, options.now()),
  };
}

export type OpenApi = ReturnType<typeof createOpenApi>;

function parseParam(value: Buffer): unknown {
  const text = value.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
