// WeChat's builtin components in the browser. miniprogram-simulate registers them as empty `<slot/>`
// shells (enough for jsdom); here each renders what the person sees: input and textarea become native
// fields, image an <img>, picker a sheet, switch a toggle, button its WeChat look and open-types.
// Elements are `wx-<name>`, as exparser names them; their default look is in static/frame.css.
import jComponent from 'j-component';
import * as frame from './frame';
import { askPhoneNumber, resolveSource } from './wx';
import * as router from './router';

type Self = Record<string, any> & {
  _exparserNode: { $$: HTMLElement };
  data: Record<string, any>;
  triggerEvent(name: string, detail?: unknown): void;
};
type Definition = Record<string, any>;

const hostOf = (self: Self) => self._exparserNode.$$;

// aria-* of WXML (WeChat supports them on builtins) reach the element; role from aria-role.
const ARIA = [
  'role',
  'label',
  'hidden',
  'disabled',
  'checked',
  'selected',
  'expanded',
  'live',
  'describedby',
  'labelledby',
  'valuenow',
  'valuemin',
  'valuemax',
];
const ariaProperties = Object.fromEntries(
  ARIA.map((name) => [`aria${name[0].toUpperCase()}${name.slice(1)}`, { type: null, value: null }]),
);
const ariaObservers = Object.fromEntries(
  ARIA.map((name) => [
    `aria${name[0].toUpperCase()}${name.slice(1)}`,
    function (this: Self, value: unknown) {
      const target = this.__ariaTarget ?? hostOf(this);
      const attribute = name === 'role' ? 'role' : `aria-${name}`;
      if (value === null || value === undefined || value === '') target.removeAttribute(attribute);
      else target.setAttribute(attribute, String(value));
    },
  ]),
);

function builtin(name: string, definition: Definition = {}): void {
  jComponent.register({
    id: name,
    tagName: `wx-${name}`,
    template: definition.template ?? '<slot/>',
    ...definition,
    properties: { ...ariaProperties, ...(definition.properties ?? {}) },
    observers: { ...ariaObservers, ...(definition.observers ?? {}) },
  });
}

/** Reflects properties as attributes of the element, for static/frame.css (`wx-button[type=primary]`). */
function reflect(names: string[]): Record<string, (this: Self, value: unknown) => void> {
  return Object.fromEntries(
    names.map((name) => [
      name,
      function (this: Self, value: unknown) {
        const attribute = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        if (value === false || value === null || value === undefined || value === '') hostOf(this).removeAttribute(attribute);
        else hostOf(this).setAttribute(attribute, value === true ? '' : String(value));
      },
    ]),
  );
}

function textField(kind: 'input' | 'textarea'): Definition {
  return {
    properties: {
      value: { type: null, value: '' },
      type: { type: String, value: 'text' },
      password: { type: Boolean, value: false },
      placeholder: { type: String, value: '' },
      placeholderClass: { type: String, value: '' },
      placeholderStyle: { type: String, value: '' },
      disabled: { type: Boolean, value: false },
      maxlength: { type: Number, value: 140 },
      focus: { type: Boolean, value: false },
      autoFocus: { type: Boolean, value: false },
      autoHeight: { type: Boolean, value: false },
      confirmType: { type: String, value: 'done' },
      name: { type: String, value: '' },
    },
    lifetimes: {
      created(this: Self) {
        const field = document.createElement(kind);
        this.__field = this.__ariaTarget = field;
        hostOf(this).append(field);
        const limit = () => {
          const max = Number(this.data.maxlength);
          if (max >= 0 && field.value.length > max) field.value = field.value.slice(0, max);
        };
        field.addEventListener('input', () => {
          limit();
          if (kind === 'textarea' && this.data.autoHeight) fit(field);
          this.triggerEvent('input', { value: field.value, cursor: field.selectionStart ?? field.value.length, keyCode: 0 });
        });
        field.addEventListener('focus', () => this.triggerEvent('focus', { value: field.value, height: 0 }));
        field.addEventListener('blur', () => this.triggerEvent('blur', { value: field.value, cursor: field.selectionStart ?? 0 }));
        field.addEventListener('keydown', (event) => {
          if ((event as KeyboardEvent).key === 'Enter' && kind === 'input') this.triggerEvent('confirm', { value: field.value });
        });
      },
    },
    observers: {
      value(this: Self, value: unknown) {
        const field = this.__field as HTMLInputElement;
        const text = value === null || value === undefined ? '' : String(value);
        if (field.value !== text) field.value = text;
        if (kind === 'textarea' && this.data.autoHeight) fit(field);
      },
      'type, password'(this: Self, type: string, password: boolean) {
        const field = this.__field as HTMLInputElement;
        if (kind !== 'input') return;
        field.type = password || type === 'safe-password' ? 'password' : 'text';
        field.inputMode = type === 'number' ? 'numeric' : type === 'digit' ? 'decimal' : type === 'idcard' ? 'text' : '';
      },
      placeholder(this: Self, placeholder: string) {
        (this.__field as HTMLInputElement).placeholder = placeholder ?? '';
      },
      disabled(this: Self, disabled: boolean) {
        (this.__field as HTMLInputElement).disabled = Boolean(disabled);
      },
      'focus, autoFocus'(this: Self, focus: boolean, autoFocus: boolean) {
        if (focus || autoFocus) setTimeout(() => (this.__field as HTMLInputElement).focus({ preventScroll: true }), 0);
      },
      autoHeight(this: Self, autoHeight: boolean) {
        hostOf(this).toggleAttribute('auto-height', Boolean(autoHeight));
      },
    },
  };
}

