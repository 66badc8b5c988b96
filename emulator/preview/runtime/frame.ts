// The phone around the page: navigation bar, tab bar, and what WeChat draws above a page (toast,
// loading, modal, action sheet, picker) plus the in-frame dialog that answers what a browser cannot
// do (scan a code, subscribe prompts, the phone number). Chinese, like WeChat's own.

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props) as HTMLElementTagNameMap[K];
  node.append(...children);
  return node;
}

// ---- navigation bar and tab bar -------------------------------------------------------------------

export function setTitle(title: string): void {
  $('yzt-title').textContent = title;
  document.title = `${title} · 议政通预览`;
}

export function setNavigationColors(background: string, textStyle: string): void {
  const bar = $('yzt-navbar');
  bar.style.background = background;
  bar.style.color = textStyle === 'white' ? '#fff' : '#000';
}

export function setBack(visible: boolean, onBack: () => void): void {
  const back = $('yzt-back');
  back.hidden = !visible;
  back.onclick = onBack;
}

export interface TabItem {
  pagePath: string;
  text: string;
  iconPath?: string;
  selectedIconPath?: string;
}

export function renderTabBar(
  tabBar: { color?: string; selectedColor?: string; backgroundColor?: string; list: TabItem[] } | null,
  current: string | undefined,
  onSelect: (pagePath: string) => void,
): void {
  const bar = $('yzt-tabbar');
  const visible = Boolean(tabBar && current && tabBar.list.some((item) => item.pagePath === current));
  bar.hidden = !visible;
  document.body.classList.toggle('yzt-has-tabbar', visible);
  if (!tabBar || !visible) return;
  bar.style.background = tabBar.backgroundColor ?? '#fff';
  bar.replaceChildren(
    ...tabBar.list.map((item) => {
      const selected = item.pagePath === current;
      const icon = selected ? (item.selectedIconPath ?? item.iconPath) : item.iconPath;
      const button = element('button', { type: 'button', className: 'yzt-tab' }, [
        ...(icon ? [element('img', { src: `mp/${icon}`, alt: '' })] : []),
        element('span', { textContent: item.text }),
      ]);
      button.style.color = (selected ? tabBar.selectedColor : tabBar.color) ?? '';
      button.setAttribute('aria-current', selected ? 'page' : 'false');
      button.onclick = () => onSelect(item.pagePath);
      return button;
    }),
  );
}

// ---- toast and loading --------------------------------------------------------------------------

let toastTimer: ReturnType<typeof setTimeout> | undefined;

export function showToast(title: string, icon: string = 'success', duration = 1500): void {
  const toast = $('yzt-toast');
  toast.className = icon === 'none' ? 'yzt-toast yzt-toast--text' : 'yzt-toast';
  toast.replaceChildren(
    ...(icon === 'none'
      ? []
      : [element('span', { className: 'yzt-toast__icon', textContent: icon === 'error' ? '✕' : icon === 'loading' ? '…' : '✓' })]),
    element('span', { textContent: title }),
  );
  toast.hidden = false;
  clearTimeout(toastTimer);
  if (duration > 0) toastTimer = setTimeout(hideToast, duration);
}

export function hideToast(): void {
  $('yzt-toast').hidden = true;
}

// ---- dialogs --------------------------------------------------------------------------------------

export interface Action<T> {
  text: string;
  value: T;
  primary?: boolean;
}

/**
 * A modal dialog in the phone: a title, a body, buttons; resolves with the chosen button's value.
 * `body` may hold inputs the caller reads when it resolves.
 */
export function ask<T>(title: string, body: (Node | string)[], actions: Action<T>[], kind: 'modal' | 'capability' = 'modal'): Promise<T> {
  return new Promise((resolve) => {
    const layer = $('yzt-layer');
    const dialog = element('div', { className: `yzt-dialog yzt-dialog--${kind}` });
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-label', title);
    const buttons = actions.map((action) => {
      const button = element('button', {
        type: 'button',
        className: action.primary ? 'yzt-dialog__primary' : '',
        textContent: action.text,
      });
      button.onclick = () => {
        mask.remove();
        resolve(action.value);
      };
      return button;
    });
    if (kind === 'capability') dialog.append(element('div', { className: 'yzt-dialog__badge', textContent: '浏览器预览 · 选择结果' }));
    if (title) dialog.append(element('div', { className: 'yzt-dialog__title', textContent: title }));
    dialog.append(element('div', { className: 'yzt-dialog__body' }, body), element('div', { className: 'yzt-dialog__actions' }, buttons));
    const mask = element('div', { className: 'yzt-mask' }, [dialog]);
    layer.append(mask);
    (buttons.find((_b, i) => actions[i].primary) ?? buttons[0])?.focus();
  });
}

/** A bottom sheet of choices (wx.showActionSheet, picker): the index chosen, or -1 when cancelled. */
export function sheet(items: string[], options: { title?: string; selected?: number } = {}): Promise<number> {
  return new Promise((resolve) => {
    const layer = $('yzt-layer');
    const close = (index: number) => {
      mask.remove();
      resolve(index);
    };
    const list = items.map((text, index) => {
      const button = element('button', { type: 'button', className: 'yzt-sheet__item', textContent: text });
      if (index === options.selected) button.setAttribute('aria-current', 'true');
      button.onclick = () => close(index);
      return button;
    });
    const cancel = element('button', { type: 'button', className: 'yzt-sheet__cancel', textContent: '取消' });
    cancel.onclick = () => close(-1);
    const panel = element('div', { className: 'yzt-sheet' }, [
      ...(options.title ? [element('div', { className: 'yzt-sheet__title', textContent: options.title })] : []),
      element('div', { className: 'yzt-sheet__list' }, list),
      cancel,
    ]);
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'true');
    const mask = element('div', { className: 'yzt-mask yzt-mask--bottom' }, [panel]);
    mask.onclick = (event) => {
      if (event.target === mask) close(-1);
    };
    layer.append(mask);
  });
}

/** A labelled input for a dialog body. */
export function field(label: string, props: Record<string, unknown>): { node: HTMLLabelElement; input: HTMLInputElement } {
  const input = element('input', props);
  return { node: element('label', { className: 'yzt-field' }, [element('span', { textContent: label }), input]), input };
}

export { element };
