// Typings the WeChat DevTools TypeScript template expects: the wx API (from miniprogram-api-typings)
// and the app instance's shape, so `getApp<IAppOption>()` is typed in every page.
/// <reference types="miniprogram-api-typings" />

interface IAppOption {
  // Empty on purpose: pages fetch what they show through services/, nothing is cached app-wide.
  globalData: Record<string, never>;
}
