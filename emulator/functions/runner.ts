// The function runner: each function under cloudfunctions/ runs its built bundle (the exact file a
// deploy uploads) in its own instance pool; per call it sets the context CloudBase would set, and it
// keeps a log of recent calls with the database and openapi requests each one made.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cronMatches, parseCron, type CronSchedule } from './cron';
import { workerEntry } from './paths';
import { LOCAL_SECRETS } from './local-secrets';
import PLATFORM_ENV from './platform-env.json';
import { InstancePool, type Outcome } from './pool';

export interface CallRecord {
  id: string;
  function: string;
  /** null for trigger invocations, which carry no caller. */
  openid: string | null;
  /** `event.action` when the event has one, or the trigger's name. */
  action: string | null;
  startedAt: string;
  durationMs: number | null;
  status: 'running' | 'ok' | 'error';
  error?: string;
  databaseRequests: number;
  /** The part of databaseRequests that only reads (by wire action: get, count, aggregate, get in a transaction). */
  databaseReads: number;
  /** The rest: writes and the transaction's start, commit and abort (counted with writes, as the scarcer quota). */
  databaseWrites: number;
  openapiRequests: number;
  /** What the call wrote to its console (the start of it). */
  logs: string;
}

export interface Invocation {
  status: number;
  body: unknown;
  callId: string;
}

interface TimerTrigger {
  name: string;
  schedule: CronSchedule;
}

interface FunctionEntry {
  name: string;
  pool: InstancePool;
  triggers: TimerTrigger[];
}

export interface RunnerOptions {
  functionsRoot: string;
  /** The SDK's service address (`http://host:port/admin`). */
  adminUrl: string;
  /** Variables passed through to every function (ADMIN_OPENIDS, TEMPLATE_IDS, ...). */
  env: Record<string, string>;
  appid: string;
  clockOffsetMs: () => number;
  maxInstances?: number;
  timeoutMs?: number;
}

const CALL_LOG_SIZE = 500;
/** Wire actions that only read; every other database action writes or ends a transaction. */
const DATABASE_READS = new Set([
  'database.getDocument',
  'database.calculateDocument',
  'database.aggregateDocuments',
  'database.getInTransaction',
]);
const LOGS_PER_CALL = 4_000;
/** callFunction's answer when the function itself failed. */
const EXECUTION_FAILED = -404011;

export class FunctionRunner {
  private readonly functions = new Map<string, FunctionEntry>();
  private readonly log: CallRecord[] = [];
  private readonly byId = new Map<string, CallRecord>();
  private sequence = 0;

  constructor(private readonly options: RunnerOptions) {
    if (!existsSync(options.functionsRoot)) return;
    for (const name of readdirSync(options.functionsRoot)) {
      const bundlePath = path.join(options.functionsRoot, name, 'index.js');
      if (!existsSync(bundlePath)) continue;
      const config = readConfig(path.join(options.functionsRoot, name, 'config.json'));
      const pool = new InstancePool({
        entry: workerEntry(),
        bundlePath,
        // The emulator's own settings override the deployed defaults, as console settings would.
        env: { ...LOCAL_SECRETS, ...config.env, ...options.env, ...platformEnv(options.adminUrl) },
        maxInstances: options.maxInstances ?? 8,
        timeoutMs: options.timeoutMs ?? (config.timeout ? config.timeout * 1000 : 60_000),
        onOutput: (callId, _stream, text) => {
          const record = callId ? this.byId.get(callId) : undefined;
          if (record && record.logs.length < LOGS_PER_CALL) record.logs = (record.logs + text).slice(0, LOGS_PER_CALL);
        },
      });
      this.functions.set(name, { name, pool, triggers: config.triggers });
    }
  }

