/**
 * A recording proxy on 127.0.0.1: every request is noted (method, path, the headers that matter, the
 * body) and passed on to the sandbox over HTTP, and the sandbox's answer comes back as it is. Two
 * calls that should send the same requests are compared through two of these.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, without the origin. */
  path: string;
  authorization?: string;
  contentType?: string;
  idempotencyKey?: string;
  body?: unknown;
}

export interface Recorder {
  /** `http://127.0.0.1:PORT/api/v2` */
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecorder(targetBaseUrl: string): Promise<Recorder> {
  const target = new URL(targetBaseUrl);
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: header('authorization'),
        contentType: header('content-type'),
        idempotencyKey: header('idempotency-key'),
        ...(text ? { body: JSON.parse(text) } : {}),
      });
      const forward = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v2`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
