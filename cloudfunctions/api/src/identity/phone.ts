import { AppError } from '../app/errors';
import { getPhoneNumber } from '../platform/openapi';
import { keyedHash, secret } from '../platform/secrets';
import { maskedPhone, normalisedPhone, type PhoneParts } from './rules';

// Phone verification (手机号快速验证), offered to the other capabilities: a code from
// `<button open-type="getPhoneNumber">` becomes a keyed hash of the number and its masked form. The
// number itself is never stored or logged. The same hash is the voter key of phone-verified campaigns
// and what an eligibility roster holds, so both are computed here and only here.

export interface PhoneIdentity {
  /** keyedHash('VOTER_KEY_SECRET', 'phone', +8613812341234): without the secret nobody can test a number against it. */
  phoneHash: string;
  /** 138****1234 */
  maskedPhone: string;
}

/** The keyed hash of a number: the same for every account that verifies it and for a roster that lists it. */
export function phoneHashOf(phone: PhoneParts): string {
  return keyedHash('VOTER_KEY_SECRET', 'phone', normalisedPhone(phone));
}

/**
 * Turns a getPhoneNumber code into the person's phone identity by asking WeChat (the code works once,
 * for five minutes). A bad, used or expired code is the person's to redo: INVALID_ARGUMENT on `field`.
 */
export async function phoneIdentityOf(code: string, field = 'code'): Promise<PhoneIdentity> {
  // Without the secret nothing can be stored: fail before spending the person's one-time code.
  secret('VOTER_KEY_SECRET');
  const answer = await getPhoneNumber(code);
  if (!answer.ok) {
    if (answer.errCode === 40029) throw new AppError('INVALID_ARGUMENT', '手机号验证已失效，请重新点击“验证手机号”', field);
    console.error(`[api] phonenumber.getPhoneNumber failed: ${answer.errCode} ${answer.errMsg}`);
    throw new AppError('INTERNAL', '微信暂时无法验证手机号，请稍后再试');
  }
  return { phoneHash: phoneHashOf(answer.phone), maskedPhone: maskedPhone(answer.phone) };
}
