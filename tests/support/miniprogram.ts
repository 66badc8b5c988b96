// Renders a mini-program page with miniprogram-simulate, its calls reaching a real backend.
//
//   const emulator = await startTestEmulator();
//   const view = await renderPage('pages/me/me', { emulator, openid: 'staff-openid' });
//   expect(view.text()).toContain('工作人员');
//   await view.tap('.me__admin');                       // a tap, then every call it caused has answered
//   expect(view.navigations).toContainEqual({ kind: 'navigateTo', url: '/packages/admin/index/index' });
//   expect(view.setDataStats.firstRender.calls).toBeLessThanOrEqual(2);
//   view.setOnline(false);                              // the phone loses its network
//
// `connect(emulator, openid)` gives the same routing without a page, to test miniprogram/services.
//
// What happens underneath:
// - `wx.cloud.callFunction` and `wx.request` (both transports of miniprogram/services) become real HTTP
//   requests, made with Node's `http`, to the emulator's gateway `POST /functions/api` with the openid
//   in `x-wx-openid`, as the platform would. `wx.request` keeps its path (so `/_emulator/...` works)
//   and only its origin is replaced by the emulator's.
// - `wx.chooseMedia` answers with what the test set by `choosePhotos([...files])` (nothing: cancelled);
//   `wx.cloud.uploadFile` and `wx.uploadFile` upload those files to the emulator's storage for real.
// - `wx.setStorageSync` / `getStorageSync` / `removeStorageSync` keep values per openid (each person's
//   phone) for the test file.
// - A confirmation (the page's <confirm-dialog id="yz-confirm">, TDesign's dialog) is recorded in
//   `modals` and answered by what the test set with `answerNextModal(...)` (by default the person
//   confirms): `content` is typed into its field when it asks for one, then its real confirm or cancel
//   button is tapped. A bare `wx.showModal` is recorded and answered the same way.
// - `tapText(selector, text)` taps the node showing a text (a TDesign tab); `emit` lets a TDesign
//   component report a choice made inside it (the date-time picker's confirm).
// - Navigation and toasts are recorded (`navigations`, `toasts`); navigating to a page that app.json
//   does not list fails like WeChat does, so "即将开放" paths are exercised too.
// - The page lifecycle is driven as WeChat drives it: attached → onLoad(options) → onShow → (onReady).
// - Every `setData` of the page is counted with its JSON size; `firstRender` is the count when the
//   first screen has settled (budget: ≤ 2 calls, ≤ 32 KB).
// - npm-style `usingComponents` ("tdesign-miniprogram/button/button") are resolved to the packed copy in
//   miniprogram/miniprogram_npm, as DevTools resolves them.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
// Type only: setup.ts loads this file for every test file, and the emulator is not needed by all.
import type { TestEmulator } from './emulator';
import { answer, type Callbacks } from '../../emulator/preview/runtime/callbacks';

