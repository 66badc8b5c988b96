import { call } from './api';
import { showError, showHint, showSuccess } from './feedback';

// 手机号快速验证: a `<button open-type="getPhoneNumber" bind:getphonenumber>` hands the page a one-time
// code when the person allows it; the server turns it into a keyed hash and a masked number
// (me.verifyPhone). Declining is a choice, not an error: the person is told kindly and may come back.

/** What the getphonenumber event carries: a code when allowed; otherwise only errMsg (and errno). */
export interface PhoneNumberDetail {
  code?: string;
  errMsg?: string;
  errno?: number;
}

export const PHONE_DECLINED_HINT = '未验证手机号。需要参与投票时，可随时再来验证';
export const PHONE_UNAVAILABLE_HINT = '暂时无法获取手机号，请稍后再试';

/**
 * Verifies the number the person just shared. Resolves with the masked number (138****1234), or null
 * when they declined or it failed (the person has been told which).
 */
export async function verifySharedPhone(detail: PhoneNumberDetail | undefined): Promise<string | null> {
  if (!detail?.code) {
    // "getPhoneNumber:fail user deny" / "...:fail cancel" is the person's choice; anything else is WeChat's.
    showHint(/deny|cancel/.test(detail?.errMsg ?? '') ? PHONE_DECLINED_HINT : PHONE_UNAVAILABLE_HINT);
    return null;
  }
  try {
    const { maskedPhone } = await call('me.verifyPhone', { code: detail.code });
    showSuccess('手机号已验证');
    return maskedPhone;
  } catch (error) {
    showError(error);
    return null;
  }
}