/** auto-height: as tall as the text (not measurable before it is laid out: left to CSS then). */
function fit(field: HTMLElement): void {
  field.style.height = 'auto';
  const height = field.scrollHeight;
  field.style.height = height ? `${height}px` : '';
}

const IMAGE_MODES: Record<string, string> = {
  aspectFill: 'cover',
  aspectFit: 'contain',
  scaleToFill: 'fill',
  widthFix: 'fill',
  heightFix: 'fill',
};

/** Taps on the element itself (open-types, pickers): after the page's own bindtap, as in WeChat. */
function onTap(self: Self, handler: () => void): void {
  hostOf(self).addEventListener('click', () => setTimeout(handler, 0));
}

export function registerBuiltins(): void {
  for (const name of [
    'view',
    'text',
    'label',
    'form',
    'cover-view',
    'swiper',
    'swiper-item',
    'checkbox-group',
    'radio-group',
    'movable-area',
    'movable-view',
    'picker-view',
    'picker-view-column',
    'canvas',
    'video',
    'map',
    'camera',
    'web-view',
    'editor',
    'checkbox',
    'radio',
    'slider',
    'cover-image',
  ]) {
    builtin(name, { properties: { userSelect: { type: Boolean, value: false }, selectable: { type: Boolean, value: false } } });
  }
  builtin('page-meta', {
    properties: {
      rootFontSize: { type: String, value: '' },
      pageFontSize: { type: String, value: '' },
      pageStyle: { type: String, value: '' },
    },
  });

  builtin('input', textField('input'));
  builtin('textarea', textField('textarea'));

  builtin('image', {
    properties: {
      src: { type: String, value: '' },
      mode: { type: String, value: 'scaleToFill' },
      lazyLoad: { type: Boolean, value: false },
      showMenuByLongpress: { type: Boolean, value: false },
      webp: { type: Boolean, value: false },
    },
    lifetimes: {
      created(this: Self) {
        const image = document.createElement('img');
        image.alt = '';
        image.draggable = false;
        this.__image = this.__ariaTarget = image;
        hostOf(this).append(image);
        image.addEventListener('load', () => {
          if (this.data.mode === 'widthFix' || this.data.mode === 'heightFix')
            hostOf(this).style.setProperty('--yzt-ratio', `${image.naturalWidth} / ${image.naturalHeight}`);
          this.triggerEvent('load', { width: image.naturalWidth, height: image.naturalHeight });
        });
        image.addEventListener('error', () => this.triggerEvent('error', { errMsg: `GET ${image.src} failed` }));
      },
    },
    observers: {
      src(this: Self, src: string) {
        const image = this.__image as HTMLImageElement;
        const resolved = resolveSource(src);
        if (resolved) image.src = resolved;
        else image.removeAttribute('src');
        hostOf(this).toggleAttribute('empty', !resolved);
      },
      mode(this: Self, mode: string) {
        hostOf(this).setAttribute('mode', mode);
        (this.__image as HTMLImageElement).style.objectFit = IMAGE_MODES[mode] ?? 'none';
      },
    },
  });

  builtin('button', {
    properties: {
      type: { type: String, value: 'default' },
      size: { type: String, value: 'default' },
      plain: { type: Boolean, value: false },
      disabled: { type: Boolean, value: false },
      loading: { type: Boolean, value: false },
      openType: { type: String, value: '' },
      formType: { type: String, value: '' },
      hoverClass: { type: String, value: 'button-hover' },
    },
    lifetimes: {
      created(this: Self) {
        const host = hostOf(this);
        host.setAttribute('role', 'button');
        host.tabIndex = 0;
        host.addEventListener('keydown', (event) => {
          if ((event as KeyboardEvent).key === 'Enter' || (event as KeyboardEvent).key === ' ') host.click();
        });
        onTap(this, () => void openType(this));
      },
    },
    observers: {
      ...reflect(['type', 'size', 'plain', 'loading']),
      disabled(this: Self, disabled: boolean) {
        hostOf(this).toggleAttribute('disabled', Boolean(disabled));
        hostOf(this).setAttribute('aria-disabled', String(Boolean(disabled)));
      },
    },
  });

  builtin('picker', {
    properties: {
      mode: { type: String, value: 'selector' },
      range: { type: Array, value: [] },
      rangeKey: { type: String, value: '' },
      value: { type: null, value: 0 },
      start: { type: String, value: '' },
      end: { type: String, value: '' },
      disabled: { type: Boolean, value: false },
      headerText: { type: String, value: '' },
    },
    lifetimes: {
      created(this: Self) {
        hostOf(this).setAttribute('role', 'button');
        hostOf(this).tabIndex = 0;
        onTap(this, () => void pick(this));
      },
    },
  });

  builtin('switch', {
    properties: {
      checked: { type: Boolean, value: false },
      disabled: { type: Boolean, value: false },
      type: { type: String, value: 'switch' },
      color: { type: String, value: '#04BE02' },
    },
    lifetimes: {
      created(this: Self) {
        const host = hostOf(this);
        host.setAttribute('role', 'switch');
        host.tabIndex = 0;
        host.append(frame.element('span', { className: 'yzt-switch__knob' }));
        onTap(this, () => {
          if (this.data.disabled) return;
          const value = !this.data.checked;
          (this as unknown as { setData(d: unknown): void }).setData({ checked: value });
          this.triggerEvent('change', { value });
        });
      },
    },
    observers: {
      checked(this: Self, checked: boolean) {
        hostOf(this).setAttribute('aria-checked', String(Boolean(checked)));
        hostOf(this).toggleAttribute('checked', Boolean(checked));
      },
      color(this: Self, color: string) {
        hostOf(this).style.setProperty('--yzt-switch-color', color);
      },
    },
  });

  builtin('scroll-view', {
    properties: {
      scrollX: { type: Boolean, value: false },
      scrollY: { type: Boolean, value: false },
      scrollTop: { type: null, value: null },
      scrollLeft: { type: null, value: null },
      scrollIntoView: { type: String, value: '' },
      lowerThreshold: { type: null, value: 50 },
      enhanced: { type: Boolean, value: false },
      showScrollbar: { type: Boolean, value: true },
      refresherEnabled: { type: Boolean, value: false },
      refresherTriggered: { type: Boolean, value: false },
    },
    lifetimes: {
      created(this: Self) {
        const host = hostOf(this);
        let lowerFired = false;
        host.addEventListener('scroll', () => {
          this.triggerEvent('scroll', {
            scrollTop: host.scrollTop,
            scrollLeft: host.scrollLeft,
            scrollHeight: host.scrollHeight,
            scrollWidth: host.scrollWidth,
          });
          const nearEnd = host.scrollHeight - host.scrollTop - host.clientHeight <= Number(this.data.lowerThreshold);
          if (nearEnd && !lowerFired) this.triggerEvent('scrolltolower', { direction: 'bottom' });
          lowerFired = nearEnd;
        });
      },
    },
    observers: {
      ...reflect(['scrollX', 'scrollY']),
      scrollTop(this: Self, top: unknown) {
        if (top !== null && top !== undefined) hostOf(this).scrollTop = Number(top);
      },
    },
  });

  builtin('navigator', {
    properties: { url: { type: String, value: '' }, openType: { type: String, value: 'navigate' }, delta: { type: Number, value: 1 } },
    lifetimes: {
      created(this: Self) {
        hostOf(this).setAttribute('role', 'link');
        onTap(this, () => {
          const { url, openType, delta } = this.data;
          const go: Record<string, () => Promise<unknown>> = {
            navigate: () => router.navigateTo(url),
            redirect: () => router.redirectTo(url),
            switchTab: () => router.switchTab(url),
            reLaunch: () => router.reLaunch(url),
            navigateBack: () => router.navigateBack(delta),
          };
          void (go[openType] ?? go.navigate)().catch((error) => console.warn(error));
        });
      },
    },
  });

  builtin('rich-text', {
    properties: { nodes: { type: null, value: '' } },
    observers: {
      nodes(this: Self, nodes: unknown) {
        const host = hostOf(this);
        host.replaceChildren();
        if (typeof nodes === 'string') host.insertAdjacentHTML('beforeend', nodes.replace(/<script[\s\S]*?<\/script>/gi, ''));
        else if (Array.isArray(nodes)) host.append(...nodes.map(richNode));
      },
    },
  });

  builtin('icon', {
    properties: { type: { type: String, value: '' }, size: { type: null, value: 23 }, color: { type: String, value: '' } },
    observers: {
      'type, size, color'(this: Self, type: string, size: unknown, color: string) {
        const host = hostOf(this);
        host.setAttribute('type', type);
        host.style.setProperty('--yzt-icon-size', typeof size === 'number' || /^\d+$/.test(String(size)) ? `${size}px` : String(size));
        if (color) host.style.color = color;
      },
    },
  });

  builtin('progress', {
    properties: {
      percent: { type: Number, value: 0 },
      strokeWidth: { type: null, value: 6 },
      activeColor: { type: String, value: '#09BB07' },
      backgroundColor: { type: String, value: '#EBEBEB' },
      showInfo: { type: Boolean, value: false },
    },
    observers: {
      'percent, activeColor, backgroundColor'(this: Self, percent: number, active: string, background: string) {
        const host = hostOf(this);
        host.setAttribute('role', 'progressbar');
        host.setAttribute('aria-valuenow', String(percent));
        host.style.setProperty('--yzt-progress', `${Math.max(0, Math.min(100, percent))}%`);
        host.style.setProperty('--yzt-progress-active', active);
        host.style.setProperty('--yzt-progress-background', background);
      },
    },
  });
}