// miniprogram-simulate's own typings pull the whole wx API into the tests' global scope; these few
// shapes are all the helper needs.
interface SimulatedComponent {
  dom: HTMLElement;
  data: Record<string, unknown>;
  instance: Record<string, unknown> & { setData(data: Record<string, unknown>, callback?: () => void): void };
  querySelector(selector: string): SimulatedComponent | undefined;
  querySelectorAll(selector: string): SimulatedComponent[];
  dispatchEvent(eventName: string, options?: unknown): void;
  attach(parent: HTMLElement): void;
  detach(): void;
}
interface Simulate {
  load(
    componentPath: string,
    options: { rootPath: string; usingComponents: Record<string, string>; compilerOptions?: { maxBuffer?: number } },
  ): string;
  render(id: string, properties?: Record<string, unknown>): SimulatedComponent;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate: Simulate = require('miniprogram-simulate');

/** The compiled wxml of the whole mini-program (about 1 MB today), with room for it to grow. */
const WCC_OUTPUT_MAX = 32 * 1024 * 1024;
export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');

/** What the helper needs of an emulator: its base URL (tests/support/emulator.ts provides it). */
export interface Gateway {
  url: string;
}

export interface RenderOptions {
  /** Where calls go. Without one, every call fails as if the phone were offline. */
  emulator?: Gateway;
  /** Who is using the mini-program (the platform's openid). */
  openid?: string;
  /** The page's query, passed to onLoad. */
  options?: Record<string, string>;
  /** Which transport of miniprogram/services/config the page uses. */
  transport?: 'cloud' | 'local';
  /** Start with the phone offline (see `setOnline`). */
  online?: boolean;
}

export interface Navigation {
  kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack';
  url?: string;
}

/** docs/architecture.md#budgets: the first screen of a tab page is one setData (we allow 2) of at most 32 KB. */
export const FIRST_SCREEN_BUDGET = { calls: 2, bytes: 32 * 1024 };

export interface SetDataCount {
  calls: number;
  /** UTF-8 size of the JSON of every setData, as WeChat measures the data crossing to the view. */
  bytes: number;
}

export interface SetDataStats extends SetDataCount {
  firstRender: SetDataCount & {
    /** setData of our own custom components inside the page (e.g. a card that loads itself); TDesign's are not counted. */
    components: SetDataCount;
  };
  components: SetDataCount;
}

export interface ApiCallRecord {
  action: string;
  payload: unknown;
  /** The function's answer, `{ ok, data }` or `{ ok: false, error }`. */
  result: unknown;
}

/** The phone's link to the backend: what left the app, and the network switch. */
export interface Connection {
  navigations: Navigation[];
  toasts: string[];
  /** Every confirmation the app asked (the confirm dialog, or `wx.showModal`), in order. */
  modals: { title?: string; content?: string }[];
  /** Every call to the `api` function that reached the emulator, with its answer. */
  apiCalls: ApiCallRecord[];
  /** How many requests were tried (answered or not), e.g. to see a retry. */
  attempts(): number;
  /** Cuts or restores the phone's network: while offline every request fails like wx's `request:fail`. */
  setOnline(online: boolean): void;
  /** The next `count` requests are lost on the way (a flaky network), later ones go through. */
  dropNext(count: number): void;
  /** The next `count` requests reach the server and act, but their answers are lost on the way back. */
  loseNextAnswers(count: number): void;
  /** What the person picks in the next `wx.chooseMedia` (files on disk); nothing picked means they cancel. */
  choosePhotos(filePaths: string[]): void;
  /**
   * The file the person picks from a chat in the next `wx.chooseMessageFile` (a file on disk, which
   * `wx.getFileSystemManager().readFile` then reads); null means they cancel.
   */
  chooseFile(filePath: string | null): void;
  /** How the person answers the next confirmation (cancel, or confirm with what they typed); by default they confirm. */
  answerNextModal(answer: { confirm: boolean; content?: string }): void;
  /** Resolves once no call is in flight and queued timers (toasts, simulate's mocks) have run. */
  wait(): Promise<void>;
}

export interface RenderedPage extends Connection {
  page: SimulatedComponent;
  /** The page's root DOM node. */
  root: HTMLElement;
  setDataStats: SetDataStats;
  /**
   * Taps the first node matching a selectComponent-style selector (`.a`, `.host >>> .inner`), then
   * waits. On a TDesign component (virtual host, no node of its own) it taps the component's body.
   */
  tap(selector: string): Promise<void>;
  /**
   * Taps the first node matching the selector whose visible text contains `text` (a tab of t-tabs:
   * `.tabs >>> .t-tabs__item`, an option among many), then waits.
   */
  tapText(selector: string, text: string): Promise<void>;
  /**
   * A TDesign component reports what the person chose inside it, as it does itself (triggerEvent):
   * for a picker whose columns the test does not scroll (the date-time picker's `confirm` with the
   * chosen value). Then waits.
   */
  emit(selector: string, eventName: string, detail?: unknown): Promise<void>;
  /** Fires any event (e.g. 'change' with a detail) on a node, then waits. */
  fire(selector: string, eventName: string, detail?: unknown): Promise<void>;
  /** The visible text of the page, or of the first node matching the selector; whitespace collapsed. */
  text(selector?: string): string;
  /** The text of every node matching the selector, in order (e.g. the items of a list). */
  texts(selector: string): string[];
  /** Whether a node matching the selector is rendered in the page. */
  has(selector: string): boolean;
  /**
   * The person taps a `<button open-type="getPhoneNumber">` (native or t-button) and shares
   * `phoneNumber`: the emulator issues a real code for this person, and the button's
   * `getphonenumber` event carries it, as WeChat does. Then waits.
   */
  sharePhone(selector: string, phoneNumber: string): Promise<void>;
  /** The person taps the same button and declines in WeChat's sheet (`getPhoneNumber:fail user deny`). */
  refusePhone(selector: string): Promise<void>;
  /** Calls a page lifecycle method (onShow, onPullDownRefresh, onReachBottom, ...), then waits. */
  lifecycle(name: string, ...args: unknown[]): Promise<void>;
  detach(): void;
}

/** One connection at a time: the wx routing installed by tests/miniprogram/setup.ts reads it. */
interface Session {
  gateway?: Gateway;
  openid: string;
  online: boolean;
  dropNext: number;
  loseAnswers: number;
  /** Answers of the coming wx.chooseMedia calls. */
  photoPicks: string[][];
  /** Answers of the coming wx.chooseMessageFile calls (null: cancelled). */
  filePicks: (string | null)[];
  modalAnswers: Array<{ confirm: boolean; content?: string }>;
  attempts: number;
  inFlight: number;
  navigations: Navigation[];
  toasts: string[];
  modals: { title?: string; content?: string }[];
  apiCalls: ApiCallRecord[];
  /** The rendered page's confirm dialog, answered when it is open (see renderPage); true if it was. */
  answerDialog?: () => boolean;
}

let session: Session = newSession(undefined, 'demo-resident');

function newSession(gateway: Gateway | undefined, openid: string): Session {
  return {
    gateway,
    openid,
    online: true,
    dropNext: 0,
    loseAnswers: 0,
    photoPicks: [],
    filePicks: [],
    modalAnswers: [],
    attempts: 0,
    inFlight: 0,
    navigations: [],
    toasts: [],
    modals: [],
    apiCalls: [],
  };
}

/**
 * Points the simulated phone at an emulator as `openid`. renderPage does this itself; call it
 * directly to exercise miniprogram/services without a page.
 */
export function connect(emulator: Gateway | undefined, openid = 'demo-resident'): Connection {
  const current = (session = newSession(emulator, openid));
  return {
    navigations: current.navigations,
    toasts: current.toasts,
    modals: current.modals,
    apiCalls: current.apiCalls,
    attempts: () => current.attempts,
    setOnline(online) {
      current.online = online;
    },
    dropNext(count) {
      current.dropNext = count;
    },
    loseNextAnswers(count) {
      current.loseAnswers = count;
    },
    choosePhotos(filePaths) {
      current.photoPicks.push(filePaths);
    },
    chooseFile(filePath) {
      current.filePicks.push(filePath);
    },
    answerNextModal(reply) {
      current.modalAnswers.push(reply);
    },
    wait: () => settle(current),
  };
}

/**
 * Renders a page (path relative to miniprogram/, without extension) and waits for its first screen.
 * Each call loads the page's code afresh, so one test file may render the same page many times.
 */
export async function renderPage(pagePath: string, renderOptions: RenderOptions = {}): Promise<RenderedPage> {
  const { emulator, openid = 'demo-resident', options = {}, transport = 'cloud', online = true } = renderOptions;
  const connection = connect(emulator, openid);
  connection.setOnline(online);
  const componentPath = path.join(MINIPROGRAM_ROOT, pagePath);

  let id = '';
  // A fresh module registry per render: simulate registers a component when its code runs, and jest
  // runs a module once per registry. The page's services/config is configured in the same registry.
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { config } = require(path.join(MINIPROGRAM_ROOT, 'services/config'));
    // No pause before a retry: the page settles when no call is in flight, and a pause is none.
    Object.assign(config, { mode: transport, localOpenid: openid, retryPauseMs: 0 });
    id = simulate.load(componentPath, {
      rootPath: MINIPROGRAM_ROOT,
      usingComponents: npmComponentPaths(componentPath),
      // wcc compiles every page's wxml into one script, past the 1 MiB spawnSync buffer it gets by default.
      compilerOptions: { maxBuffer: WCC_OUTPUT_MAX },
    });
  });

  const page = simulate.render(id);
  const stats: SetDataStats = {
    calls: 0,
    bytes: 0,
    components: { calls: 0, bytes: 0 },
    firstRender: { calls: 0, bytes: 0, components: { calls: 0, bytes: 0 } },
  };
  const count = (into: SetDataCount, data: unknown) => {
    into.calls += 1;
    into.bytes += Buffer.byteLength(JSON.stringify(data), 'utf8');
  };
  const setData = page.instance.setData.bind(page.instance);
  page.instance.setData = (data, callback) => {
    count(stats, data);
    setData(data, callback);
  };
  // Our components render a host element of their own; TDesign's are virtual hosts (no element).
  onComponentSetData = (host, data) => {
    if (host !== page.dom && page.dom.contains(host)) count(stats.components, data);
  };
  const pages = [page.instance];
  (globalThis as { getCurrentPages?: () => unknown[] }).getCurrentPages = () => pages;

  const parent = document.createElement('parent-wrapper');
  page.attach(parent);
  const { wait } = connection;
  const lifecycle = async (name: string, ...args: unknown[]) => {
    const method = page.instance[name];
    if (typeof method === 'function') await method.apply(page.instance, args);
    await wait();
  };
  await lifecycle('onLoad', options);
  await lifecycle('onShow');
  await lifecycle('onReady');
  stats.firstRender = { calls: stats.calls, bytes: stats.bytes, components: { ...stats.components } };

  // The page's confirm dialog (components/confirm-dialog), answered as the test said with
  // answerNextModal (by default the person confirms): the reason typed into its field, then a tap on
  // its confirm or cancel button.
  const current = session;
  let lastAnswered = 0;
  current.answerDialog = () => {
    const dialog = page.querySelector('#yz-confirm');
    const shown = dialog?.data as { visible?: boolean; question?: number; title?: string; content?: string; reason?: unknown } | undefined;
    // Each question is answered once: one still open after its answer (a required reason left empty)
    // stays for the test to read.
    if (!shown?.visible || shown.question === lastAnswered) return false;
    lastAnswered = shown.question ?? 0;
    current.modals.push({ title: shown.title, content: shown.content });
    const reply = current.modalAnswers.shift() ?? { confirm: true };
    if (reply.confirm && shown.reason)
      dispatch(find('#yz-confirm >>> .confirm-dialog__reason'), 'change', { detail: { value: reply.content ?? '' } });
    dispatch(find(`#yz-confirm >>> .confirm-dialog__${reply.confirm ? 'confirm' : 'cancel'}`), 'tap');
    return true;
  };
  const find = (selector: string) => {
    const node = page.querySelector(selector);
    if (!node) throw new Error(`no node matches ${selector} in ${pagePath}: ${collapse(page.dom.textContent)}`);
    return node;
  };
  return {
    ...connection,
    page,
    root: page.dom,
    setDataStats: stats,
    lifecycle,
    async tap(selector) {
      dispatch(find(selector), 'tap');
      await wait();
    },
    async tapText(selector, text) {
      const nodes = page.querySelectorAll(selector);
      const node = nodes.find((candidate) => collapse((candidate.dom ?? firstElement(candidate))?.textContent ?? '').includes(text));
      if (!node) throw new Error(`no ${selector} shows “${text}” in ${pagePath} (${nodes.length} match the selector)`);
      dispatch(node, 'tap');
      await wait();
    },
    async emit(selector, eventName, detail) {
      const component = find(selector).instance as unknown as { triggerEvent(name: string, detail?: unknown): void };
      component.triggerEvent(eventName, detail);
      await wait();
    },
    async fire(selector, eventName, detail) {
      dispatch(find(selector), eventName, { detail });
      await wait();
    },
    async sharePhone(selector, phoneNumber) {
      const node = phoneButton(find(selector), selector);
      if (!session.gateway) throw new Error('sharePhone needs an emulator to issue the code');
      const code = await issuePhoneCode(session.gateway, session.openid, phoneNumber);
      dispatch(node, 'getphonenumber', { detail: { code, errMsg: 'getPhoneNumber:ok' } });
      await wait();
    },
    async refusePhone(selector) {
      dispatch(phoneButton(find(selector), selector), 'getphonenumber', { detail: { errMsg: 'getPhoneNumber:fail user deny' } });
      await wait();
    },
    text(selector) {
      const node = selector ? find(selector) : page;
      return collapse((node.dom ?? firstElement(node))?.textContent ?? '');
    },
    texts(selector) {
      return page.querySelectorAll(selector).map((node) => collapse((node.dom ?? firstElement(node))?.textContent ?? ''));
    },
    has(selector) {
      // Rendered, not merely declared: content of a slot its component does not show has no place in the page.
      const node = page.querySelector(selector);
      const element = node && (node.dom ?? firstElement(node));
      return Boolean(element && page.dom.contains(element));
    },
    detach() {
      page.detach();
    },
  };
}

