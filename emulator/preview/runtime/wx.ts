// `wx` in the browser: calls go to the emulator that serves the preview, routed as in the page tests
// (tests/support/miniprogram.ts): wx.cloud.callFunction and wx.request become POSTs to the gateway
// with the person's openid in `x-wx-openid`; uploads land in the emulator's storage. Navigation
// drives the page stack; toasts, modals and sheets are drawn in the phone; what a browser cannot do
// (scan, subscribe prompt, phone number, calling) asks the person in an in-frame dialog.
import SelectorQuery from 'j-component/src/tool/selectorquery';
import { answer, type Callbacks } from './callbacks';
import * as frame from './frame';
import * as router from './router';

type Options = Callbacks & Record<string, any>;

export const session = { openid: 'demo-resident', inFlight: 0 };
const storagePrefix = () => `yzt-preview:${session.openid}:`;

async function post(pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  let response: Response;
  session.inFlight += 1;
  try {
    response = await fetch(pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, 'x-wx-openid': session.openid },
      body: JSON.stringify(body ?? {}),
    });
  } catch (error) {
    session.inFlight -= 1;
    throw { errMsg: `request:fail ${(error as Error).message}` };
  }
  const text = await response.text().finally(() => (session.inFlight -= 1));
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: handed over as text, as wx.request does
  }
  return { status: response.status, body: parsed };
}

/** Files the person picked: blob: URLs stand in for WeChat's temp file paths. */
async function upload(cloudPath: string, filePath: string): Promise<{ fileID: string }> {
  const blob = await (await fetch(filePath)).blob();
  const form = new FormData();
  form.append('cloudPath', cloudPath);
  form.append('file', blob, cloudPath.split('/').pop() || 'file');
  const response = await fetch('/_emulator/storage/upload', { method: 'POST', body: form });
  const body = (await response.json().catch(() => ({}))) as { fileID?: string };
  if (!response.ok || !body.fileID) throw { errMsg: `uploadFile:fail ${JSON.stringify(body)}` };
  return { fileID: body.fileID };
}

/** Where an image source is served from in the preview. */
export function resolveSource(src: string): string {
  if (!src) return '';
  const cloud = /^cloud:\/\/[^/]+\/(.*)$/.exec(src);
  if (cloud) return `/_emulator/storage/${cloud[1].split('/').map(encodeURIComponent).join('/')}`;
  if (/^(https?:|data:|blob:)/.test(src)) return src;
  return `mp/${src.replace(/^\/+/, '')}`;
}

function pickFiles(count: number): Promise<File[]> {
  return new Promise((resolve) => {
    const input = frame.element('input', { type: 'file', accept: 'image/*', multiple: count > 1 });
    void frame
      .ask(
        '选择图片',
        ['预览中从电脑选择文件，代替手机相册和相机。', input],
        [
          { text: '取消', value: false },
          { text: '使用所选图片', value: true, primary: true },
        ],
        'capability',
      )
      .then((ok) => resolve(ok ? [...(input.files ?? [])].slice(0, count) : []));
  });
}

const systemInfo = () => {
  const width = document.documentElement.clientWidth;
  const height = window.innerHeight;
  return {
    brand: 'browser',
    model: '浏览器预览',
    pixelRatio: window.devicePixelRatio || 2,
    screenWidth: width,
    screenHeight: height,
    windowWidth: width,
    windowHeight: height,
    statusBarHeight: 20,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'Browser',
    platform: 'devtools',
    fontSizeSetting: document.documentElement.classList.contains('yzt-large-text') ? 20 : 16,
    SDKVersion: '3.6.0',
    safeArea: { left: 0, right: width, top: 20, bottom: height, width, height: height - 20 },
    theme: 'light',
  };
};

const fileSystem = new Map<string, Blob>();

