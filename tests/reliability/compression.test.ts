/**
 * gzip: the executor asks for it and decodes it, and the size cap counts the DECODED bytes, so a
 * small gzip bomb is cut off at the cap like any other oversized answer. Real node:http servers on
 * 127.0.0.1; the sandbox compresses as Zendesk does.
 */
import http from 'node:http';
import { createGzip, gunzipSync, gzipSync } from 'node:zlib';
import nock from 'nock';
import { executeTool } from '../../catalog';
import type { ExecuteOptions } from '../../lib/executor';
import { startSandbox } from '../../sandbox';
import { acceptsGzip, GZIP_ABOVE } from '../../sandbox/compression';
import { useFakeServers } from './fake-server';

beforeAll(() => nock.restore());

const creds = { email: 'agent@example.com', apiToken: 'Zq7xK2mP9vL4nR8sT1wY6bC3dF5gH0jA', subdomain: 'acme' };
const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 } };
const FETCHES: [string, ExecuteOptions['fetch']][] = [
  ['node-fetch (the default)', undefined],
  ['an injected WHATWG fetch', globalThis.fetch as unknown as ExecuteOptions['fetch']],
];

const serve = useFakeServers();

function gzipped(res: http.ServerResponse, body: unknown) {
  const encoded = gzipSync(JSON.stringify(body));
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': encoded.length });
  res.end(encoded);
}

/**
 * A gzip bomb: `decodedBytes` of JSON text made of one repeated byte, compressed on the fly (about
 * 1,000 to 1), streamed until the client hangs up. Resolves to the decoded bytes the server produced.
 */
function bomb(res: http.ServerResponse, decodedBytes: number): Promise<number> {
  return new Promise((resolve) => {
    const gzip = createGzip();
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let produced = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      gzip.destroy();
      resolve(produced);
    };
    res.on('close', finish);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    gzip.pipe(res);
    gzip.write('{"tickets":["');
    const pump = () => {
      while (!done && produced < decodedBytes && !res.destroyed) {
        produced += chunk.length;
        if (!gzip.write(chunk)) return void gzip.once('drain', pump);
      }
      if (!done && !res.destroyed) gzip.end('"]}');
    };
    pump();
  });
}

describe('gzip', () => {
  it.each(FETCHES)('%s: asks for gzip and reads the decoded answer', async (_name, fetch) => {
    const description = 'd'.repeat(50_000);
    const server = await serve((_req, res) => gzipped(res, { tickets: [{ id: 1, description }, { id: 2, description }], meta: { has_more: false } }));
    const result = await executeTool('zendesk_get_tickets', creds, { baseUrl: server.baseUrl, fetch });
    expect(result.success && result.output.tickets.map((t) => t.description?.length)).toEqual([50_000, 50_000]);
    expect(server.requests[0].headers['accept-encoding']).toMatch(/\bgzip\b/);
  });

  it.each(FETCHES)('%s: a gzip bomb hits the size cap on its decoded size, and is cut off there', async (_name, fetch) => {
    const CAP = 4 * 1024 * 1024;
    let produced: Promise<number> = Promise.resolve(0);
    const server = await serve((_req, res) => {
      produced = bomb(res, 1024 * 1024 * 1024); // 1 GB decoded, about 1 MB on the wire
    });
    const heapBefore = process.memoryUsage().heapUsed;
    const result = await executeTool('zendesk_get_tickets', creds, { ...FAST, baseUrl: server.baseUrl, maxResponseBytes: CAP, fetch });
    expect(result).toMatchObject({ success: false, error: { code: 'unexpected_response' } });
    expect(!result.success && result.error.message).toContain(`larger than ${CAP} bytes`);
    expect(server.requests).toHaveLength(1); // never retried
    // Cut off near the cap: the server's gzip stream stopped far below the gigabyte it would send.
    expect(await produced).toBeLessThan(256 * 1024 * 1024);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(128 * 1024 * 1024);
  });
});

describe('the sandbox compresses as Zendesk does', () => {
  it('reads Accept-Encoding, q-values included', () => {
    expect(['gzip', 'gzip, deflate, br', 'deflate;q=1, gzip;q=0.5', '*', 'x-gzip'].map(acceptsGzip)).toEqual([true, true, true, true, true]);
    expect([undefined, '', 'identity', 'br', 'gzip;q=0', 'deflate, gzip;q=0.000'].map(acceptsGzip)).toEqual([false, false, false, false, false, false]);
  });

  it('gzips answers above 1 KB for a client that asks, and nothing else', async () => {
    const sandbox = await startSandbox({ tickets: 30 });
    try {
      const authorization = `Basic ${Buffer.from(`${sandbox.credentials.email}/token:${sandbox.credentials.apiToken}`).toString('base64')}`;
      const get = async (path: string, encoding?: string) => {
        return new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
          const req = http.get(`${sandbox.baseUrl}${path}`, { headers: { authorization, ...(encoding ? { 'accept-encoding': encoding } : {}) } }, (answer) => {
            const chunks: Buffer[] = [];
            answer.on('data', (c: Buffer) => chunks.push(c));
            answer.on('end', () => resolve({ encoding: answer.headers['content-encoding'], body: Buffer.concat(chunks) }));
          });
          req.on('error', reject);
        });
      };
      const plain = await get('/tickets?per_page=30');
      expect(plain.encoding).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(GZIP_ABOVE);
      const compressed = await get('/tickets?per_page=30', 'gzip, deflate');
      expect(compressed.encoding).toBe('gzip');
      expect(compressed.body.length).toBeLessThan(plain.body.length / 3);
      expect(gunzipSync(compressed.body).equals(plain.body)).toBe(true);
      const small = await get('/tickets/999999', 'gzip');
      expect(small.encoding).toBeUndefined(); // a 404's few bytes go as they are
      expect(JSON.parse(small.body.toString())).toMatchObject({ error: 'RecordNotFound' });
    } finally {
      await sandbox.close();
    }
  });
});
