// The function's notion of "now". The emulator can move time forward for tests of deadlines
// (binding code expiry, service levels, campaign windows) by setting EMULATOR_NOW_OFFSET_MS per
// invocation; production never sets it.
export function now(): Date {
  const offset = Number(process.env.EMULATOR_NOW_OFFSET_MS ?? 0);
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0));
}
