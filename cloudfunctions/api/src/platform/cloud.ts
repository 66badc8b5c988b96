import cloud from 'wx-server-sdk';

// The one place that initialises wx-server-sdk. In production it reaches CloudBase; locally the
// emulator, through the SDK's own TCB_CONTEXT_CNFG setting, so this code never knows the difference.
// throwOnNotFound: false makes doc().get() of a missing document answer { data: null } instead of
// throwing a bare string, so absence reads as absence and every real failure still throws.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, throwOnNotFound: false });

export { cloud };

/** Who is calling, as the platform says: never taken from the request. */
export function platformCaller(): { openid: string; appid: string } {
  const context = cloud.getWXContext();
  return { openid: context.OPENID ?? '', appid: context.APPID ?? '' };
}
