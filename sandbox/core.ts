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

/** Parses a path id; anything but a plain positive integer is "not found". */
export function pathId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,16}$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
