// Set-up calls for the voting page tests. jsdom has no fetch, so the emulator helper's `call` does
// not work here; these go the way a page's calls go (services/transport → wx.cloud → the gateway).
// (Not a test file itself.)
import type { TestEmulator } from '../support/emulator';
import { connect, issuePhoneCode, MINIPROGRAM_ROOT, type RenderedPage } from '../support/miniprogram';

/** The emulator helper with a `call` (and `verifyPhone`) that work under jsdom (same answers: `{ ok, data | error }`). */
export function gatewayCaller(emulator: TestEmulator): TestEmulator {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { config } = require(`${MINIPROGRAM_ROOT}/services/config`);
  const { send } = require(`${MINIPROGRAM_ROOT}/services/transport`);
  /* eslint-enable @typescript-eslint/no-require-imports */
  const call = async (openid: string, action: string, payload?: unknown) => {
    connect(emulator, openid);
    config.mode = 'cloud';
    return send(action, payload ?? {});
  };
  /** Shares and verifies a number as `openid` would on their own phone (me.verifyPhone). */
  const verifyPhone = async (openid: string, phoneNumber: string) => {
    const answer = await call(openid, 'me.verifyPhone', { code: await issuePhoneCode(emulator, openid, phoneNumber) });
    if (!answer.ok) throw new Error(`me.verifyPhone failed for ${openid}: ${JSON.stringify(answer.error)}`);
    return answer.data.maskedPhone as string;
  };
  return Object.assign(Object.create(emulator), { call, verifyPhone });
}

/**
 * Fills 票选管理's new-campaign form as staff do: the title typed, each time picked in the calendar
 * (the cell opens TDesign's date-time picker, which answers the chosen minute), projects one per line.
 */
export async function fillCampaignForm(
  view: RenderedPage,
  form: { title?: string; opensAt?: string; closesAt?: string; projects?: string },
): Promise<void> {
  if (form.title !== undefined) await view.fire('.campaign-form >>> .campaigns__input--title', 'change', { value: form.title });
  for (const [cell, value] of [
    ['opens', form.opensAt],
    ['closes', form.closesAt],
  ] as const) {
    if (value === undefined) continue;
    await view.tap(`.campaign-form >>> .campaigns__${cell}`);
    const picker = view.page.querySelector('.campaign-form >>> .campaigns__picker');
    if (!(picker?.data as { visible?: boolean } | undefined)?.visible) throw new Error(`the ${cell} cell did not open the picker`);
    await view.emit('.campaign-form >>> .campaigns__picker', 'confirm', { value });
  }
  if (form.projects !== undefined) await view.fire('.campaign-form >>> .campaigns__textarea--projects', 'change', { value: form.projects });
}
