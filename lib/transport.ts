/** One HTTP attempt. The only module that touches the network. */
import http from 'node:http';
import https from 'node:https';
import nodeFetch from 'node-fetch';
import type { ZendeskResponse } from '../contract';

/**
 * The slice of the fetch API the executor needs; hosts may inject their own. It is always asked not
 * to follow redirects (`redirect: 'manual'`): the API never redirects, and a redirect followed could
 * carry the credentials to another host.
 */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal; agent?: unknown; redirect: 'manual' },
) => Promise<{
  status: number;
  headers: { forEach(callback: (value: string, key: string) => void): void };
  text(): Promise<string>;
  /** The body as a stream (a WHATWG ReadableStream or a Node stream): read up to the size cap, never past it. */
  body?: unknown;
  /** True when the fetch followed a redirect anyway: such an answer is never taken as the API's. */
  redirected?: boolean;
}>;

/**
 * The largest answer read: 64 MiB. A real page is far smaller (100 records, or 1,000 search-export
 * results of which even long-description tickets take tens of KB each); past the cap the answer is
 * abandoned, so a broken or hostile server cannot make the process buffer hundreds of MB.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Node's Agent has addRequest (the ClientRequest hands itself over through it); its typings omit it. */
type RequestAgent = http.Agent & { addRequest(request: http.ClientRequest, options: unknown): void };

/**
 * The request the shared agents were last handed. node-fetch builds its ClientRequest, which hands
 * itself to the agent, synchronously inside fetch(): read right after that call, it is the call's
 * own. An answer past the size cap or the timeout is cut off at its socket through it (destroying
 * node-fetch's body only pauses the socket, which would stay open, and keep the process alive, for
 * as long as the server likes).
 */
let handedOver: http.ClientRequest | undefined;
function recording<A extends http.Agent>(agent: A): A {
  const addRequest = (agent as unknown as RequestAgent).addRequest;
  (agent as unknown as RequestAgent).addRequest = function (this: RequestAgent, request, options) {
    handedOver = request;
    addRequest.call(this, request, options);
  };
  return agent;
}

// Keep-alive saves a TCP (and TLS) handshake on every call after the first.
const httpAgent = recording(new http.Agent({ keepAlive: true, maxSockets: 64 }));
const httpsAgent = recording(new https.Agent({ keepAlive: true, maxSockets: 64 }));

function defaultFetch(url: string, init: { method: string; headers: Record<string, string>; body?: string }, signal: AbortSignal | undefined, sent: InFlight) {
  const agent = url.startsWith('https:') ? httpsAgent : httpAgent;
  let response = nodeFetch(url, { method: init.method, headers: init.headers, body: init.body, redirect: 'manual', agent, ...(signal ? { signal: signal as never } : {}) });
  sent.request = handedOver;
  handedOver = undefined;
  // A request that never reached the agents (an interceptor such as nock's) cannot be cut off: the timeout ends the wait instead.
  if (!sent.request) response = Promise.race([response, new Promise<never>((_, reject) => (sent.fail = reject))]);
  return response as unknown as ReturnType<FetchLike>;
}

/**
 * Why an attempt got no answer. `refused` means the request never reached the server; after the
 * others, the server may or may not have acted on it.
 */
export type TransportFailureKind =
  | 'refused'
  | 'reset'
  | 'timeout'
  | 'aborted'
  /** DNS says the host does not exist (ENOTFOUND): a mistyped subdomain, which no retry fixes. */
  | 'unknown_host'
  /** The answer passed maxResponseBytes; it was abandoned unread. */
  | 'too_large';

export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
  ) {
    super(message);
  }
}

// The request never left: nothing can have been done, so any request may be sent again. EAI_AGAIN is
// a temporary DNS failure (the resolver did not answer), retried like a refused connection; ENOTFOUND
// is DNS saying the name does not exist, which a retry 5 s later will not change (see attempt()).
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface AttemptRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: FetchLike;
  /** Default DEFAULT_MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
}

/** An answer as read: `redirected` when an injected fetch followed a redirect despite being asked not to. */
export interface AttemptResponse extends ZendeskResponse {
  redirected?: boolean;
}

interface NodeFetchHeaders {
  raw(): Record<string, string[]>;
}

/**
 * The response's headers with lower-cased names, each value as `headers.get(name)` gives it. For
 * node-fetch's own Headers (the default fetch) the record is built from its `raw()` map, in no
 * particular order: its `forEach` re-sorts the whole header list at every step (~7 µs a response).
 */
