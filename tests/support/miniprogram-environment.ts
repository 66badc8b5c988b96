// The mini-program tests' environment: jsdom for the rendered pages (miniprogram-simulate needs a DOM),
// plus Node's own timers and networking for what runs beside them in the same process: the emulator
// started by startTestEmulator() (HTTP server, worker threads, timers it unref()s) and its client.
// jsdom's timers return numbers and it has no fetch; the pages do not care whose timers they get.
import { TestEnvironment } from 'jest-environment-jsdom';

type EnvironmentArgs = ConstructorParameters<typeof TestEnvironment>;

const NODE_GLOBALS = [
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'Blob',
  'File',
  'AbortController',
  'AbortSignal',
  'TextEncoder',
  'TextDecoder',
  'ReadableStream',
  'MessageChannel',
  'structuredClone',
] as const;

export default class MiniprogramEnvironment extends TestEnvironment {
  constructor(config: EnvironmentArgs[0], context: EnvironmentArgs[1]) {
    super(config, context);
    const target = this.global as unknown as Record<string, unknown>;
    const node = globalThis as unknown as Record<string, unknown>;
    for (const name of NODE_GLOBALS) if (node[name] !== undefined) target[name] = node[name];
  }
}
