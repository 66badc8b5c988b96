// The real wx-server-sdk pointed at a database service, for tests of the emulator's database before
// (and apart from) the emulator's full HTTP server.
//
//   const db = await createDatabase({ collections, now: () => new Date(), faults: noFaults() });
//   const server = await startDatabaseServer(db);
//   const cloud = sdkClient(server.url);
//   await cloud.database().collection('c').add({ data: { a: 1 } });
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../emulator/database';

export type Cloud = typeof import('wx-server-sdk').default;

export interface DatabaseServer {
  url: string;
  /** Requests answered so far, by wire action. */
  requests: Map<string, number>;
  close(): Promise<void>;
}

/** A minimal HTTP front: POST /admin with the SDK's JSON body goes to `db.handle`. */
export async function startDatabaseServer(db: Database): Promise<DatabaseServer> {
  const requests = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const answer = async (): Promise<Record<string, unknown>> => {
        if (request.method !== 'POST' || !request.url?.startsWith('/admin')) return { code: 'INVALID_PARAM', message: 'not found' };
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const action = String(body.action);
        requests.set(action, (requests.get(action) ?? 0) + 1);
        return db.handle(action, body);
      };
      const text = JSON.stringify(await answer());
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(text);
    });
  });
  // Thousands of concurrent SDK requests: a short keep-alive or the default backlog resets sockets.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh, initialised wx-server-sdk whose requests go to `url` (the emulator or a database server). */
export function sdkClient(url: string, openid = 'test-openid'): Cloud {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_SECRETID: 'emulator-secret-id',
    TENCENTCLOUD_SECRETKEY: 'emulator-secret-key',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TCB_ENV: 'emulator',
    SCF_NAMESPACE: 'emulator',
    WX_OPENID: openid,
    WX_APPID: 'wx-emulator',
    SILENCE: 'true',
  });
  let cloud!: Cloud;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cloud = require('wx-server-sdk');
  });
  cloud.init({ env: 'emulator' });
  return cloud;
}