/** The first element a virtual-host component (TDesign's) renders: what the person sees of it. */
function firstElement(node: SimulatedComponent): HTMLElement | undefined {
  const host = (node as unknown as { _exparserNode: { shadowRoot?: { childNodes: { $$?: HTMLElement }[] } } })._exparserNode;
  return host.shadowRoot?.childNodes.find((child) => child.$$)?.$$;
}

/**
 * Makes `openid` a delegate the way it happens in production: staff create a group and a delegate,
 * the person binds with the one-time code. Resolves with the delegate's id.
 */
export async function becomeDelegate(emulator: TestEmulator, openid: string, name = '测试代表'): Promise<string> {
  const data = <T>(answer: { ok: boolean }) => {
    if (!answer.ok) throw new Error(`setup failed: ${JSON.stringify(answer)}`);
    return (answer as unknown as { data: T }).data;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { STAFF_OPENID } = require('./emulator') as typeof import('./emulator');
  const group = data<{ id: string }>(await emulator.call(STAFF_OPENID, 'admin.groups.create', { name: `${name}所在小组` }));
  const delegate = data<{ id: string; bindCode: string }>(
    await emulator.call(STAFF_OPENID, 'admin.delegates.create', { name, groupId: group.id }),
  );
  data(await emulator.call(openid, 'delegates.bind', { code: delegate.bindCode }));
  return delegate.id;
}

/** The node, once it is shown to be a button WeChat would open the phone sheet for. */
function phoneButton(node: SimulatedComponent, selector: string): SimulatedComponent {
  const element = node.dom ?? firstElement(node);
  const openType = element?.getAttribute('open-type') ?? (node.data as { openType?: string } | undefined)?.openType;
  if (openType !== 'getPhoneNumber') throw new Error(`${selector} is not a <button open-type="getPhoneNumber"> (open-type: ${openType})`);
  return node;
}

/** Asks the emulator for a phone code as WeChat issues one (outside the app's network switch). */
export function issuePhoneCode(gateway: Gateway, openid: string, phoneNumber: string): Promise<string> {
  const payload = Buffer.from(JSON.stringify({ openid, phoneNumber }));
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL('/_emulator/phone-codes', gateway.url),
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': payload.length } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: string };
          if (response.statusCode === 200 && body.code) resolve(body.code);
          else reject(new Error(`phone-codes answered ${response.statusCode}: ${JSON.stringify(body)}`));
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** Dispatches on the node, or on the first element of a virtual-host component. */
function dispatch(node: SimulatedComponent, eventName: string, options?: unknown) {
  if (node.dom) return node.dispatchEvent(eventName, options);
  const body = firstElement(node);
  if (!body) throw new Error(`cannot ${eventName}: the component renders no element`);
  // j-component's dispatchEvent only reads `this.dom`.
  Object.getPrototypeOf(node).dispatchEvent.call({ dom: body }, eventName, options);
}

// Every component's setData goes through exparser's; the page's own is counted on its instance.
let onComponentSetData: ((host: HTMLElement, data: unknown) => void) | undefined;
{
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser') as {
    Component: { prototype: { setData(this: { $$?: HTMLElement }, data: unknown): void } };
  };
  const setData = exparser.Component.prototype.setData;
  exparser.Component.prototype.setData = function (data) {
    if (this.$$) onComponentSetData?.(this.$$, data);
    return setData.call(this, data);
  };
}

/** Waits until no call is in flight and the timers the page queued (toasts, simulate's mocks) ran. */
async function settle(current: Session): Promise<void> {
  // A confirmation the page opened is answered like a person would (by tapping its buttons), and
  // whatever that started settles in turn.
  do await quiet(current);
  while (current.answerDialog?.());
}

async function quiet(current: Session): Promise<void> {
  // Bounded so a page that polls forever fails the test instead of hanging it.
  for (let quietTurns = 0, turns = 0; quietTurns < 3; turns += 1) {
    if (turns > 10_000) throw new Error('the page never settled: a call or timer keeps firing');
    await new Promise((resolve) => setTimeout(resolve, 0));
    quietTurns = current.inFlight === 0 ? quietTurns + 1 : 0;
  }
}

function collapse(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

// ---- npm component paths ----------------------------------------------------------------------

/**
 * simulate resolves only relative and absolute component paths. It applies one override table to
 * every component it loads, so this collects each npm-style path used anywhere under the page, mapped
 * to its packed copy: `t-button` means the same component everywhere (TDesign's own files agree).
 */
export function npmComponentPaths(componentPath: string): Record<string, string> {
  const overrides: Record<string, string> = {};
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const json = readJson(`${file}.json`);
    for (const [tag, target] of Object.entries((json?.usingComponents ?? {}) as Record<string, string>)) {
      if (target.startsWith('/')) visit(path.join(MINIPROGRAM_ROOT, target));
      else if (target.startsWith('.')) visit(path.join(path.dirname(file), target));
      else {
        overrides[tag] = `/miniprogram_npm/${target}`;
        visit(path.join(MINIPROGRAM_ROOT, 'miniprogram_npm', target));
      }
    }
  };
  visit(componentPath);
  return overrides;
}

function readJson(file: string): Record<string, unknown> | null {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

// ---- wx routing (installed by tests/miniprogram/setup.ts) ---------------------------------------

/** Replaces the wx APIs that leave the page: calls, navigation, toasts. */
export function routeWx(wx: Record<string, unknown>): void {
  wx.cloud = {
    init() {},
    callFunction(options: Callbacks & { name: string; data: { action: string; payload: unknown } }) {
      const pending = post('/functions/api', options.data, { 'x-wx-openid': session.openid }).then(({ body }) => {
        recordApiCall(options.data, body);
        return { result: body, errMsg: 'cloud.callFunction:ok' };
      });
      return answer(pending, options, 'cloud.callFunction');
    },
    uploadFile(options: Callbacks & { cloudPath: string; filePath: string }) {
      const pending = upload(options.cloudPath, options.filePath).then(({ fileID }) => ({
        fileID,
        statusCode: 200,
        errMsg: 'cloud.uploadFile:ok',
      }));
      return answer(pending, options, 'cloud.uploadFile');
    },
  };
  // Uploads land in the emulator's storage: the cloud transport's wx.cloud.uploadFile and the local
  // transport's wx.uploadFile to /_emulator/storage/upload answer with the same kind of file ID.
  wx.uploadFile = (options: Callbacks & { url: string; filePath: string; formData?: { cloudPath?: string } }) => {
    const pending = upload(options.formData?.cloudPath ?? '', options.filePath).then((body) => ({
      statusCode: 200,
      data: JSON.stringify(body),
      errMsg: 'uploadFile:ok',
    }));
    answer(pending, options, 'uploadFile');
    return { abort() {} };
  };
  wx.chooseMedia = (options: Callbacks = {}) => {
    const picked = session.photoPicks.shift();
    const result = picked?.length
      ? Promise.resolve({
          type: 'image',
          tempFiles: picked.map((tempFilePath) => ({ tempFilePath, size: fs.statSync(tempFilePath).size, fileType: 'image' })),
          errMsg: 'chooseMedia:ok',
        })
      : Promise.reject({ errMsg: 'chooseMedia:fail cancel' });
    return answer(result, options, 'chooseMedia');
  };
  wx.chooseMessageFile = (options: Callbacks = {}) => {
    const picked = session.filePicks.shift();
    const result = picked
      ? Promise.resolve({
          tempFiles: [{ path: picked, name: path.basename(picked), size: fs.statSync(picked).size, type: 'file', time: Date.now() }],
          errMsg: 'chooseMessageFile:ok',
        })
      : Promise.reject({ errMsg: 'chooseMessageFile:fail cancel' });
    return answer(result, options, 'chooseMessageFile');
  };
  // Files the person picked are real files on disk: readFile reads them as WeChat reads a temp file.
  const fileSystem = typeof wx.getFileSystemManager === 'function' ? (wx.getFileSystemManager as () => object)() : {};
  wx.getFileSystemManager = () => ({
    ...fileSystem,
    readFile(options: Callbacks & { filePath: string; encoding?: BufferEncoding }) {
      // Counted as in flight, so a tap waits for the page to read the file and act on it.
      const current = session;
      current.inFlight += 1;
      const pending = fs.promises
        .readFile(options.filePath, options.encoding)
        .then((data) => ({ data, errMsg: 'readFile:ok' }))
        .catch((error: Error) => Promise.reject({ errMsg: `readFile:fail ${error.message}` }))
        .finally(() => {
          current.inFlight -= 1;
        });
      return answer(pending, options, 'readFile');
    },
  });
  wx.request = (options: Callbacks & { url: string; data?: unknown; header?: Record<string, string> }) => {
    const target = new URL(options.url);
    const pending = post(target.pathname + target.search, options.data, options.header ?? {}).then(({ status, body }) => {
      if (target.pathname === '/functions/api') recordApiCall(options.data as { action: string; payload: unknown }, body);
      return { statusCode: status, data: body, header: {}, errMsg: 'request:ok' };
    });
    answer(pending, options, 'request');
    return { abort() {} };
  };
  for (const kind of ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch'] as const) {
    wx[kind] = (options: Callbacks & { url: string }) => {
      session.navigations.push({ kind, url: options.url });
      const pagePath = options.url.split('?')[0].replace(/^\//, '');
      const exists = fs.existsSync(path.join(MINIPROGRAM_ROOT, `${pagePath}.json`)) && appPages().has(pagePath);
      const result = exists
        ? Promise.resolve({ errMsg: `${kind}:ok` })
        : Promise.reject({ errMsg: `${kind}:fail page "${pagePath}" is not found` });
      return answer(result, options, kind);
    };
  }
  wx.navigateBack = (options: Callbacks = {}) => {
    session.navigations.push({ kind: 'navigateBack' });
    return answer(Promise.resolve({ errMsg: 'navigateBack:ok' }), options, 'navigateBack');
  };
  wx.showModal = (options: Callbacks & { title?: string; content?: string }) => {
    session.modals.push({ title: options.title, content: options.content });
    const reply = session.modalAnswers.shift() ?? { confirm: true };
    const result = { errMsg: 'showModal:ok', confirm: reply.confirm, cancel: !reply.confirm, content: reply.content ?? '' };
    return answer(Promise.resolve(result), options, 'showModal');
  };
  wx.showToast = (options: Callbacks & { title: string }) => {
    session.toasts.push(options.title);
    return answer(Promise.resolve({ errMsg: 'showToast:ok' }), options, 'showToast');
  };
  // Each person's phone keeps its storage for the test file, so what a page kept is there when it
  // opens again (simulate's storage keeps nothing). Values are copied, as WeChat serialises them.
  const phone = () => phones.get(session.openid) ?? phones.set(session.openid, new Map()).get(session.openid)!;
  wx.setStorageSync = (key: string, value: unknown) => void phone().set(key, JSON.parse(JSON.stringify(value)));
  wx.getStorageSync = (key: string) => phone().get(key) ?? '';
  wx.removeStorageSync = (key: string) => void phone().delete(key);
}

const phones = new Map<string, Map<string, unknown>>();

function recordApiCall(event: { action: string; payload: unknown }, result: unknown) {
  session.apiCalls.push({ action: event?.action, payload: event?.payload, result });
}

/** Sends a file on disk to the emulator's storage as a multipart form, as wx.uploadFile does. */
function upload(cloudPath: string, filePath: string): Promise<{ fileID: string }> {
  const boundary = `----yzt${Date.now().toString(16)}`;
  const part = (name: string, value: Buffer, filename?: string) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n`),
      value,
      Buffer.from('\r\n'),
    ]);
  const body = Buffer.concat([
    part('cloudPath', Buffer.from(cloudPath)),
    part('file', fs.readFileSync(filePath), path.basename(filePath)),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return send('/_emulator/storage/upload', body, { 'content-type': `multipart/form-data; boundary=${boundary}` }).then(
    ({ status, body: answerBody }) => {
      const fileID = (answerBody as { fileID?: string })?.fileID;
      if (status !== 200 || !fileID) throw { errMsg: `uploadFile:fail ${JSON.stringify(answerBody)}` };
      return { fileID };
    },
  );
}

/** A real HTTP POST to the emulator; counts as in flight until the answer is read. */
function post(pathAndQuery: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return send(pathAndQuery, Buffer.from(JSON.stringify(body ?? {})), { ...headers, 'content-type': 'application/json' });
}

/** A real HTTP POST of raw bytes to the emulator, through the phone's network switch. */
function send(pathAndQuery: string, payload: Buffer, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const current = session;
  const gateway = current.gateway;
  current.attempts += 1;
  if (!gateway) return Promise.reject({ errMsg: 'request:fail no network (renderPage was given no emulator)' });
  if (!current.online) return Promise.reject({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' });
  if (current.dropNext > 0) {
    current.dropNext -= 1;
    return Promise.reject({ errMsg: 'request:fail timeout' });
  }
  current.inFlight += 1;
  const loseAnswer = current.loseAnswers > 0;
  if (loseAnswer) current.loseAnswers -= 1;
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const request = http.request(
      new URL(pathAndQuery, gateway.url),
      { method: 'POST', headers: { ...headers, 'content-length': payload.length } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: hand the text over as wx.request would
          }
          if (loseAnswer) reject({ errMsg: 'request:fail timeout' });
          else resolve({ status: response.statusCode ?? 0, body: parsed });
        });
        response.on('error', reject);
      },
    );
    request.on('error', (error) => reject({ errMsg: `request:fail ${error.message}` }));
    request.end(payload);
  }).finally(() => {
    current.inFlight -= 1;
  });
}

let appPagesCache: Set<string> | undefined;

/** Every page app.json declares, main package and subpackages. */
export function appPages(): Set<string> {
  if (appPagesCache) return appPagesCache;
  const app = readJson(path.join(MINIPROGRAM_ROOT, 'app.json')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
  const pages = new Set(app.pages);
  for (const sub of app.subPackages ?? []) for (const page of sub.pages) pages.add(path.posix.join(sub.root, page));
  appPagesCache = pages;
  return pages;
}