  names(): string[] {
    return [...this.functions.keys()];
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  /** Recent calls, newest first. */
  calls(): CallRecord[] {
    return [...this.log].reverse();
  }

  /** Attributes one service request to the call whose TCB_SEQID prefixes the request's seqId. */
  countRequest(seqId: string | null, kind: 'databaseRequests' | 'openapiRequests', wireAction?: string): void {
    const record = seqId ? this.byId.get(seqId.split('-')[0]) : undefined;
    if (!record) return;
    record[kind] += 1;
    if (kind === 'databaseRequests') record[wireAction && DATABASE_READS.has(wireAction) ? 'databaseReads' : 'databaseWrites'] += 1;
  }

  invoke(name: string, event: unknown, openid: string | null): Promise<Invocation> {
    const action = isObject(event) && typeof event.action === 'string' ? event.action : null;
    return this.run(name, event, openid, action);
  }

  /** Fires a function's timer trigger now (the first, or the one named). */
  timer(name: string, triggerName?: string): Promise<Invocation> {
    const entry = this.functions.get(name);
    const trigger = entry?.triggers.find((t) => !triggerName || t.name === triggerName);
    const TriggerName = trigger?.name ?? triggerName ?? 'timer';
    const Time = new Date(Date.now() + this.options.clockOffsetMs()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return this.run(name, { Type: 'Timer', TriggerName, Time }, null, TriggerName);
  }

  /** An event WeChat pushes to the function (message push: an image check's answer): no caller, no userInfo. */
  push(name: string, event: Record<string, unknown>): Promise<Invocation> {
    return this.run(name, event, null, typeof event.Event === 'string' ? event.Event : 'push');
  }

  /** Fires every trigger whose schedule matches this second of the emulator's clock. */
  tick(at: Date): void {
    for (const entry of this.functions.values()) {
      for (const trigger of entry.triggers) {
        if (cronMatches(trigger.schedule, at)) void this.timer(entry.name, trigger.name);
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.functions.values()].map((entry) => entry.pool.stop()));
  }

  private async run(name: string, event: unknown, openid: string | null, action: string | null): Promise<Invocation> {
    const entry = this.functions.get(name);
    const callId = `call${++this.sequence}`;
    if (!entry) {
      return { status: 404, callId, body: { errCode: -501000, errMsg: `cloud.callFunction:fail FUNCTION_NOT_FOUND: ${name}` } };
    }
    const record: CallRecord = {
      id: callId,
      function: name,
      openid,
      action,
      startedAt: new Date().toISOString(),
      durationMs: null,
      status: 'running',
      databaseRequests: 0,
      databaseReads: 0,
      databaseWrites: 0,
      openapiRequests: 0,
      logs: '',
    };
    this.remember(record);
    const started = performance.now();
    const outcome: Outcome = await entry.pool.run({
      id: callId,
      event,
      env: this.callEnv(callId, openid),
      context: { callbackWaitsForEmptyEventLoop: false, memory_limit_in_mb: 256, time_limit_in_ms: 60_000, request_id: callId },
    });
    record.durationMs = Math.round(performance.now() - started);
    if (outcome.ok) {
      record.status = 'ok';
      return { status: 200, callId, body: outcome.result };
    }
    record.status = 'error';
    record.error = outcome.error;
    return {
      status: 500,
      callId,
      body: {
        errCode: EXECUTION_FAILED,
        errMsg: `cloud.callFunction:fail ${EXECUTION_FAILED} cloud function execution error | errMsg: ${outcome.error}`,
      },
    };
  }

  private callEnv(callId: string, openid: string | null): Record<string, string | undefined> {
    return {
      WX_OPENID: openid ?? undefined,
      WX_APPID: this.options.appid,
      // Triggers run without a user: the platform gives them no WX context at all.
      WX_CONTEXT_KEYS: openid === null ? undefined : 'WX_OPENID,WX_APPID',
      TCB_CONTEXT_KEYS: 'TCB_SEQID',
      TCB_SEQID: callId,
      EMULATOR_NOW_OFFSET_MS: String(this.options.clockOffsetMs()),
    };
  }

  private remember(record: CallRecord): void {
    this.log.push(record);
    this.byId.set(record.id, record);
    while (this.log.length > CALL_LOG_SIZE) this.byId.delete(this.log.shift()!.id);
  }
}

/**
 * What makes wx-server-sdk inside a function talk to this emulator instead of Tencent Cloud: its
 * service address, and placeholders for what CloudBase's runtime sets (platform-env.json).
 */
function platformEnv(adminUrl: string): Record<string, string> {
  return { ...PLATFORM_ENV, TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }) };
}

interface FunctionConfig {
  timeout?: number;
  env: Record<string, string>;
  triggers: TimerTrigger[];
}

function readConfig(file: string): FunctionConfig {
  if (!existsSync(file)) return { env: {}, triggers: [] };
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    timeout?: number;
    envVariables?: Record<string, string>;
    triggers?: Array<{ name: string; type: string; config: string }>;
  };
  return {
    timeout: raw.timeout,
    env: raw.envVariables ?? {},
    triggers: (raw.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ name: t.name, schedule: parseCron(t.config) })),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
