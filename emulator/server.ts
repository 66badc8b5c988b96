// The local CloudBase: one HTTP server with the production surface wx-server-sdk talks to (`/admin`),
// the function gateway (`/functions/<name>`), and the emulator's own endpoints under `/_emulator/`.
// Its parts are services of one shape (services.ts), started in order by one registry.
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createDatabase, type CollectionDeclaration, type Database } from './database';
import { noFaults, type Faults } from './faults';
import { repoRoot } from './functions/paths';
import { FunctionRunner } from './functions/runner';
import { CORS, HttpError, parseJson, readBody, sendBytes, sendJson } from './http';
import { createOpenApi, DEFAULT_APPID, type OpenApi } from './openapi';
import { parseMultipart } from './openapi/multipart';
import { emulatorRoutes } from './routes';
import { seedIfEmpty } from './seed';
import { ServiceRegistry, type EmulatorService } from './services';
import { previewFile } from './preview/route';
import { contentTypeOf, createStorage, type Storage } from './storage';

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Keep everything in memory (tests); otherwise persist under `dataDir`. */
  memory?: boolean;
  dataDir?: string;
  /** Seed demo data into an empty store (true = 'demo'). */
  seed?: boolean | string;
  /** Start with no collections, as a new CloudBase environment (for `npm run ops -- provision`); no seed. */
  empty?: boolean;
  /** Drop all stored data before starting. */
  reset?: boolean;
  /** Environment passed to every function (ADMIN_OPENIDS, TEMPLATE_IDS, ...). */
  env?: Record<string, string>;
  functionsRoot?: string;
  /** Fire timer triggers on their schedule (tests fire them on demand instead). */
  schedule?: boolean;
  maxInstances?: number;
}

