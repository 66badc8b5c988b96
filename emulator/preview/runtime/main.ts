// The preview's entry (bundled by ../build.mjs with the mini-program): sets up the globals WeChat gives
// a mini-program (wx, Component, App, getApp, getCurrentPages), the builtin components, the services'
// transport, then opens the page the address names as the person it names:
//   /preview/phone.html?page=pages/home/home&openid=demo-resident&text=large&<the page's query>
import exparser from 'miniprogram-exparser';
import jUtils from 'j-component/src/tool/utils';
import { registerBuiltins } from './builtins';
import * as frame from './frame';
import { initLoader, type Bundle } from './loader';
import * as router from './router';
import { createWx, session } from './wx';

/** Query parameters that belong to the preview, not to the page. */
const PREVIEW_PARAMS = ['page', 'openid', 'text'];

export function start(bundle: Bundle): void {
  const params = new URLSearchParams(location.search);
  session.openid = params.get('openid')?.trim() || 'demo-resident';
  const largeText = params.get('text') === 'large';
  document.documentElement.classList.toggle('yzt-large-text', largeText);

  // rpx: a 750th of the phone's width, as WeChat scales it (inline styles included).
  const setRpx = () => document.documentElement.style.setProperty('--rpx', `${document.documentElement.clientWidth / 750}px`);
  setRpx();
  window.addEventListener('resize', setRpx);
  jUtils.transformRpx = (style: string) => (style ?? '').replace(/(-?\d*\.?\d+)rpx/g, (_all, n) => `calc(${n} * var(--rpx))`);

  // Errors thrown inside exparser (a component's lifetime or observer) reach the console as in DevTools.
  exparser.addGlobalErrorListener((error) => console.error(error));
  window.addEventListener('unhandledrejection', (event) => console.error('unhandled rejection:', event.reason));

  const globals = globalThis as unknown as Record<string, unknown>;
  globals.wx = createWx();
  let app: Record<string, any> = { globalData: {} };
  globals.App = (options: Record<string, any>) => {
    app = options;
  };
  globals.getApp = () => app;
  globals.Page = () => {
    throw new Error('Page() is not used by this mini-program: pages are Component()s (services/page.ts)');
  };

  initLoader(bundle);
  registerBuiltins();
  // The services' transport: wx.cloud.callFunction, which the shim sends to this emulator.
  Object.assign(bundle.configModule().config, { mode: 'cloud', envId: 'preview', localOpenid: session.openid });
  bundle.appModule();
  app.onLaunch?.({ path: params.get('page') ?? '', query: {}, scene: 1001 });
  app.onShow?.({ path: params.get('page') ?? '', query: {}, scene: 1001 });

  const window_ = bundle.manifest.app.window;
  frame.setNavigationColors(window_.navigationBarBackgroundColor ?? '#fff', window_.navigationBarTextStyle ?? 'black');
  document.documentElement.style.setProperty('--yzt-background', window_.backgroundColor ?? '#fff');

  // A click is WeChat's tap: exparser dispatches it from the element clicked, through the shadow trees.
  document.getElementById('yzt-pages')!.addEventListener('click', (event) => {
    exparser.Event.dispatchEvent(
      event.target,
      exparser.Event.create(
        'tap',
        { x: event.pageX, y: event.pageY },
        {
          originalEvent: event,
          bubbles: true,
          capturePhase: true,
          composed: true,
          extraFields: {
            touches: [],
            changedTouches: [{ pageX: event.pageX, pageY: event.pageY, clientX: event.clientX, clientY: event.clientY }],
          },
        },
      ),
    );
  });
  // Reaching the bottom loads the next page of a list (onReachBottom), as WeChat does on scroll.
  let atBottom = false;
  window.addEventListener('scroll', () => {
    const near = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 50;
    if (near && !atBottom) router.callCurrent('onReachBottom');
    atBottom = near;
  });

  // The address follows the page in front, so a reload or a shared link opens it again.
  router.initRouter(bundle.manifest, (page) => {
    const next = new URLSearchParams();
    if (page) next.set('page', page.key);
    next.set('openid', session.openid);
    if (largeText) next.set('text', 'large');
    if (page) for (const [name, value] of Object.entries(page.query)) next.set(name, value);
    history.replaceState(null, '', `${location.pathname}?${next}`);
    window.parent?.postMessage({ type: 'yzt-preview-page', page: page?.key ?? null, query: page?.query ?? {} }, '*');
  });
  (window as unknown as Record<string, unknown>).__yztPreview = {
    refresh: () => router.callCurrent('onPullDownRefresh'),
    current: () => router.currentPage()?.key,
    /** Calls still waiting for the emulator (checks and screenshots wait for 0). */
    inFlight: () => session.inFlight,
  };

  const [requested, embeddedQuery = ''] = (params.get('page') ?? bundle.manifest.pages[0]).split('?');
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(embeddedQuery)) query[name] = value;
  for (const [name, value] of params) if (!PREVIEW_PARAMS.includes(name)) query[name] = value;
  router.launch(requested.replace(/^\/+/, ''), query);
}
