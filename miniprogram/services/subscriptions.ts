import type { TemplateKey } from '../../typings/contract';
import { call } from './api';
import { config } from './config';
import { postToEmulator } from './transport';

// Subscribe messages (docs/architecture.md#notifications): ask at a natural moment, from a tap (WeChat refuses otherwise),
// then tell the server which templates were accepted: each acceptance is one credit for one send.

/** Call from a tap handler. Resolves with the accepted keys; never rejects (a refusal is normal). */
export async function requestSubscriptions(keys: TemplateKey[]): Promise<TemplateKey[]> {
  const wanted = keys.filter((key) => Boolean(config.templateIds[key]));
  if (wanted.length === 0) return [];
  let answer: Record<string, string>;
  try {
    answer = (await wx.requestSubscribeMessage({ tmplIds: wanted.map((key) => config.templateIds[key]!) })) as unknown as Record<
      string,
      string
    >;
  } catch {
    return [];
  }
  const accepted = wanted.filter((key) => answer[config.templateIds[key]!] === 'accept');
  if (accepted.length === 0) return [];
  try {
    // WeChat grants the credit itself when the person accepts; the emulator is told so, as WeChat would.
    if (config.mode === 'local') {
      for (const key of accepted) {
        await postToEmulator('/_emulator/subscriptions', {
          openid: config.localOpenid,
          templateKey: key,
          templateId: config.templateIds[key],
        });
      }
    }
    await call('subscriptions.record', { accepted });
  } catch {
    // A lost report costs one notification at most (it stays a to-do in the app), never the person's flow.
  }
  return accepted;
}

/** Keys already asked for in this run of the mini-program. */
const askedThisSession = new Set<TemplateKey>();

/**
 * For doors opened many times a day (a delegate's inbox): asks only for keys not yet asked since
 * the mini-program started, so the dialog does not greet every visit. Call from a tap handler.
 */
export async function requestSubscriptionsOnce(keys: TemplateKey[]): Promise<TemplateKey[]> {
  const fresh = keys.filter((key) => !askedThisSession.has(key));
  if (fresh.length === 0) return [];
  for (const key of fresh) askedThisSession.add(key);
  return requestSubscriptions(fresh);
}
