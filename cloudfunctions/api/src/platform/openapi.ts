import { cloud } from './cloud';

// Thin typed wrappers over the WeChat open APIs the function holds permissions for (config.json).
// Capabilities call these, never `cloud.openapi` directly, so the SDK's error shapes stay here.

export type SendResult = { ok: true } | { ok: false; errCode: number; errMsg: string };

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** The mini-program page opened from the notification, with its query. */
  page: string;
  /** Template fields by key (`thing1`, `phrase2`, `time3`, ...). */
  data: Record<string, string>;
}

/**
 * Sends one subscribe message. API failures (43101 no credit, 47003 bad field, -1 system error, ...)
 * come back as a value: the caller's outbox decides whether to retry, so nothing here throws for them.
 */
export async function sendSubscribeMessage(message: SubscribeMessage): Promise<SendResult> {
  const data = Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }]));
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: message.touser,
      templateId: message.templateId,
      page: message.page,
      data,
      miniprogramState: process.env.MINIPROGRAM_STATE || 'formal',
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, ...sdkError(error) };
  }
}

export type ContentVerdict = 'pass' | 'review' | 'risky';

/** msgSecCheck scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
export type SecCheckScene = 1 | 2 | 3 | 4;

/** security.msgSecCheck version 2; the verdict is `result.suggest`. Throws when the check itself fails. */
export async function checkText(input: { openid: string; content: string; scene: SecCheckScene }): Promise<ContentVerdict> {
  const answer = await cloud.openapi.security.msgSecCheck({
    openid: input.openid,
    scene: input.scene,
    version: 2,
    content: input.content,
  });
  const suggest = answer?.result?.suggest;
  if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return suggest;
  // An answer we do not understand is held for a person rather than waved through.
  return 'review';
}

/**
 * security.mediaCheckAsync version 2 for one image: WeChat fetches `url` and answers later, pushing a
 * `wxa_media_check` event with this trace id to the function. Throws when the request itself fails.
 */
export async function checkImageLater(input: { openid: string; url: string; scene: SecCheckScene }): Promise<string> {
  const answer = await cloud.openapi.security.mediaCheckAsync({
    mediaUrl: input.url,
    mediaType: 2,
    version: 2,
    openid: input.openid,
    scene: input.scene,
  });
  const traceId = answer?.traceId ?? answer?.trace_id;
  if (typeof traceId !== 'string' || !traceId) throw new Error('security.mediaCheckAsync answered without a trace id');
  return traceId;
}

/** Temporary download URLs of stored files, by file ID (one storage request for all); a missing file has none. */
export async function temporaryUrls(fileIds: string[]): Promise<Map<string, string>> {
  const { fileList } = await cloud.getTempFileURL({ fileList: fileIds });
  return new Map(
    (fileList as { fileID: string; tempFileURL?: string }[]).filter((f) => f.tempFileURL).map((f) => [f.fileID, f.tempFileURL!]),
  );
}

/** wxacode.getUnlimited: a mini-program code (PNG) that opens `page` with `scene` (at most 32 characters). */
export async function getUnlimitedCode(input: { scene: string; page: string }): Promise<Buffer> {
  const answer = await cloud.openapi.wxacode.getUnlimited({
    scene: input.scene,
    page: input.page,
    checkPath: false,
    envVersion: process.env.MINIPROGRAM_ENV_VERSION || 'release',
  });
  if (!Buffer.isBuffer(answer?.buffer)) throw new Error('wxacode.getUnlimited answered without an image');
  return answer.buffer;
}

/** The number 手机号快速验证 shares: its country code and the number without it. */
export interface SharedPhone {
  countryCode: string;
  purePhoneNumber: string;
}

export type PhoneNumberResult = { ok: true; phone: SharedPhone } | { ok: false; errCode: number; errMsg: string };

/**
 * phonenumber.getPhoneNumber: the number behind the code a `<button open-type="getPhoneNumber">` gave
 * the page. A code works once and for five minutes; a bad, used or expired one answers 40029.
 */
export async function getPhoneNumber(code: string): Promise<PhoneNumberResult> {
  try {
    const answer = await cloud.openapi.phonenumber.getPhoneNumber({ code });
    const info = answer?.phoneInfo;
    const purePhoneNumber = typeof info?.purePhoneNumber === 'string' ? info.purePhoneNumber : '';
    if (!purePhoneNumber) return { ok: false, errCode: -1, errMsg: 'phonenumber.getPhoneNumber answered without a number' };
    return { ok: true, phone: { countryCode: String(info.countryCode ?? '86'), purePhoneNumber } };
  } catch (error) {
    return { ok: false, ...sdkError(error) };
  }
}

function sdkError(error: unknown): { errCode: number; errMsg: string } {
  const { errCode, errMsg, message } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown; message?: unknown };
  return {
    errCode: typeof errCode === 'number' ? errCode : -1,
    errMsg: typeof errMsg === 'string' ? errMsg : typeof message === 'string' ? message : String(error),
  };
}
