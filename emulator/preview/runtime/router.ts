// The page stack as WeChat keeps it: navigateTo pushes (at most 10), redirectTo replaces, navigateBack
// pops, switchTab shows a tab page (tab pages stay alive, the others go), reLaunch starts over.
// Pages get onLoad(query) → onShow → onReady, onHide when covered, onUnload when they go.
import jComponent, { type RootComponent } from 'j-component';
import { entryOf, register, type Manifest } from './loader';
import * as frame from './frame';

interface OpenPage {
  key: string;
  query: Record<string, string>;
  root: RootComponent;
  container: HTMLElement;
  scrollY: number;
}

const MAX_STACK = 10;
let manifest: Manifest;
let stack: OpenPage[] = [];
const tabPages = new Map<string, OpenPage>();
let onChange: (page: { key: string; query: Record<string, string> } | undefined) => void = () => {};

export function initRouter(from: Manifest, changed: typeof onChange): void {
  manifest = from;
  onChange = changed;
  (globalThis as unknown as Record<string, unknown>).getCurrentPages = () => stack.map((page) => page.root.instance);
}

export function isTabPage(key: string): boolean {
  return Boolean(manifest.app.tabBar?.list.some((item) => item.pagePath === key));
}

export function pageExists(key: string): boolean {
  return manifest.pages.includes(key);
}

/** `/pages/x/y?a=1` → the page key and its query. */
export function parseUrl(url: string): { key: string; query: Record<string, string> } {
  const [pathname, search = ''] = url.split('?');
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(search)) query[name] = value;
  return { key: pathname.replace(/^\/+/, '').replace(/\.html$/, ''), query };
}

export function currentPage(): OpenPage | undefined {
  return stack[stack.length - 1];
}

function call(page: OpenPage, name: string, ...args: unknown[]): void {
  const method = page.root.instance?.[name];
  if (typeof method !== 'function') return;
  try {
    const result = method.apply(page.root.instance, args);
    if (result && typeof (result as Promise<unknown>).catch === 'function') (result as Promise<unknown>).catch(reportError);
  } catch (error) {
    reportError(error);
  }
}

function reportError(error: unknown): void {
  // Surfaces as a console error, as in DevTools' console: the browser checks fail on it.
  console.error(error);
}

function create(key: string, query: Record<string, string>): OpenPage {
  const root = jComponent.create(register(key));
  if (!root) throw new Error(`cannot create ${key}`);
  const container = frame.element('div', { className: 'yzt-page' });
  container.dataset.page = key;
  document.getElementById('yzt-pages')!.append(container);
  root.attach(container);
  root.dom.classList.add('wx-page');
  Object.assign(root.instance, { route: key, options: query, __route__: key });
  const page: OpenPage = { key, query, root, container, scrollY: 0 };
  return page;
}

function hide(page: OpenPage): void {
  page.scrollY = window.scrollY;
  page.container.hidden = true;
  call(page, 'onHide');
}

function show(page: OpenPage): void {
  page.container.hidden = false;
  window.scrollTo(0, page.scrollY);
  const title = entryOf(page.key)?.json.navigationBarTitleText ?? manifest.app.window.navigationBarTitleText ?? '';
  frame.setTitle(title);
  frame.setBack(stack.length > 1, () => void navigateBack(1));
  frame.renderTabBar(manifest.app.tabBar, page.key, (pagePath) => void switchTab(`/${pagePath}`));
  onChange({ key: page.key, query: page.query });
  call(page, 'onShow');
}

function unload(page: OpenPage): void {
  call(page, 'onUnload');
  page.root.detach();
  page.container.remove();
  if (tabPages.get(page.key) === page) tabPages.delete(page.key);
}

/** Opens a page the WeChat way: attached → onLoad(query) → onShow → onReady. */
function push(key: string, query: Record<string, string>): void {
  const page = create(key, query);
  stack.push(page);
  if (isTabPage(key)) tabPages.set(key, page);
  page.container.hidden = true;
  call(page, 'onLoad', query);
  show(page);
  call(page, 'onReady');
}
function fail(kind: string, message: string): Promise<never> {
  return Promise.reject({ errMsg: `${kind}:fail ${message}` });
}

