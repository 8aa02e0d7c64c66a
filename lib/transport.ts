/** One HTTP attempt. The only module that touches the network. */
import http from 'node:http';
import https from 'node:https';
import nodeFetch from 'node-fetch';
import type { ZendeskResponse } from '../tools/types';

/** The slice of the fetch API the executor needs; hosts may inject their own. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal; agent?: unknown },
) => Promise<{
  status: number;
  headers: { forEach(callback: (value: string, key: string) => void): void };
  text(): Promise<string>;
}>;

// Keep-alive saves a TCP (and TLS) handshake on every call after the first.
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });
const agentFor = (url: URL) => (url.protocol === 'http:' ? httpAgent : httpsAgent);

const defaultFetch: FetchLike = (url, init) => nodeFetch(url, { ...init, agent: agentFor } as never) as never;

/**
 * Why an attempt got no answer. `refused` means the request never reached the server; after the
 * others, the server may or may not have acted on it.
 */
export type TransportFailureKind = 'refused' | 'reset' | 'timeout' | 'aborted';

export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
  ) {
    super(message);
  }
}

const REFUSED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface AttemptRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: FetchLike;
}

interface NodeFetchHeaders {
  raw(): Record<string, string[]>;
}

/**
 * The response's headers with lower-cased names, each value as `headers.get(name)` gives it. For
 * node-fetch's own Headers (the default fetch) the record is built from its `raw()` map: its
 * `forEach` re-sorts the whole header list at every step, which cost ~7 µs per response.
 */
function headerRecord(source: { forEach(callback: (value: string, key: string) => void): void }, nodeFetchHeaders: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = nodeFetchHeaders ? (source as Partial<NodeFetchHeaders>).raw : undefined;
  if (typeof raw === 'function') {
    const map = raw.call(source);
    for (const key of Object.keys(map).sort()) headers[key.toLowerCase()] = map[key].join(', ');
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

export async function attempt(request: AttemptRequest): Promise<ZendeskResponse> {
  // node-fetch times a request out by itself, which is cheaper than an AbortController per attempt;
  // a caller's signal or an injected fetch needs the signal instead.
  const ownTimeout = !request.fetch && !request.signal;
  const timeout = ownTimeout ? undefined : new AbortController();
  const timer = timeout && setTimeout(() => timeout.abort(), request.timeoutMs);
  const signal = timeout && (request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal);
  try {
    const init = { method: request.method, headers: request.headers, body: request.body, signal };
    const response = await (ownTimeout ? defaultFetch(request.url, { ...init, timeout: request.timeoutMs } as never) : (request.fetch ?? defaultFetch)(request.url, init));
    const headers = headerRecord(response.headers, !request.fetch);
    const body = parseBody(await response.text());
    return { status: response.status, headers, body };
  } catch (error) {
    if (request.signal?.aborted) throw new TransportFailure('aborted', 'the call was cancelled');
    if (timeout?.signal.aborted || (error as { type?: string }).type === 'request-timeout' || (error as { type?: string }).type === 'body-timeout') {
      throw new TransportFailure('timeout', `no answer within ${request.timeoutMs} ms`);
    }
    const code = (error as { code?: string }).code ?? '';
    const kind = REFUSED_CODES.has(code) ? 'refused' : 'reset';
    throw new TransportFailure(kind, `${code || 'network error'}: ${(error as Error).message}`);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