function richNode(node: any): Node {
  if (!node || node.type === 'text') return document.createTextNode(String(node?.text ?? ''));
  const element = document.createElement(/^[a-z][a-z0-9]*$/.test(node.name ?? '') && node.name !== 'script' ? node.name : 'span');
  for (const [name, value] of Object.entries(node.attrs ?? {})) if (!/^on/i.test(name)) element.setAttribute(name, String(value));
  element.append(...(node.children ?? []).map(richNode));
  return element;
}

async function pick(self: Self): Promise<void> {
  const { mode, range, rangeKey, value, disabled } = self.data;
  if (disabled) return;
  if (mode === 'date' || mode === 'time') {
    const input = frame.field(mode === 'date' ? '日期' : '时间', { type: mode, value: String(value ?? '') });
    if (self.data.start) input.input.min = self.data.start;
    if (self.data.end) input.input.max = self.data.end;
    const ok = await frame.ask(
      '',
      [input.node],
      [
        { text: '取消', value: false },
        { text: '确定', value: true, primary: true },
      ],
    );
    if (ok && input.input.value) self.triggerEvent('change', { value: input.input.value });
    else self.triggerEvent('cancel', {});
    return;
  }
  if (mode === 'selector' || !mode) {
    const labels = (range as unknown[]).map((item) =>
      String(rangeKey && item && typeof item === 'object' ? (item as Record<string, unknown>)[rangeKey] : item),
    );
    const index = await frame.sheet(labels, { title: self.data.headerText, selected: Number(value) });
    if (index >= 0) self.triggerEvent('change', { value: index });
    else self.triggerEvent('cancel', {});
    return;
  }
  console.warn(`picker mode="${mode}" is not available in the browser preview`);
}