function check(kind: string, url: string, wantTab: boolean | undefined): { key: string; query: Record<string, string> } | string {
  const target = parseUrl(url);
  if (!pageExists(target.key)) return `page "${target.key}" is not found`;
  if (wantTab === true && !isTabPage(target.key)) return `can not switchTab to no-tabBar page`;
  if (wantTab === false && isTabPage(target.key)) return `can not ${kind} a tabbar page`;
  return target;
}

export async function navigateTo(url: string): Promise<{ errMsg: string }> {
  const target = check('navigateTo', url, false);
  if (typeof target === 'string') return fail('navigateTo', target);
  if (stack.length >= MAX_STACK) return fail('navigateTo', 'webview count limit exceed');
  const top = currentPage();
  if (top) hide(top);
  push(target.key, target.query);
  return { errMsg: 'navigateTo:ok' };
}

export async function redirectTo(url: string): Promise<{ errMsg: string }> {
  const target = check('redirectTo', url, false);
  if (typeof target === 'string') return fail('redirectTo', target);
  const top = stack.pop();
  if (top) unload(top);
  push(target.key, target.query);
  return { errMsg: 'redirectTo:ok' };
}

export async function navigateBack(delta = 1): Promise<{ errMsg: string }> {
  if (stack.length <= 1) return fail('navigateBack', 'cannot navigate back at first page.');
  for (let i = 0; i < delta && stack.length > 1; i++) unload(stack.pop()!);
  show(currentPage()!);
  return { errMsg: 'navigateBack:ok' };
}

export async function switchTab(url: string): Promise<{ errMsg: string }> {
  const target = check('switchTab', url.split('?')[0], true);
  if (typeof target === 'string') return fail('switchTab', target);
  for (const page of stack) if (!tabPages.has(page.key) || tabPages.get(page.key) !== page) unload(page);
  for (const page of stack) if (tabPages.get(page.key) === page && page.key !== target.key) hide(page);
  const kept = tabPages.get(target.key);
  if (kept) {
    stack = [kept];
    show(kept);
  } else {
    stack = [];
    push(target.key, {});
  }
  return { errMsg: 'switchTab:ok' };
}

export async function reLaunch(url: string): Promise<{ errMsg: string }> {
  const target = check('reLaunch', url, undefined);
  if (typeof target === 'string') return fail('reLaunch', target);
  for (const page of stack) unload(page);
  for (const page of tabPages.values()) if (!stack.includes(page)) unload(page);
  stack = [];
  push(target.key, target.query);
  return { errMsg: 'reLaunch:ok' };
}

/** Runs a lifecycle method of the page in front (onPullDownRefresh, onReachBottom, onShareAppMessage). */
export function callCurrent(name: string, ...args: unknown[]): unknown {
  const page = currentPage();
  const method = page?.root.instance?.[name];
  return typeof method === 'function' ? method.apply(page!.root.instance, args) : undefined;
}

/** The first page: what the address asks for, or WeChat's own "page not found" screen. */
export function launch(key: string, query: Record<string, string>): void {
  if (!pageExists(key)) {
    frame.setTitle('页面不存在');
    frame.renderTabBar(null, undefined, () => {});
    const screen = frame.element('div', { className: 'yzt-missing' }, [
      frame.element('div', { className: 'yzt-missing__title', textContent: '页面不存在' }),
      frame.element('div', { className: 'yzt-missing__text', textContent: `找不到页面 ${key}，请检查链接是否正确。` }),
    ]);
    screen.setAttribute('role', 'alert');
    const home = frame.element('button', { type: 'button', className: 'yzt-missing__home', textContent: '返回首页' });
    home.onclick = () => {
      screen.remove();
      void reLaunch(`/${manifest.pages[0]}`);
    };
    screen.append(home);
    document.getElementById('yzt-pages')!.append(screen);
    onChange(undefined);
    return;
  }
  push(key, query);
}
