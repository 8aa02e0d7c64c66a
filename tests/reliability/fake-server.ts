/**
 * A fake "Zendesk" on 127.0.0.1 (a real node:http server on a free port) that answers however a test
 * tells it to, and records every request it receives. For hostile and broken answers that nock
 * cannot produce faithfully: redirects between real ports, bodies streamed past a size cap, lost answers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The client's port: requests on one kept-alive connection share it. */
  clientPort: number;
}

export type Handler = (request: ReceivedRequest, response: http.ServerResponse, index: number) => void | Promise<void>;

export interface FakeServer {
  /** http://127.0.0.1:{port}/api/v2, for the executor's baseUrl option. */
  baseUrl: string;
  origin: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startFakeServer(handler: Handler): Promise<FakeServer> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), clientPort: req.socket.remotePort ?? 0 };
      requests.push(received);
      // A handler that throws drops the connection: the test sees it fail rather than hang.
      new Promise<void>((resolve) => resolve(handler(received, res, requests.length - 1))).catch((error) => res.destroy(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/api/v2`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON with a status. */
export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Answers a text body (HTML, plain text, broken JSON) with a status. */
export function text(res: http.ServerResponse, status: number, body: string, contentType = 'text/html; charset=utf-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * Streams `totalBytes` of JSON-looking filler, honouring back-pressure, and resolves to the bytes it
 * managed to write before the client went away (or all of them).
 */
export function stream(res: http.ServerResponse, totalBytes: number, declareLength: boolean): Promise<number> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        resolve(sent);
      }
    };
    res.on('close', finish);
    res.writeHead(200, { 'Content-Type': 'application/json', ...(declareLength ? { 'Content-Length': totalBytes } : {}) });
    res.write('{"tickets":["');
    const pump = () => {
      while (!done && sent < totalBytes && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!done && !res.destroyed) res.end('"]}', finish);
    };
    pump();
  });
}

/**
 * The fake servers of a test file: `serve(handler)` starts one, and every server started during a
 * test is closed after it. Call once at the top of the file.
 */
export function useFakeServers(): (handler: Handler) => Promise<FakeServer> {
  const servers: FakeServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (handler) => {
    const server = await startFakeServer(handler);
    servers.push(server);
    return server;
  };
}
