// How every wx API settles: the success/fail/complete callbacks when any is given, else a promise,
// as the real API does. Shared by the browser preview's wx and the page tests' (tests/support/miniprogram.ts).

export type Callbacks = { success?: (res: any) => void; fail?: (err: { errMsg: string }) => void; complete?: (res: any) => void };

/** Settles a wx-style call: callbacks when given, else the promise (as the real API does). */
export function answer<T>(pending: Promise<T>, options: Callbacks = {}, name = 'wx'): Promise<T> | undefined {
  const settled = pending.then(
    (res) => {
      options.success?.(res);
      options.complete?.(res);
      return res;
    },
    (err) => {
      const failure = { errMsg: err?.errMsg ?? `${name}:fail ${String(err?.message ?? err)}` };
      options.fail?.(failure);
      options.complete?.(failure);
      throw failure;
    },
  );
  if (options.success || options.fail || options.complete) {
    settled.catch(() => {});
    return undefined;
  }
  return settled;
}
