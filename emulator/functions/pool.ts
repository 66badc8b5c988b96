// A function's instances: worker threads that each run one invocation at a time, grown on demand up
// to a cap; further calls queue, as requests do when CloudBase's concurrency limit is reached.
import { Worker } from 'node:worker_threads';
import type { InvokeReply, InvokeRequest } from './worker';

export type Outcome = { ok: true; result: unknown } | { ok: false; error: string };

interface Instance {
  worker: Worker;
  /** The call whose output arrives now: the running one, or the last one (output trails replies). */
  lastCallId?: string;
  busy?: { request: InvokeRequest; resolve: (outcome: Outcome) => void; timer: NodeJS.Timeout };
  dead: boolean;
}

export interface PoolOptions {
  entry: string;
  bundlePath: string;
  /** The environment every instance starts with (the function's configured variables). */
  env: Record<string, string>;
  maxInstances: number;
  timeoutMs: number;
  /** A function's console output, attributed to the call that wrote it. */
  onOutput?: (callId: string | undefined, stream: 'stdout' | 'stderr', text: string) => void;
}

export class InstancePool {
  private instances: Instance[] = [];
  private queue: Array<{ request: InvokeRequest; resolve: (outcome: Outcome) => void }> = [];

  constructor(private readonly options: PoolOptions) {}

  get size(): number {
    return this.instances.length;
  }

  run(request: InvokeRequest): Promise<Outcome> {
    return new Promise((resolve) => {
      this.queue.push({ request, resolve });
      this.drain();
    });
  }

  async stop(): Promise<void> {
    const instances = this.instances;
    this.instances = [];
    for (const { resolve } of this.queue.splice(0)) resolve({ ok: false, error: 'emulator stopped' });
    await Promise.all(instances.map((instance) => this.retire(instance, 'emulator stopped')));
  }

  private drain(): void {
    while (this.queue.length > 0) {
      const instance = this.instances.find((candidate) => !candidate.busy && !candidate.dead) ?? this.spawn();
      if (!instance) return;
      const { request, resolve } = this.queue.shift()!;
      const timer = setTimeout(() => {
        void this.retire(instance, `Invoking task timed out after ${this.options.timeoutMs / 1000} seconds`);
      }, this.options.timeoutMs);
      instance.busy = { request, resolve, timer };
      instance.lastCallId = request.id;
      instance.worker.postMessage(request);
    }
  }

  private spawn(): Instance | undefined {
    if (this.instances.length >= this.options.maxInstances) return undefined;
    const worker = new Worker(this.options.entry, {
      workerData: { bundlePath: this.options.bundlePath },
      env: { ...this.options.env },
      stdout: true,
      stderr: true,
    });
    const instance: Instance = { worker, dead: false };
    for (const stream of ['stdout', 'stderr'] as const) {
      worker[stream].on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        (stream === 'stdout' ? process.stdout : process.stderr).write(text);
        this.options.onOutput?.(instance.lastCallId, stream, text);
      });
    }
    worker.on('message', (reply: InvokeReply) => {
      const busy = instance.busy;
      if (!busy || busy.request.id !== reply.id) return;
      clearTimeout(busy.timer);
      instance.busy = undefined;
      busy.resolve(reply.ok ? { ok: true, result: reply.result } : { ok: false, error: reply.error });
      this.drain();
    });
    // A crashed instance is replaced: the next call spawns a fresh one.
    worker.on('error', (error) => void this.retire(instance, `instance crashed: ${error.message}`));
    worker.on('exit', (code) => void this.retire(instance, `instance exited with code ${code}`));
    worker.unref();
    this.instances.push(instance);
    return instance;
  }

  private async retire(instance: Instance, reason: string): Promise<void> {
    if (instance.dead) return;
    instance.dead = true;
    this.instances = this.instances.filter((candidate) => candidate !== instance);
    const busy = instance.busy;
    instance.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.resolve({ ok: false, error: reason });
    }
    await instance.worker.terminate().catch(() => undefined);
    this.drain();
  }
}
