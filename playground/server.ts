/**
 * The playground's HTTP server: the page and its assets, and a small JSON API over PlaygroundHost.
 * A run answers as NDJSON, one line per job progress and a last line with the run, so the page shows
 * a bulk call's progress while its jobs run.
 */
import fs from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { ZENDESK_ICON_SVG } from '../blocks/icon';
import { allowedHosts, refusal } from './guard';
import { RunHistory } from './history';
import { type FormRequest, PlaygroundHost, type PlaygroundTarget, RequestProblem } from './host';

export type { PlaygroundTarget } from './host';

export interface PlaygroundOptions {
  target: PlaygroundTarget;
  /** The SQLite file of the history. */
  db: string;
  /** Default 127.0.0.1: only this machine can reach it. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Told of every refused request (another site's page, a foreign Host), in one line. */
  log?: (line: string) => void;
}

export interface Playground {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  history: RunHistory;
  close(): Promise<void>;
}

/** The page's files: beside this module in the sources, or in the package's playground/public from dist/playground. */
function publicDir(): string {
  const candidates = [path.join(__dirname, 'public'), path.resolve(__dirname, '..', '..', 'playground', 'public')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`The playground's page is missing (looked in ${candidates.join(', ')}).`);
  return found;
}

interface Asset {
  type: string;
  body: Buffer;
}

function loadAssets(): Map<string, Asset> {
  const dir = publicDir();
  const read = (file: string, type: string): Asset => ({ type, body: fs.readFileSync(path.join(dir, file)) });
  const page = read('index.html', 'text/html; charset=utf-8');
  return new Map([
    ['/', page],
    ['/assets/app.js', read('app.js', 'text/javascript; charset=utf-8')],
    ['/assets/style.css', read('style.css', 'text/css; charset=utf-8')],
    ['/assets/icon.svg', { type: 'image/svg+xml', body: Buffer.from(ZENDESK_ICON_SVG.replace('fill="currentColor"', 'fill="#ffffff"')) }],
  ]);
}

/** Headers on every answer: no framing (a confirmation cannot be clicked through), nothing loaded from elsewhere. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const MAX_BODY_BYTES = 1024 * 1024;

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(body);
}

const sendJson = (response: ServerResponse, status: number, value: unknown) => send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));

const problem = (response: ServerResponse, status: number, code: string, message: string) => sendJson(response, status, { success: false, error: { code, message } });

async function readJson(request: IncomingMessage): Promise<FormRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RequestProblem(413, { code: 'payload_too_large', message: `The request body is larger than ${MAX_BODY_BYTES} bytes.` });
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new RequestProblem(400, { code: 'invalid_input', message: 'The request body is not JSON.' });
  }
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const assets = loadAssets();
  const history = new RunHistory(options.db);
  const host = new PlaygroundHost(options.target, history);
  let hosts = new Set<string>();

  /** A run, streamed: progress lines while its jobs run, then the run. */
  async function run(request: IncomingMessage, response: ServerResponse) {
    const body = await readJson(request);
    const aborter = new AbortController();
    response.on('close', () => {
      if (!response.writableEnded) aborter.abort();
    });
    let streaming = false;
    const line = (value: unknown) => response.write(`${JSON.stringify(value)}\n`);
    const startStream = () => {
      if (streaming) return;
      streaming = true;
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    };
    // Refusals (no confirmation, an unknown operation) come back as plain errors, before anything streams.
    const view = await host.run(
      body,
      (progress) => {
        startStream();
        line({ type: 'progress', progress });
      },
      aborter.signal,
    );
    startStream();
    line({ type: 'run', run: view });
    response.end();
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const refused = refusal(request, hosts);
    if (refused) {
      options.log?.(`refused ${request.method} ${(request.url ?? '').slice(0, 100)}: ${refused}`);
      return problem(response, 403, 'forbidden', refused);
    }
    const url = new URL(request.url ?? '/', 'http://playground');
    const route = `${request.method} ${url.pathname}`;
    const runId = /^\/(?:api\/)?runs\/(\d{1,15})$/.exec(url.pathname)?.[1];
    if (request.method === 'GET' || request.method === 'HEAD') {
      const asset = assets.get(url.pathname) ?? (runId && url.pathname.startsWith('/runs/') ? assets.get('/') : undefined);
      if (asset) return send(response, 200, asset.type, asset.body);
      if (route === 'GET /api/catalog') return sendJson(response, 200, host.catalog());
      if (route === 'GET /api/runs') return sendJson(response, 200, host.list(Math.min(500, Number(url.searchParams.get('limit')) || 100)));
      if (runId && url.pathname.startsWith('/api/')) {
        const view = host.get(Number(runId));
        return view ? sendJson(response, 200, view) : problem(response, 404, 'not_found', `There is no run ${runId} in this history.`);
      }
      return problem(response, 404, 'not_found', `Nothing at ${url.pathname.slice(0, 100)}.`);
    }
    if (route === 'POST /api/preview') return sendJson(response, 200, host.preview(await readJson(request)));
    if (route === 'POST /api/run') return run(request, response);
    return problem(response, request.method === 'POST' ? 404 : 405, 'not_found', `${request.method} ${url.pathname.slice(0, 100)} is not served here.`);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof RequestProblem) return sendJson(response, error.status, { success: false, error: error.error });
      return problem(response, 500, 'unexpected_response', `The playground failed: ${(error as Error).message}`);
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const bind = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, bind, () => resolve());
    });
  } catch (error) {
    history.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  hosts = allowedHosts(bind, port);
  const shown = bind.includes(':') ? `[${bind}]` : bind;
  return {
    url: `http://${shown}:${port}/`,
    port,
    history,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          history.close();
          resolve();
        });
        for (const socket of sockets) socket.destroy();
      }),
  };
}
