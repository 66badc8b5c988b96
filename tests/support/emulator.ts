// The emulator as every cloud, mini-program and e2e test uses it: its own node process (the built
// emulator/dist/main.js, so jsdom's timers and globals of mini-program tests never reach it), in
// memory, on a free port, with the real `api` bundle (built by jest's globalSetup) behind the gateway.
//
//   const emulator = await startTestEmulator();
//   const answer = await emulator.call('resident-1', 'me.get');
//   await emulator.stop();
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { Faults } from '../../emulator/faults';
import type { CallRecord } from '../../emulator/functions/runner';
import type { Delivery } from '../../emulator/openapi';
import type { ActionName, ApiResult, DataOf, PayloadOf, TemplateKey } from '../../typings/contract';

export type { CallRecord, Delivery, Faults };

export const STAFF_OPENID = 'staff-openid';
export const TEMPLATE_IDS: Record<TemplateKey, string> = {
  newMessage: 'tmpl-newMessage',
  messageUpdate: 'tmpl-messageUpdate',
  reminder: 'tmpl-reminder',
  voteResult: 'tmpl-voteResult',
  projectUpdate: 'tmpl-projectUpdate',
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
  /**
   * The code WeChat hands a page when `openid` taps 手机号快速验证 and shares `phoneNumber`
   * (single use, five minutes by the emulator's clock), for `me.verifyPhone`.
   */
  phoneCode(openid: string, phoneNumber: string, countryCode?: string): Promise<string>;
  /** Shares `phoneNumber` as `openid` and verifies it (me.verifyPhone); resolves with the masked number. */
  verifyPhone(openid: string, phoneNumber: string): Promise<string>;
  /** Stores a file in the emulator's cloud storage as a page's upload does; resolves with its file ID. */
  upload(cloudPath: string, bytes: Buffer): Promise<string>;
  /** Image checks (security.mediaCheckAsync) sent so far, oldest first, with the answer once given. */
  mediaChecks(): Promise<{ traceId: string; mediaUrl: string; openid: string; answer?: string }[]>;
  /** Image checks wait for `answerMediaCheck` instead of passing on their own. */
  holdMediaChecks(): Promise<void>;
  /** WeChat's answer for one image check, pushed to the function; resolves with what the function answered. */
  answerMediaCheck(traceId: string, suggest: 'pass' | 'review' | 'risky'): Promise<unknown>;
  stop(): Promise<void>;
}

const MAIN = path.resolve(__dirname, '..', '..', 'emulator', 'dist', 'main.js');
const running = new Set<ChildProcess>();
// A test file that forgets stop(), or a jest worker torn down early, leaves no emulator behind.
process.once('exit', () => running.forEach((child) => child.kill()));

/** `empty`: no collections at all, as a new CloudBase environment before `npm run ops -- provision`. */
export async function startTestEmulator(
  options: { env?: Record<string, string>; seed?: boolean; empty?: boolean } = {},
): Promise<TestEmulator> {
  const env = { ...DEFAULT_ENV, ...options.env };
  const args = [
    MAIN,
    '--memory',
    '--port',
    '0',
    '--no-schedule',
    ...(options.seed ? ['--seed', 'demo'] : ['--no-seed']),
    ...(options.empty ? ['--empty'] : []),
  ];
  // A developer's own yizhengtong.config.json never reaches tests: each says what it runs with.
  const child = spawn(process.execPath, args, {
    env: { ...process.env, YIZHENGTONG_CONFIG: path.join(__dirname, 'no-such-config.json'), ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let banner = '';
    // Keep reading after the banner: functions' console.log ends up here too and must not block.
    child.stdout!.on('data', (chunk: Buffer) => {
      if (banner.length > 4096) return;
      banner += chunk.toString('utf8');
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(banner);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`the emulator exited (code ${code}) before listening; is emulator/dist built? ${banner}`)),
    );
  });
  const templateIds = { ...TEMPLATE_IDS, ...parseObject(env.TEMPLATE_IDS) } as Record<TemplateKey, string>;

  const ok = async (method: string, pathname: string, body?: unknown): Promise<unknown> => {
    const answer = await request(url, method, pathname, body);
    if (answer.status !== 200) throw new Error(`${method} ${pathname} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const items = async <T>(pathname: string) => ((await ok('GET', pathname)) as { items: T[] }).items;

  const emulator: TestEmulator = {
    url,
    templateIds,
    async call(openid, action, payload) {
      const answer = await request(url, 'POST', '/functions/api', { action, payload: payload ?? {} }, { 'x-wx-openid': openid });
      if (answer.status !== 200) throw new Error(`api ${action} failed with HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body as ApiResult<never>;
    },
    callRaw: (openid, event) => request(url, 'POST', '/functions/api', event, openid === null ? {} : { 'x-wx-openid': openid }),
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
    async phoneCode(openid, phoneNumber, countryCode) {
      return ((await ok('POST', '/_emulator/phone-codes', { openid, phoneNumber, countryCode })) as { code: string }).code;
    },
    async verifyPhone(openid, phoneNumber) {
      const code = await emulator.phoneCode(openid, phoneNumber);
      const answer = await emulator.call(openid, 'me.verifyPhone', { code });
      if (!answer.ok) throw new Error(`me.verifyPhone failed for ${openid}: ${JSON.stringify(answer.error)}`);
      return answer.data.maskedPhone;
    },
    async upload(cloudPath, bytes) {
      const answer = await request(url, 'PUT', `/_emulator/storage/${cloudPath}`, bytes);
      if (answer.status !== 200) throw new Error(`upload ${cloudPath} answered ${answer.status}`);
      return `cloud://emulator.emulator-bucket/${cloudPath}`;
    },
    mediaChecks: () => items('/_emulator/media-checks'),
    async holdMediaChecks() {
      await ok('PUT', '/_emulator/media-checks', { answers: 'hold' });
    },
    async answerMediaCheck(traceId, suggest) {
      return ((await ok('POST', '/_emulator/media-checks/answer', { traceId, suggest })) as { answered: unknown }).answered;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      running.delete(child);
    },
  };
  return emulator;
}

/** Node's http rather than fetch: mini-program tests run under jsdom, which has no fetch. */
function request(
  base: string,
  method: string,
  pathname: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      `${base}${pathname}`,
      {
        method,
        agent: false,
        headers: { 'content-type': 'application/json', ...(payload ? { 'content-length': payload.length } : {}), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : undefined });
          } catch {
            reject(new Error(`${method} ${pathname}: answer is not JSON: ${text.slice(0, 200)}`));
          }
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function parseObject(raw: string | undefined): Record<string, string> {
  try {
    const value = raw ? JSON.parse(raw) : {};
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}
