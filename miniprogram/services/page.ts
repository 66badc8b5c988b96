import type { PageStatus } from '../components/page-state/page-state';
import { messageOf } from './api';
import { showError, showSuccess } from './feedback';
import { careData, type CareData } from './care';

// Every page's life in one place (docs/architecture.md#the-mini-program): the loading / empty /
// error frame of <page-state>, the first screen fetched and shown in ONE setData (the first-screen
// budget), retry, pull-down refresh, and typed data. A page states only what is its own:
//
//   definePage({
//     data: { rows: [] } as WallData,
//     async firstScreen() {
//       const page = await call('messages.wall', {});
//       return { status: page.items.length ? 'ready' : 'empty', rows: page.items.map(toRow) };
//     },
//     methods: { onOpen(event) { ... this.data.rows ... } },
//   });

/** What every page carries in its data besides its own fields. */
export interface PageStateData extends CareData {
  status: PageStatus;
  errorText: string;
}

export type Query = Record<string, string | undefined>;
type Methods = Record<string, (...args: any[]) => any>;

/** setData's paths into nested data, e.g. `form.title` or `rows[2].checked`. */
type DataPaths = { [path: `${string}.${string}` | `${string}[${number}]${string}`]: unknown };

/** `this` inside a page's methods: its data typed, and what definePage adds. */
export interface PageInstance<D> {
  data: D & PageStateData;
  setData(patch: Partial<D & PageStateData> & DataPaths, callback?: () => void): void;
  /** Fetches the first screen again and shows it (or the error state). */
  load(): Promise<void>;
  /** The <page-state> retry button: back to the spinner, then load again. */
  onRetry(): void;
  selectComponent(selector: string): WechatMiniprogram.Component.TrivialInstance;
  /** Queries nodes of this page (e.g. a <canvas type="2d"> to draw on). */
  createSelectorQuery(): WechatMiniprogram.SelectorQuery;
}

export type PageThis<D, M> = PageInstance<D> & M;

export interface PageSpec<D, M> {
  /** The page's own initial data; `status` and `errorText` are added. */
  data: D;
  /**
   * The first screen, its calls made in parallel; what it answers lands in one setData with
   * status 'ready' unless it says otherwise ('empty'). A failure shows the error state with the
   * server's Chinese message. A page without one shows its content at once.
   */
  firstScreen?: (this: PageThis<D, M>) => Promise<Partial<D & PageStateData>>;
  /** 'load' (default): once, when the page opens; 'show': each time it comes into view (lists others change). */
  loadOn?: 'load' | 'show';
  /** Pulling down reloads the first screen (the page's json enables the gesture). */
  refresh?: boolean;
  /** The page's query, read into data before anything loads. */
  query?: (query: Query) => Partial<D>;
  /**
   * Makes the page shareable to a chat and to 朋友圈: a title, and the path with the query that opens
   * the same content for someone who has never used the mini-program (the page loads from its query).
   */
  share?: (this: PageThis<D, M>) => { title: string; path: string };
  methods?: M & ThisType<PageThis<D, M>>;
}

export function definePage<D extends object, M extends Methods>(spec: PageSpec<D, M>): void {
  const { firstScreen, loadOn = 'load', refresh = false, query, share } = spec;
  const own = (spec.methods ?? {}) as Methods;
  const { onLoad, onShow, ...methods } = own;
  const lifecycle: Methods = {
    async onLoad(this: PageThis<D, M>, options: Query = {}) {
      if (query) this.setData(query(options) as Partial<D & PageStateData>);
      await onLoad?.call(this, options);
      if (loadOn === 'load') await this.load();
    },
    async onShow(this: PageThis<D, M>) {
      // A tab page stays alive while 关怀模式 is switched in 我的: it follows on coming back.
      const care = careData();
      if (care.careMode !== this.data.careMode) this.setData(care as Partial<D & PageStateData>);
      await onShow?.call(this);
      if (loadOn === 'show') await this.load();
    },
    async load(this: PageThis<D, M>) {
      // 关怀模式 rides on the first screen's one setData (it may have changed since the page was registered).
      const care = careData();
      if (!firstScreen) return void (care.careMode !== this.data.careMode && this.setData(care as Partial<D & PageStateData>));
      let screen: Partial<D & PageStateData>;
      try {
        screen = { status: 'ready', ...care, ...(await firstScreen.call(this)) } as Partial<D & PageStateData>;
      } catch (error) {
        screen = { status: 'error', errorText: messageOf(error), ...care } as Partial<D & PageStateData>;
      }
      this.setData(screen);
    },
    onRetry(this: PageThis<D, M>) {
      this.setData({ status: 'loading' } as Partial<D & PageStateData>);
      void this.load();
    },
    ...(share
      ? {
          onShareAppMessage(this: PageThis<D, M>) {
            return share.call(this);
          },
          onShareTimeline(this: PageThis<D, M>) {
            const { title, path } = share.call(this);
            return { title, query: path.split('?')[1] ?? '' };
          },
        }
      : {}),
    ...(refresh
      ? {
          async onPullDownRefresh(this: PageThis<D, M>) {
            await this.load();
            wx.stopPullDownRefresh?.();
          },
        }
      : {}),
  };
  const initial: PageStateData = { status: firstScreen ? 'loading' : 'ready', errorText: '', ...careData() };
  const options = { data: { ...initial, ...spec.data }, methods: { ...lifecycle, ...methods } };
  // Typed by this module's PageInstance instead of the framework's generic options.
  (Component as unknown as (options: object) => void)(options);
}

interface StepHost {
  data: { busy?: boolean };
  setData(data: Record<string, unknown>): void;
  load(): Promise<unknown>;
}

/**
 * One write from a page (a reply, a rating, a moderation decision): one at a time under `busy`, its
 * success told (when `done` is given), the fields in `reset` cleared, then the first screen read
 * again; a failure is told.
 */
export async function runStep(host: StepHost, work: () => Promise<unknown>, done?: string, reset?: Record<string, unknown>): Promise<void> {
  if (host.data.busy) return;
  host.setData({ busy: true });
  try {
    await work();
    if (done) showSuccess(done);
    if (reset) host.setData(reset);
    await host.load();
  } catch (error) {
    showError(error);
  } finally {
    host.setData({ busy: false });
  }
}
