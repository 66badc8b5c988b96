import type { ApiResult } from '../../typings/contract';
import { config } from './config';

// The two ways a call reaches the `api` function. Both resolve with the function's answer
// ({ ok, data } / { ok: false, error }) and reject only when the answer never arrived.

export class TransportError extends Error {}

export function send(action: string, payload: unknown): Promise<ApiResult<unknown>> {
  return config.mode === 'cloud' ? viaCloud(action, payload) : viaGateway(action, payload);
}

function viaCloud(action: string, payload: unknown): Promise<ApiResult<unknown>> {
  return new Promise((resolve, reject) => {
    wx.cloud.callFunction({
      name: 'api',
      data: { action, payload },
      success: (res) => (isApiResult(res.result) ? resolve(res.result) : reject(new TransportError('unexpected answer'))),
      fail: (err) => reject(new TransportError(err.errMsg)),
    });
  });
}

function viaGateway(action: string, payload: unknown): Promise<ApiResult<unknown>> {
  return postToEmulator('/functions/api', { action, payload }).then((body) => {
    if (isApiResult(body)) return body;
    throw new TransportError('unexpected answer');
  });
}

/** POSTs JSON to the local emulator as the configured openid; resolves with the parsed body. */
export function postToEmulator(path: string, body: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.localGateway}${path}`,
      method: 'POST',
      data: body as WechatMiniprogram.IAnyObject,
      header: { 'content-type': 'application/json', 'x-wx-openid': config.localOpenid },
      success: (res) => {
        const data = typeof res.data === 'string' ? parseJson(res.data) : res.data;
        // A function's answer comes back even with a 4xx/5xx status; anything else is a broken link.
        if (res.statusCode < 500 || isApiResult(data)) resolve(data);
        else reject(new TransportError(`HTTP ${res.statusCode}`));
      },
      fail: (err) => reject(new TransportError(err.errMsg)),
    });
  });
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