export interface Emulator {
  url: string;
  port: number;
  database: Database;
  openapi: OpenApi;
  storage: Storage;
  runner: FunctionRunner;
  faults: Faults;
  clock: { offsetMs: number; now(): Date };
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const root = repoRoot();
  const env = options.env ?? {};
  const faults = noFaults();
  const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
  const dataDir = options.memory ? undefined : (options.dataDir ?? path.join(root, '.emulator-data'));
  let baseUrl = '';
  const storage = createStorage({ dataDir: dataDir && path.join(dataDir, 'storage'), publicUrl: () => baseUrl });
  const appid = env.WX_APPID ?? DEFAULT_APPID;
  const openapi = createOpenApi({
    faults,
    now: clock.now,
    appid,
    templateIds: parseTemplateIds(env.TEMPLATE_IDS),
    // WeChat pushes an image check's answer to the function configured for message push: here, `api`.
    push: { event: async (event) => (await runner.push('api', event)).body },
  });
  let database!: Database;
  let runner!: FunctionRunner;
  let routes!: ReturnType<typeof emulatorRoutes>;
  let scheduler: NodeJS.Timeout | undefined;

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (!response.headersSent) sendJson(response, status, { errCode: -1, errMsg: (error as Error)?.message ?? String(error) });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    const method = request.method ?? 'GET';
    if (method === 'OPTIONS') {
      response.writeHead(204, CORS);
      response.end();
      return;
    }
    if (url.pathname === '/admin' && method === 'POST') return admin(request, response, url);
    const gateway = /^\/functions\/([\w-]+)$/.exec(url.pathname);
    if (gateway && method === 'POST') {
      const event = parseJson(await readBody(request));
      const openid = headerOpenid(request);
      // wx.cloud.callFunction adds the caller as `userInfo` to every event it sends (a test may send its own,
      // to show the function never trusts it).
      const withCaller =
        openid && typeof event === 'object' && event !== null && !Array.isArray(event) && !('userInfo' in event)
          ? { ...(event as Record<string, unknown>), userInfo: { appId: appid, openId: openid } }
          : (event ?? {});
      const invocation = await runner.invoke(gateway[1], withCaller, openid);
      return sendJson(response, invocation.status, invocation.body);
    }
    if (url.pathname === '/' || url.pathname.startsWith('/ui/'))
      return staticFile(response, url.pathname === '/' ? 'index.html' : url.pathname.slice(4));
    if (url.pathname === '/preview') {
      response.writeHead(302, { location: `/preview/${url.search}` });
      return void response.end();
    }
    if (url.pathname.startsWith('/preview/') && method === 'GET') {
      const file = previewFile(root, url.pathname);
      return sendBytes(response, 200, file.bytes, file.contentType);
    }
    if (url.pathname.startsWith('/_emulator/storage/')) return storageRoute(request, response, url);
    if (url.pathname === '/_emulator/services' && method === 'GET') return sendJson(response, 200, { items: services.info() });
    if (url.pathname.startsWith('/_emulator/')) {
      const body = method === 'GET' ? undefined : parseJson(await readBody(request));
      const answer = await routes(method, url, body);
      if (answer && 'bytes' in answer) return sendBytes(response, 200, answer.bytes, answer.contentType);
      if (answer) return sendJson(response, answer.status ?? 200, answer.body);
    }
    throw new HttpError(404, `no route for ${method} ${url.pathname}`);
  }

  /** Requests wx-server-sdk sends: JSON bodies for the database, multipart for `wx.openApi`. */
  async function admin(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const seqId = url.searchParams.get('seqId');
    const raw = await readBody(request);
    const contentType = request.headers['content-type'] ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      const fields = parseMultipart(raw, contentType);
      const action = fields.get('action')?.toString('utf8') ?? '';
      if (action === 'wx.openApi') {
        runner?.countRequest(seqId, 'openapiRequests');
        const answer = await openapi.handle(fields.get('apiName')?.toString('utf8') ?? '', fields.get('requestData') ?? Buffer.alloc(0));
        return sendBytes(response, 200, answer, 'application/octet-stream');
      }
      return sendJson(response, 200, unknownAction(action));
    }
    const body = (parseJson(raw) ?? {}) as Record<string, unknown>;
    const action = typeof body.action === 'string' ? body.action : '';
    if (action.startsWith('database.')) {
      runner?.countRequest(seqId, 'databaseRequests', action);
      return sendJson(response, 200, await database.handle(action, body));
    }
    if (action.startsWith('storage.')) return sendJson(response, 200, storage.handle(action, body));
    return sendJson(response, 200, unknownAction(action));
  }

  /** Files by cloud path: GET serves, PUT is the SDK's upload, POST .../upload is wx.uploadFile's form. */
  async function storageRoute(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const cloudPath = decodeURIComponent(url.pathname.slice('/_emulator/storage/'.length));
    if (request.method === 'GET') {
      const bytes = storage.read(cloudPath);
      if (!bytes) throw new HttpError(404, `no file ${cloudPath}`);
      return sendBytes(response, 200, bytes, contentTypeOf(cloudPath));
    }
    if (request.method === 'PUT') {
      storage.write(cloudPath, await readBody(request));
      response.writeHead(200, CORS);
      return void response.end();
    }
    if (request.method === 'POST' && cloudPath === 'upload') {
      const fields = parseMultipart(await readBody(request), request.headers['content-type'] ?? '');
      const target = fields.get('cloudPath')?.toString('utf8') ?? '';
      const file = fields.get('file');
      if (!file || !target) throw new HttpError(400, 'upload: give the fields cloudPath and file');
      return sendJson(response, 200, { fileID: storage.write(target, file), errMsg: 'uploadFile:ok' });
    }
    throw new HttpError(404, 'not found');
  }

  function staticFile(response: ServerResponse, name: string): void {
    const types: Record<string, string> = {
      '.html': 'text/html; charset=utf-8',
      '.js': 'text/javascript; charset=utf-8',
      '.css': 'text/css; charset=utf-8',
    };
    const type = types[path.extname(name)];
    if (!type || name.includes('..') || name.includes('/')) throw new HttpError(404, 'not found');
    sendBytes(response, 200, readFileSync(path.join(root, 'emulator', 'ui', name)), type);
  }

  const idle: Pick<EmulatorService, 'start' | 'stop'> = { start: async () => {}, stop: async () => {} };
  const services = new ServiceRegistry([
    {
      name: 'database',
      async start() {
        database = await createDatabase({
          collections: readCollections(path.join(root, 'cloudfunctions', 'api', 'collections.json')),
          dataDir: dataDir && path.join(dataDir, 'database'),
          empty: options.empty,
          now: clock.now,
          faults,
        });
        if (options.reset) await database.reset();
        if (options.seed && !options.empty) await seedIfEmpty(database, options.seed === true ? 'demo' : options.seed, storage);
      },
      stop: () => database.close(),
      info: () => ({
        persisted: Boolean(dataDir),
        documents: database?.listCollections().reduce((sum, { count }) => sum + count, 0) ?? 0,
        ...(database ? { locks: database.activity() } : {}),
      }),
    },
    { name: 'storage', ...idle, info: () => ({ persisted: Boolean(dataDir) }) },
    { name: 'openapi', ...idle, info: () => ({ deliveries: openapi.deliveries().length, codes: openapi.codes().length }) },
    {
      name: 'gateway',
      async start() {
        // Longer than the SDK's own idle-socket timeout (about 5 s): a server that closes first races the
        // SDK reusing that socket, and the request dies with ECONNRESET under load. stop() closes them all.
        server.keepAliveTimeout = 10_000;
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          // A deep accept queue: benchmarks open hundreds of connections at once.
          server.listen({ port: options.port ?? 8787, host: options.host ?? '127.0.0.1', backlog: 4096 }, () => resolve());
        });
        baseUrl = `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
      },
      stop: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
      info: () => ({ url: baseUrl }),
    },
    {
      name: 'functions',
      async start() {
        runner = new FunctionRunner({
          functionsRoot: options.functionsRoot ?? path.join(root, 'cloudfunctions'),
          adminUrl: `${baseUrl}/admin`,
          env,
          appid,
          clockOffsetMs: () => clock.offsetMs,
          maxInstances: options.maxInstances,
        });
        routes = emulatorRoutes({ database, openapi, runner, faults, clock });
      },
      stop: () => runner.stop(),
      info: () => ({ functions: runner?.names() ?? [] }),
    },
    {
      name: 'scheduler',
      async start() {
        if (options.schedule === false) return;
        let lastSecond = Math.floor(clock.now().getTime() / 1000);
        scheduler = setInterval(() => {
          const second = Math.floor(clock.now().getTime() / 1000);
          // Catch up on seconds a busy event loop skipped, but not on a clock moved days ahead.
          const from = second - lastSecond > 10 ? second : lastSecond + 1;
          for (let s = from; s <= second; s++) runner.tick(new Date(s * 1000));
          lastSecond = second;
        }, 250);
        scheduler.unref();
      },
      async stop() {
        if (scheduler) clearInterval(scheduler);
      },
      info: () => ({ timers: Boolean(scheduler) }),
    },
  ]);
  await services.start();

  return {
    url: baseUrl,
    port: (server.address() as AddressInfo).port,
    database,
    openapi,
    storage,
    runner,
    faults,
    clock,
    stop: () => services.stop(),
  };
}

/** The real service's answer to an action it does not know. */
function unknownAction(action: string): Record<string, unknown> {
  return {
    code: 'INVALID_ACTION',
    message: `[InvalidAction] action ${JSON.stringify(action)} is not supported`,
    requestId: `emulator-${Date.now().toString(16)}`,
  };
}

function headerOpenid(request: IncomingMessage): string | null {
  const value = request.headers['x-wx-openid'];
  const openid = Array.isArray(value) ? value[0] : value;
  return openid ? openid : null;
}

function readCollections(file: string): CollectionDeclaration[] {
  const declared = JSON.parse(readFileSync(file, 'utf8')) as {
    collections: Array<{ name: string; indexes?: CollectionDeclaration['indexes'] }>;
  };
  return declared.collections.map(({ name, indexes }) => ({ name, indexes: indexes ?? [] }));
}

function parseTemplateIds(raw: string | undefined): Record<string, string> {
  try {
    const value = raw ? JSON.parse(raw) : {};
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
