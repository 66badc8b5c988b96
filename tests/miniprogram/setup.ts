// Runs before every mini-program test file: the globals WeChat provides and simulate does not.
import { routeWx } from '../support/miniprogram';

const globals = globalThis as unknown as {
  wx: Record<string, unknown>;
  getApp: () => unknown;
  getCurrentPages: () => unknown[];
};

// Loading the helper loaded miniprogram-simulate, which installed its `wx`; route what leaves the page.
routeWx(globals.wx);
globals.getApp = () => ({ globalData: {} });
globals.getCurrentPages = () => [];