async function openType(self: Self): Promise<void> {
  const { openType: kind, disabled } = self.data;
  if (!kind || disabled) return;
  if (kind === 'getPhoneNumber' || kind === 'getRealtimePhoneNumber') {
    self.triggerEvent(kind.toLowerCase(), await askPhoneNumber());
  } else if (kind === 'share') {
    const share = (router.callCurrent('onShareAppMessage', { from: 'button' }) ?? {}) as { title?: string; path?: string };
    void frame.ask(
      '转发给朋友',
      [`标题：${share.title ?? ''}`, frame.element('br'), `路径：${share.path ?? router.currentPage()?.key ?? ''}`],
      [{ text: '好的', value: true, primary: true }],
      'capability',
    );
  } else if (kind === 'chooseAvatar') {
    const input = frame.element('input', { type: 'file', accept: 'image/*' });
    const ok = await frame.ask(
      '选择头像',
      [input],
      [
        { text: '取消', value: false },
        { text: '确定', value: true, primary: true },
      ],
      'capability',
    );
    const file = input.files?.[0];
    if (ok && file) self.triggerEvent('chooseavatar', { avatarUrl: URL.createObjectURL(file) });
  } else if (kind === 'contact' || kind === 'feedback' || kind === 'openSetting' || kind === 'launchApp') {
    frame.showToast('预览中不可用', 'none', 1500);
  }
}
