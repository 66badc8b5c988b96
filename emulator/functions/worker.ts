// One CloudBase instance: loads a function's deployed bundle and runs one invocation at a time.
// The runner sets the per-call environment (WX_OPENID, TCB_SEQID, ...) in this thread's own copy
// of process.env, which is what wx-server-sdk reads.
import { parentPort, workerData } from 'node:worker_threads';

export interface InvokeRequest {
  id: string;
  event: unknown;
  env: Record<string, string | undefined>;
  context: Record<string, unknown>;
}

export type InvokeReply = { id: string; ok: true; result: unknown } | { id: string; ok: false; error: string };

type Main = (event: unknown, context: unknown) => unknown;
let main: Main | undefined;

parentPort?.on('message', async (request: InvokeRequest) => {
  const saved = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(request.env)) {
    saved.set(key, process.env[key]);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  let reply: InvokeReply;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    main ??= (require((workerData as { bundlePath: string }).bundlePath) as { main: Main }).main;
    const result = await main(request.event, request.context);
    // callFunction hands the caller the JSON of the return value, nothing more.
    reply = { id: request.id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  parentPort?.postMessage(reply);
});
