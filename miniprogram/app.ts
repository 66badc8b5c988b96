import { config } from './services/config';

// The app instance holds nothing: data lives in the pages that show it, fetched through services/.
App<IAppOption>({
  globalData: {},
  onLaunch() {
    if (config.mode === 'cloud') {
      wx.cloud.init({ env: config.envId, traceUser: true });
    }
  },
});
