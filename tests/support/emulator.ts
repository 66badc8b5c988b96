// The emulator as every cloud, mini-program and e2e test uses it: in memory, on a free port, with the
// real `api` bundle (built by jest's globalSetup) running in worker threads behind the gateway.
//
//   const emulator = await startTestEmulator();
//   const answer = await emulator.call('resident-1', 'me.get');
//   await emulator.stop();
import type { Faults } from '../../emulator/faults';
import type { CallRecord } from '../../emulator/functions/runner';
import type { Delivery } from '../../emulator/openapi';
import { startEmulator } from '../../emulator/server';
import type { ActionName, ApiResult, DataOf, PayloadOf, TemplateKey } from '../../typings/contract';

export type { CallRecord, Delivery, Faults };

export const STAFF_OPENID = 'staff-openid';
export const TEMPLATE_IDS: Record<TemplateKey, string> = {
  newMessage: 'tmpl-newMessage',
  messageUpdate: 'tmpl-messageUpdate',
  reminder: 'tmpl-reminder',
  voteResult: 'tmpl-voteResult',
};
export const DEFAULT_ENV: Record<string, string> = {
  ADMIN_OPENIDS: STAFF_OPENID,
  TEMPLATE_IDS: JSON.stringify(TEMPLATE_IDS),
};

export interface TestEmulator {
  url: string;
  templateIds: Record<TemplateKey, string>;
  /** One action through the gateway as `openid`, exactly as the mini-program's local transport sends it. */
  call<A extends ActionName>(openid: string, action: A, payload?: PayloadOf<A>): Promise<ApiResult<DataOf<A>>>;
  /** Any event, with or without a caller; status and body as the gateway answered. */
  callRaw(openid: string | null, event: unknown): Promise<{ status: number; body: unknown }>;
  /** Fires the `api` function's timer trigger now; resolves with its answer. */
  timer(): Promise<unknown>;
  collection(name: string): Promise<Record<string, unknown>[]>;
  deliveries(): Promise<Delivery[]>;
  /** Recent function calls, newest first. */
  calls(): Promise<CallRecord[]>;
  setFaults(faults: Partial<Faults>): Promise<void>;
  advanceClock(ms: number): Promise<void>;
  /** Grants subscribe-message credits as WeChat does when the person accepts a template. */
  grantSubscription(openid: string, templateKey: TemplateKey, count?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestEmulator(options: { env?: Record<string, string>; seed?: boolean } = {}): Promise<TestEmulator> {
  const env = { ...DEFAULT_ENV, ...options.env };
  const emulator = await startEmulator({ port: 0, memory: true, seed: options.seed ?? false, env, schedule: false });
  const templateIds = { ...TEMPLATE_IDS, ...parseObject(env.TEMPLATE_IDS) } as Record<TemplateKey, string>;

  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
  async function ok(method: string, path: string, body?: unknown): Promise<unknown> {
    const answer = await request(method, path, body);
    if (answer.status !== 200) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
  const items = async <T>(path: string) => ((await ok('GET', path)) as { items: T[] }).items;

  return {
    url: emulator.url,
    templateIds,
    async call(openid, action, payload) {
      const answer = await request('POST', '/functions/api', { action, payload: payload ?? {} }, { 'x-wx-openid': openid });
      if (answer.status !== 200) throw new Error(`api ${action} failed with HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body as ApiResult<never>;
    },
    callRaw: (openid, event) => request('POST', '/functions/api', event, openid === null ? {} : { 'x-wx-openid': openid }),
    timer: () => ok('POST', '/_emulator/functions/api/timer', {}),
    collection: (name) => items(`/_emulator/collections/${encodeURIComponent(name)}?limit=10000`),
    deliveries: () => items<Delivery>('/_emulator/deliveries?limit=10000'),
    calls: () => items<CallRecord>('/_emulator/calls'),
    async setFaults(faults) {
      await ok('PUT', '/_emulator/faults', faults);
    },
    async advanceClock(ms) {
      await ok('PUT', '/_emulator/clock', { advanceMs: ms });
    },
    async grantSubscription(openid, templateKey, count = 1) {
      await ok('POST', '/_emulator/subscriptions', { openid, templateId: templateIds[templateKey], count });
    },
    stop: () => emulator.stop(),
  };
}

function parseObject(raw: string | undefined): Record<string, string> {
  try {
    const value = raw ? JSON.parse(raw) : {};
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}