export function createWx(): Record<string, unknown> {
  const wx: Record<string, any> = {
    env: { USER_DATA_PATH: 'wxfile://usr' },
    cloud: {
      init() {},
      callFunction(options: Options & { name: string; data: unknown }) {
        const pending = post(`/functions/${options.name}`, options.data).then(({ body }) => ({
          result: body,
          errMsg: 'cloud.callFunction:ok',
        }));
        return answer(pending, options, 'cloud.callFunction');
      },
      uploadFile(options: Options & { cloudPath: string; filePath: string }) {
        const pending = upload(options.cloudPath, options.filePath).then(({ fileID }) => ({
          fileID,
          statusCode: 200,
          errMsg: 'cloud.uploadFile:ok',
        }));
        return answer(pending, options, 'cloud.uploadFile');
      },
      getTempFileURL(options: Options & { fileList: string[] }) {
        const fileList = options.fileList.map((fileID) => ({ fileID, tempFileURL: resolveSource(fileID), status: 0 }));
        return answer(Promise.resolve({ fileList, errMsg: 'cloud.getTempFileURL:ok' }), options);
      },
    },
    request(options: Options & { url: string; data?: unknown; header?: Record<string, string> }) {
      const target = new URL(options.url, location.href);
      const pending = post(target.pathname + target.search, options.data, options.header ?? {}).then(({ status, body }) => ({
        statusCode: status,
        data: body,
        header: {},
        errMsg: 'request:ok',
      }));
      answer(pending, options, 'request');
      return { abort() {} };
    },
    uploadFile(options: Options & { url: string; filePath: string; formData?: { cloudPath?: string } }) {
      const pending = upload(options.formData?.cloudPath ?? '', options.filePath).then((body) => ({
        statusCode: 200,
        data: JSON.stringify(body),
        errMsg: 'uploadFile:ok',
      }));
      answer(pending, options, 'uploadFile');
      return { abort() {} };
    },
    chooseMedia(options: Options & { count?: number }) {
      const pending = pickFiles(options.count ?? 9).then((files) => {
        if (!files.length) throw { errMsg: 'chooseMedia:fail cancel' };
        return {
          type: 'image',
          tempFiles: files.map((file) => ({ tempFilePath: URL.createObjectURL(file), size: file.size, fileType: 'image' })),
          errMsg: 'chooseMedia:ok',
        };
      });
      return answer(pending, options, 'chooseMedia');
    },
    chooseImage(options: Options & { count?: number }) {
      const pending = pickFiles(options.count ?? 9).then((files) => {
        if (!files.length) throw { errMsg: 'chooseImage:fail cancel' };
        const tempFilePaths = files.map((file) => URL.createObjectURL(file));
        return {
          tempFilePaths,
          tempFiles: files.map((file, i) => ({ path: tempFilePaths[i], size: file.size })),
          errMsg: 'chooseImage:ok',
        };
      });
      return answer(pending, options, 'chooseImage');
    },
    navigateTo: (options: Options & { url: string }) => answer(router.navigateTo(options.url), options, 'navigateTo'),
    redirectTo: (options: Options & { url: string }) => answer(router.redirectTo(options.url), options, 'redirectTo'),
    switchTab: (options: Options & { url: string }) => answer(router.switchTab(options.url), options, 'switchTab'),
    reLaunch: (options: Options & { url: string }) => answer(router.reLaunch(options.url), options, 'reLaunch'),
    navigateBack: (options: Options & { delta?: number } = {}) => answer(router.navigateBack(options.delta ?? 1), options, 'navigateBack'),
    showToast(options: Options & { title: string; icon?: string; duration?: number }) {
      frame.showToast(options.title, options.icon ?? 'success', options.duration ?? 1500);
      return answer(Promise.resolve({ errMsg: 'showToast:ok' }), options);
    },
    hideToast: (options: Options = {}) => (frame.hideToast(), answer(Promise.resolve({ errMsg: 'hideToast:ok' }), options)),
    showLoading(options: Options & { title?: string }) {
      frame.showToast(options.title ?? '加载中', 'loading', 0);
      return answer(Promise.resolve({ errMsg: 'showLoading:ok' }), options);
    },
    hideLoading: (options: Options = {}) => (frame.hideToast(), answer(Promise.resolve({ errMsg: 'hideLoading:ok' }), options)),
    showModal(options: Options & { title?: string; content?: string; showCancel?: boolean; confirmText?: string; cancelText?: string }) {
      const actions = [
        ...(options.showCancel === false ? [] : [{ text: options.cancelText ?? '取消', value: false }]),
        { text: options.confirmText ?? '确定', value: true, primary: true },
      ];
      const pending = frame
        .ask(options.title ?? '', options.content ? [options.content] : [], actions)
        .then((confirm) => ({ confirm, cancel: !confirm, errMsg: 'showModal:ok' }));
      return answer(pending, options);
    },
    showActionSheet(options: Options & { itemList: string[]; alertText?: string }) {
      const pending = frame.sheet(options.itemList, { title: options.alertText }).then((tapIndex) => {
        if (tapIndex < 0) throw { errMsg: 'showActionSheet:fail cancel' };
        return { tapIndex, errMsg: 'showActionSheet:ok' };
      });
      return answer(pending, options);
    },
    setNavigationBarTitle(options: Options & { title: string }) {
      frame.setTitle(options.title);
      return answer(Promise.resolve({ errMsg: 'setNavigationBarTitle:ok' }), options);
    },
    setNavigationBarColor(options: Options & { backgroundColor: string; frontColor: string }) {
      frame.setNavigationColors(options.backgroundColor, options.frontColor === '#ffffff' ? 'white' : 'black');
      return answer(Promise.resolve({ errMsg: 'setNavigationBarColor:ok' }), options);
    },
    startPullDownRefresh: (options: Options = {}) => {
      void router.callCurrent('onPullDownRefresh');
      return answer(Promise.resolve({ errMsg: 'startPullDownRefresh:ok' }), options);
    },
    stopPullDownRefresh: (options: Options = {}) => answer(Promise.resolve({ errMsg: 'stopPullDownRefresh:ok' }), options),
    pageScrollTo(options: Options & { scrollTop?: number; duration?: number }) {
      window.scrollTo({ top: options.scrollTop ?? 0, behavior: options.duration === 0 ? 'auto' : 'smooth' });
      return answer(Promise.resolve({ errMsg: 'pageScrollTo:ok' }), options);
    },
    requestSubscribeMessage(options: Options & { tmplIds: string[] }) {
      const ids = (options.tmplIds ?? []).filter(Boolean);
      const boxes = ids.map((id) => frame.field(id, { type: 'checkbox', checked: true }));
      const pending = frame
        .ask(
          '订阅消息',
          ['小程序想给你发送以下通知（预览中选择结果；允许的每个模板在模拟器里记一次发送额度）。', ...boxes.map((box) => box.node)],
          [
            { text: '取消', value: false },
            { text: '允许', value: true, primary: true },
          ],
          'capability',
        )
        .then(async (allowed) => {
          const result: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
          for (const [index, id] of ids.entries()) {
            const accept = allowed && boxes[index].input.checked;
            result[id] = accept ? 'accept' : 'reject';
            if (accept) await post('/_emulator/subscriptions', { openid: session.openid, templateId: id }).catch(() => undefined);
          }
          return result;
        });
      return answer(pending, options);
    },
    scanCode(options: Options) {
      const scanned = frame.field('扫码结果（代表码、站点码的内容或小程序路径）', { type: 'text' });
      const pending = frame
        .ask(
          '扫一扫',
          ['浏览器不能打开相机：输入扫到的内容。', scanned.node],
          [
            { text: '取消', value: false },
            { text: '确定', value: true, primary: true },
          ],
          'capability',
        )
        .then((ok) => {
          if (!ok) throw { errMsg: 'scanCode:fail cancel' };
          const value = scanned.input.value.trim();
          const isPath = /^\/?(pages|packages)\//.test(value);
          return {
            result: value,
            scanType: isPath ? 'WX_CODE' : 'QR_CODE',
            charSet: 'utf-8',
            path: isPath ? value : undefined,
            errMsg: 'scanCode:ok',
          };
        });
      return answer(pending, options);
    },
    makePhoneCall(options: Options & { phoneNumber: string }) {
      const pending = frame
        .ask(
          '拨打电话',
          [`呼叫 ${options.phoneNumber}？（预览不会真的拨号）`],
          [
            { text: '取消', value: false },
            { text: '呼叫', value: true, primary: true },
          ],
          'capability',
        )
        .then((ok) => {
          if (!ok) throw { errMsg: 'makePhoneCall:fail cancel' };
          return { errMsg: 'makePhoneCall:ok' };
        });
      return answer(pending, options);
    },
    setClipboardData(options: Options & { data: string }) {
      void navigator.clipboard?.writeText(String(options.data)).catch(() => undefined);
      frame.showToast('内容已复制', 'success', 1500);
      return answer(Promise.resolve({ errMsg: 'setClipboardData:ok' }), options);
    },
    getClipboardData: (options: Options = {}) => answer(Promise.resolve({ data: '', errMsg: 'getClipboardData:ok' }), options),
    previewImage(options: Options & { urls: string[]; current?: string }) {
      const image = frame.element('img', {
        src: resolveSource(options.current ?? options.urls[0]),
        alt: '图片预览',
        className: 'yzt-preview-image',
      });
      void frame.ask('', [image], [{ text: '关闭', value: true, primary: true }]);
      return answer(Promise.resolve({ errMsg: 'previewImage:ok' }), options);
    },
    saveImageToPhotosAlbum(options: Options & { filePath: string }) {
      const blob = fileSystem.get(options.filePath);
      const link = frame.element('a', {
        href: blob ? URL.createObjectURL(blob) : resolveSource(options.filePath),
        download: options.filePath.split('/').pop() ?? 'image.png',
      });
      link.click();
      return answer(Promise.resolve({ errMsg: 'saveImageToPhotosAlbum:ok' }), options);
    },
    shareFileMessage(options: Options & { filePath: string; fileName?: string }) {
      const blob = fileSystem.get(options.filePath);
      const link = frame.element('a', {
        href: blob ? URL.createObjectURL(blob) : resolveSource(options.filePath),
        download: options.fileName ?? 'file',
      });
      link.click();
      return answer(Promise.resolve({ errMsg: 'shareFileMessage:ok' }), options);
    },
    getFileSystemManager() {
      return {
        writeFile(options: Options & { filePath: string; data: string | ArrayBuffer; encoding?: string }) {
          fileSystem.set(options.filePath, new Blob([options.data]));
          answer(Promise.resolve({ errMsg: 'writeFile:ok' }), options);
        },
        readFile(options: Options & { filePath: string }) {
          const blob = fileSystem.get(options.filePath);
          answer(
            blob
              ? blob.arrayBuffer().then((data) => ({ data, errMsg: 'readFile:ok' }))
              : Promise.reject({ errMsg: 'readFile:fail no such file' }),
            options,
          );
        },
      };
    },
    base64ToArrayBuffer(base64: string) {
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes.buffer;
    },
    arrayBufferToBase64(buffer: ArrayBuffer) {
      return btoa(String.fromCharCode(...new Uint8Array(buffer)));
    },
    setStorageSync(key: string, value: unknown) {
      localStorage.setItem(storagePrefix() + key, JSON.stringify(value));
    },
    getStorageSync(key: string) {
      const stored = localStorage.getItem(storagePrefix() + key);
      return stored === null ? '' : JSON.parse(stored);
    },
    removeStorageSync(key: string) {
      localStorage.removeItem(storagePrefix() + key);
    },
    clearStorageSync() {
      for (const key of Object.keys(localStorage)) if (key.startsWith(storagePrefix())) localStorage.removeItem(key);
    },
    login: (options: Options = {}) => answer(Promise.resolve({ code: `preview-${session.openid}`, errMsg: 'login:ok' }), options),
    getSetting: (options: Options = {}) =>
      answer(Promise.resolve({ authSetting: {}, subscriptionsSetting: { mainSwitch: true }, errMsg: 'getSetting:ok' }), options),
    getSystemInfoSync: systemInfo,
    getSystemInfo: (options: Options = {}) => answer(Promise.resolve({ ...systemInfo(), errMsg: 'getSystemInfo:ok' }), options),
    getWindowInfo: systemInfo,
    getDeviceInfo: systemInfo,
    getAppBaseInfo: systemInfo,
    getSystemSetting: () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'preview', envVersion: 'develop', version: '' } }),
    getLaunchOptionsSync: () => ({ path: router.currentPage()?.key ?? '', query: router.currentPage()?.query ?? {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: router.currentPage()?.key ?? '', query: router.currentPage()?.query ?? {}, scene: 1001 }),
    getMenuButtonBoundingClientRect: () => {
      const rect = document.getElementById('yzt-capsule')?.getBoundingClientRect();
      return rect
        ? { width: rect.width, height: rect.height, top: rect.top, right: rect.right, bottom: rect.bottom, left: rect.left }
        : { width: 87, height: 32, top: 26, right: 368, bottom: 58, left: 281 };
    },
    canIUse: () => true,
    nextTick: (callback: () => void) => Promise.resolve().then(callback),
    createSelectorQuery: () => new SelectorQuery(),
    // TDesign builds animations (notice bar, popups) as chains ending in export(); the preview shows
    // the end state without moving anything, so every step is kept as nothing.
    createAnimation: () => {
      const animation: Record<string, unknown> = new Proxy(
        {},
        { get: (_target, name) => (name === 'export' ? () => ({ actions: [] }) : () => animation) },
      );
      return animation;
    },
    createIntersectionObserver: () => ({
      relativeTo: () => ({ observe() {} }),
      relativeToViewport: () => ({ observe() {} }),
      observe() {},
      disconnect() {},
    }),
    vibrateShort: (options: Options = {}) => answer(Promise.resolve({ errMsg: 'vibrateShort:ok' }), options),
    showShareMenu: (options: Options = {}) => answer(Promise.resolve({ errMsg: 'showShareMenu:ok' }), options),
    hideShareMenu: (options: Options = {}) => answer(Promise.resolve({ errMsg: 'hideShareMenu:ok' }), options),
    hideHomeButton: (options: Options = {}) => answer(Promise.resolve({ errMsg: 'hideHomeButton:ok' }), options),
    reportEvent() {},
    reportAnalytics() {},
    getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} }),
    getRealtimeLogManager: () => ({ info() {}, warn() {}, error() {}, setFilterMsg() {} }),
    getLogManager: () => ({ log() {}, info() {}, warn() {}, debug() {} }),
  };
  // Listeners (wx.onNetworkStatusChange, wx.onAppShow, ...) have nothing to report in a browser tab.
  return new Proxy(wx, {
    get(target, name: string) {
      if (name in target) return target[name];
      if (/^(on|off)[A-Z]/.test(name)) return () => {};
      if (typeof name !== 'string') return undefined;
      return (options: Options = {}) => {
        console.warn(`wx.${name} is not available in the browser preview`);
        return answer(Promise.reject({ errMsg: `${name}:fail not supported in the browser preview` }), options, name);
      };
    },
  });
}

/** The phone number button (open-type="getPhoneNumber"): the person picks the number, or refuses. */
export async function askPhoneNumber(): Promise<Record<string, unknown>> {
  const phone = frame.field('手机号', { type: 'tel', value: '13800138000' });
  const allowed = await frame.ask(
    '申请获取你的手机号',
    ['预览中：允许时模拟器为这个号码签发一次性 code（/_emulator/phone-codes）。', phone.node],
    [
      { text: '拒绝', value: false },
      { text: '允许', value: true, primary: true },
    ],
    'capability',
  );
  if (!allowed) return { errMsg: 'getPhoneNumber:fail user deny', errno: 104 };
  const answered = await post('/_emulator/phone-codes', { openid: session.openid, phoneNumber: phone.input.value.trim() }).catch(
    () => undefined,
  );
  const code = (answered?.body as { code?: string } | undefined)?.code;
  if (!answered || answered.status !== 200 || !code) return { errMsg: 'getPhoneNumber:fail the emulator issued no code' };
  return { errMsg: 'getPhoneNumber:ok', code };
}
