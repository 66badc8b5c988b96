// The few shapes the runtime uses of j-component and exparser (they ship no typings of these parts).
declare module 'j-component' {
  const jComponent: {
    register(definition: Record<string, unknown>): string;
    behavior(definition: Record<string, unknown>): string;
    create(id: string, properties?: Record<string, unknown>): RootComponent | undefined;
  };
  export interface RootComponent {
    dom: HTMLElement;
    instance: Record<string, any>;
    attach(parent: HTMLElement): void;
    detach(): void;
  }
  export default jComponent;
}
declare module 'j-component/src/tool/utils' {
  const utils: { transformRpx(style: string, inline?: boolean): string };
  export default utils;
}
declare module 'j-component/src/tool/selectorquery' {
  class SelectorQuery {
    constructor(component?: unknown);
    in(component: unknown): SelectorQuery;
  }
  export default SelectorQuery;
}
declare module 'miniprogram-exparser' {
  const exparser: {
    Event: {
      create(name: string, detail: unknown, options: Record<string, unknown>): unknown;
      dispatchEvent(target: unknown, event: unknown): void;
    };
    Element: { getMethodCaller(node: unknown): any };
    addGlobalErrorListener(listener: (error: unknown, info: unknown) => void): void;
    addGlobalWarningListener(listener: (message: unknown) => void): void;
  };
  export default exparser;
}
