/**
 * What every handler gets: the running sandbox's shared parts and one request's context.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from './reply';
import type { SandboxState } from './state';
import type { RequestOrigin } from './types';
import type { JobRunner } from './jobs';
import type { IdempotencyStore } from './idempotency';

export interface Core {
  state: SandboxState;
  /** `http://host:port/api/v2`, set once the server listens. */
  base: string;
  /** The support address shown as ticket `recipient`. */
  recipient: string;
  jobs: JobRunner;
  idempotency: IdempotencyStore;
  now(): number;
}

export interface RequestCtx {
  core: Core;
  method: string;
  /** Path below /api/v2 without `.json`, e.g. `/tickets/5`. */
  path: string;
  params: Record<string, string | undefined>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when there was none). */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The credential the request came with: rate limits and job caps are per account. */
  account: string;
  /** The authenticated user (the admin owner for both credentials). */
  userId: number;
  origin: RequestOrigin;
}

export type Handler = (ctx: RequestCtx) => Reply | Promise<Reply>;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * An id wherever the sandbox reads one (path, query or body): a positive safe integer, or that number
 * written as a string of digits. Zendesk casts `"requester_id": "360000000001"` and merge
 * `"ids": ["5"]`, and widely used clients send every id as a string; anything else (other strings,
 * fractions, negatives, zero, booleans, objects) is not an id: null.
 */
export function readId(value: unknown): number | null {
  const n = typeof value === 'string' ? (/^\d{1,16}$/.test(value) ? Number(value) : NaN) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** A list of ids (an array in a body), or null when it is not an array or any item is not an id. */
export function readIdList(value: unknown): number[] | null {
  if (!Array.isArray(value)) return null;
  const ids: number[] = [];
  for (const item of value) {
    const id = readId(item);
    if (id === null) return null;
    ids.push(id);
  }
  return ids;
}

/** `?ids=1,2,3` → ids, or null when absent, empty or any part is not an id. */
export function queryIds(raw: string | null): number[] | null {
  return raw === null ? null : readIdList(raw.split(',').map((p) => p.trim()));
}
