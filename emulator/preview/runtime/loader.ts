// Registers the mini-program's pages and components with exparser (through j-component, as
// miniprogram-simulate does in the page tests): each file's WXML compiled by wcc, its JS evaluated
// once (one module registry, as in WeChat), registered under the element name the build gave it.
import jComponent from 'j-component';

export interface ComponentEntry {
  /** Its element name, also the prefix of its classes (`tag--x`), as in app.css. */
  tag: string;
  /** usingComponents, each resolved to a file key (path under miniprogram/, no extension). */
  using: Record<string, string>;
  page: boolean;
  /** Its .json without usingComponents (navigationBarTitleText, enablePullDownRefresh, ...). */
  json: Record<string, any>;
}

export interface TabBarItem {
  pagePath: string;
  text: string;
  iconPath?: string;
  selectedIconPath?: string;
}

export interface Manifest {
  pages: string[];
  app: {
    window: Record<string, any>;
    tabBar: { color?: string; selectedColor?: string; backgroundColor?: string; list: TabBarItem[] } | null;
  };
  components: Record<string, ComponentEntry>;
}

export interface Bundle {
  manifest: Manifest;
  modules: Record<string, () => unknown>;
  makeGwx: () => (wxmlPath: string) => unknown;
  appModule: () => unknown;
  configModule: () => { config: Record<string, unknown> };
}

let bundle: Bundle;
let gwx: (wxmlPath: string) => unknown;
const ids = new Map<string, string>();
const registered = new Set<string>();
const definitions = new Map<string, Record<string, any>>();
let loading: string | undefined;

export function initLoader(from: Bundle): void {
  bundle = from;
  // wcc's output checks the engine version the way WeChat's view layer announces it (simulate does the same).
  (window as unknown as Record<string, unknown>).__webview_engine_version__ = 0.02;
  gwx = bundle.makeGwx();
  Object.keys(bundle.manifest.components).forEach((key, index) => ids.set(key, `yzt-c${index}`));
  const globals = globalThis as unknown as Record<string, unknown>;
  globals.Component = (options: Record<string, any>) => {
    if (!loading) throw new Error('Component() called outside a page or component file');
    definitions.set(loading, options);
  };
  globals.Behavior = (definition: Record<string, unknown>) => jComponent.behavior(definition);
}

export function entryOf(key: string): ComponentEntry | undefined {
  return bundle.manifest.components[key];
}

/** Registers a page or component (its components first) and answers its exparser id. */
export function register(key: string): string {
  const entry = bundle.manifest.components[key];
  const id = ids.get(key);
  if (!entry || !id) throw new Error(`${key} is not a page or component of app.json`);
  if (registered.has(key)) return id;
  registered.add(key);
  const usingComponents: Record<string, string> = {};
  for (const [alias, target] of Object.entries(entry.using)) usingComponents[alias] = register(target);

  if (!definitions.has(key) && bundle.modules[key]) {
    const previous = loading;
    loading = key;
    try {
      bundle.modules[key]();
    } finally {
      loading = previous;
    }
  }
  const options = definitions.get(key) ?? {};
  const definition: Record<string, any> = {
    id,
    path: `/${key}`,
    template: gwx(`${key}.wxml`),
    usingComponents,
    tagName: entry.tag,
    ...options,
  };
  definition.options = { classPrefix: entry.tag, ...(options.options ?? {}) };
  // Relations name components by path; exparser knows them by id (simulate maps them the same way).
  if (definition.relations) {
    const relations: Record<string, any> = {};
    for (const [relative, value] of Object.entries(definition.relations as Record<string, any>)) {
      const target = relative.startsWith('/') ? normalize(relative.slice(1)) : normalize(`${dirname(key)}/${relative}`);
      const targetId = ids.get(target);
      if (targetId) relations[targetId] = { ...value, target: targetId };
      else relations[relative] = value;
    }
    definition.relations = relations;
  }
  jComponent.register(definition);
  return id;
}

function dirname(key: string): string {
  return key.split('/').slice(0, -1).join('/');
}

export function normalize(pathname: string): string {
  const out: string[] = [];
  for (const part of pathname.split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/');
}