function headerRecord(source: { forEach(callback: (value: string, key: string) => void): void }, nodeFetchHeaders: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = nodeFetchHeaders ? (source as Partial<NodeFetchHeaders>).raw : undefined;
  if (typeof raw === 'function') {
    const map = raw.call(source);
    for (const key in map) {
      const values = map[key];
      headers[key.toLowerCase()] = values.length === 1 ? values[0] : values.join(', ');
    }
    return headers;
  }
  source.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return headers;
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text; // 429s and proxies answer plain text
  }
}

const tooLarge = (cap: number) =>
  new TransportFailure('too_large', `the answer is larger than ${cap} bytes, the size cap (the maxResponseBytes option); it was not read`);

/** An attempt in progress: node-fetch's request, and how to end the body's read early (the timeout). */
interface InFlight {
  request?: http.ClientRequest;
  fail?: (error: Error) => void;
}

/** Reads a Node stream (node-fetch's body) to its end as text, up to `cap` bytes; `sent.fail` ends the read. */
function readNodeStream(body: NodeJS.ReadableStream, cap: number, stop: () => void, sent: InFlight): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      if (error) reject(error);
      else resolve((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes)).toString('utf8'));
    };
    sent.fail = finish;
    body.on('data', (chunk: Buffer | string) => {
      if (done) return;
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > cap) {
        stop();
        return finish(tooLarge(cap));
      }
      chunks.push(buffer);
    });
    body.on('end', () => finish());
    body.on('error', (error: Error) => finish(error)); // stays attached: stopping the stream may emit one later
  });
}

/** Reads a WHATWG stream (an injected fetch's body) to its end as text, up to `cap` bytes. */
async function readWebStream(body: { getReader(): any }, cap: number, stop: () => void): Promise<string> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, bytes).toString('utf8');
    bytes += value.byteLength;
    if (bytes > cap) {
      reader.cancel().catch(() => undefined);
      stop();
      throw tooLarge(cap);
    }
    chunks.push(value);
  }
}

type FetchResponse = Awaited<ReturnType<FetchLike>>;

/**
 * The body as text, never more than `cap` bytes of it: a declared length past the cap is refused
 * unread, a stream is counted as it comes and abandoned at the cap. (Only a fetch that offers no
 * stream can be checked no sooner than its text() is read.)
 */
function readText(response: FetchResponse, headers: Record<string, string>, cap: number, stop: () => void, sent: InFlight): Promise<string> {
  const body = response.body as any;
  if (Number(headers['content-length']) > cap) {
    stop();
    return Promise.reject(tooLarge(cap));
  }
  // The stream's own promise is handed on as it is: one promise fewer on every answer.
  if (typeof body?.getReader === 'function') return readWebStream(body, cap, stop);
  if (typeof body?.on === 'function') return readNodeStream(body, cap, stop, sent);
  return response.text().then((text) => {
    if (Buffer.byteLength(text) > cap) throw tooLarge(cap);
    return text;
  });
}

export async function attempt(request: AttemptRequest): Promise<AttemptResponse> {
  // One timer covers the whole attempt, answer and body. It cuts node-fetch's request off at its
  // socket, which is cheaper than an AbortController per attempt; a caller's signal or an injected
  // fetch needs a signal instead.
  const controller = !request.fetch && !request.signal ? undefined : new AbortController();
  const signal = controller && (request.signal ? AbortSignal.any([request.signal, controller.signal]) : controller.signal);
  const cap = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const sent: InFlight = {};
  // Stops an answer that will not be read, so the rest of it is not downloaded: node-fetch's request
  // is destroyed with its socket; an injected fetch is aborted through its signal.
  const stop = () => {
    if (sent.request) sent.request.destroy(new Error('answer abandoned'));
    else controller?.abort();
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
    sent.fail?.(new TransportFailure('timeout', `no answer within ${request.timeoutMs} ms`));
  }, request.timeoutMs);
  try {
    const response = request.fetch
      ? await request.fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal, redirect: 'manual' })
      : await defaultFetch(request.url, request, signal, sent);
    const headers = headerRecord(response.headers, !request.fetch);
    const body = parseBody(await readText(response, headers, cap, stop, sent));
    return response.redirected === true ? { status: response.status, headers, body, redirected: true } : { status: response.status, headers, body };
  } catch (error) {
    if (error instanceof TransportFailure) throw error;
    if (request.signal?.aborted) throw new TransportFailure('aborted', 'the call was cancelled');
    if (timedOut) throw new TransportFailure('timeout', `no answer within ${request.timeoutMs} ms`);
    const code = (error as { code?: string }).code ?? '';
    if (code === 'ENOTFOUND') throw new TransportFailure('unknown_host', `host not found (${new URL(request.url).hostname})`);
    const kind = REFUSED_CODES.has(code) ? 'refused' : 'reset';
    throw new TransportFailure(kind, `${code || 'network error'}: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
