/**
 * A connection to one Zendesk account: where requests go, how they authenticate, and the retry
 * and pacing rules every request follows. Built per call from trusted options and the credentials.
 */
import { randomUUID } from 'node:crypto';
import type { RequestSpec, ZendeskResponse } from '../tools/types';
import { codeForStatus, describeZendeskError, redact, type ToolError } from './errors';
import type { Credentials } from './input';
import { type AccountPacer, DEFAULT_PACING, pacerFor, PacerWait, type PacingOptions, sleep } from './pacer';
import { type AttemptOutcome, decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { attempt, type FetchLike, TransportFailure } from './transport';
import { buildUrl, checkedBaseUrl, zendeskApiBase } from './url';

export interface ConnectionOptions {
  /** Replaces https://{subdomain}.zendesk.com/api/v2 (the sandbox). Trusted: never taken from params. */
  baseUrl?: string;
  fetch?: FetchLike;
  signal?: AbortSignal;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  pacing?: Partial<PacingOptions>;
  /** Idempotency-Key for a ticket create; generated when absent, and reused across its retries. */
  idempotencyKey?: string;
  /** Lines about retries and waits, with every secret removed. */
  log?: (line: string) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** A failed call, carrying the ToolError to report. */
export class CallError extends Error {
  constructor(readonly toolError: ToolError) {
    super(toolError.message);
  }
}

function authorization(credentials: Credentials): string {
  if (credentials.accessToken) return `Bearer ${credentials.accessToken}`;
  return `Basic ${Buffer.from(`${credentials.email}/token:${credentials.apiToken}`).toString('base64')}`;
}

/**
 * A connection is built for every call: the checked base URL and its origin are kept per base URL
 * rather than parsed twice each time. Base URLs carry no credential (checkedBaseUrl refuses them).
 */
const checkedBases = new Map<string, string>();
const origins = new Map<string, string>();
function remember(cache: Map<string, string>, key: string, compute: (key: string) => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key); // throws for a bad base URL: nothing is kept then
    if (cache.size >= 256) cache.clear();
    cache.set(key, value);
  }
  return value;
}
const checkedBase = (baseUrl: string) => remember(checkedBases, baseUrl, checkedBaseUrl);
const originOf = (base: string) => remember(origins, base, (b) => new URL(b).origin);

export class Connection {
  readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly secrets: string[];
  private readonly policy: RetryPolicy;
  readonly pacer: AccountPacer;

  constructor(
    credentials: Credentials,
    private readonly options: ConnectionOptions = {},
  ) {
    this.base = options.baseUrl ? checkedBase(options.baseUrl) : zendeskApiBase(credentials.subdomain);
    const auth = authorization(credentials);
    this.headers = { Authorization: auth, Accept: 'application/json', 'User-Agent': 'zendesk-blocks' };
    this.secrets = [credentials.apiToken, credentials.accessToken, auth.split(' ')[1]].filter((s): s is string => !!s);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.pacer = pacerFor(originOf(this.base), auth, { ...DEFAULT_PACING, ...options.pacing });
  }

  /** Removes every credential from a text meant for a person. */
  clean(text: string): string {
    return redact(text, this.secrets);
  }

  private log(line: string) {
    this.options.log?.(this.clean(line));
  }

  /** Sends a request with pacing and safe retries; resolves to a 2xx answer or throws a CallError. */
  async send(spec: RequestSpec): Promise<ZendeskResponse> {
    const url = buildUrl(this.base, spec.path, spec.query);
    const headers = { ...this.headers };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers['Content-Type'] = 'application/json';
    }
    if (spec.idempotencyKey) headers['Idempotency-Key'] = this.options.idempotencyKey ?? randomUUID();
    const replaySafe = Boolean(spec.idempotencyKey) || (spec.idempotent ?? spec.method !== 'POST');
    const what = `${spec.method} /${spec.path.join('/')}`;
    let waitedMs = 0;
    let lastFailure = '';

    for (let attemptNumber = 1; ; attemptNumber += 1) {
      let outcome: AttemptOutcome;
      const release = await this.acquire(this.policy.maxWaitMs - waitedMs);
      try {
        const response = await attempt({
          method: spec.method,
          url,
          headers,
          body,
          timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          signal: this.options.signal,
          fetch: this.options.fetch,
        });
        this.pacer.observe(response.status, response.headers);
        if (response.status < 400) return response;
        outcome = { response };
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        outcome = { failure: error.kind };
        if (error.kind === 'aborted') throw new CallError({ code: 'aborted', message: `${what} was cancelled by the caller.` });
        lastFailure = error.message;
      } finally {
        release();
      }

      const decision = decideRetry(outcome, { replaySafe, attempt: attemptNumber, waitedMs, policy: this.policy });
      if (decision.retry) {
        this.log(`${what}: ${'response' in outcome ? `answer ${outcome.response.status}` : outcome.failure}; retry ${attemptNumber + 1} in ${decision.delayMs} ms`);
        await this.wait(decision.delayMs);
        waitedMs += decision.delayMs;
        continue;
      }
      throw new CallError(this.failure(what, outcome, lastFailure, decision, attemptNumber));
    }
  }

  private async acquire(maxWaitMs: number) {
    try {
      return await this.pacer.acquire(this.options.signal, maxWaitMs);
    } catch (error) {
      if (error instanceof PacerWait) {
        const retryAfter = Math.ceil(error.delayMs / 1000);
        throw new CallError({ code: 'rate_limited', retryAfter, message: `Zendesk's rate limit for this account is exhausted; try again in ${retryAfter} s.` });
      }
      throw new CallError({ code: 'aborted', message: 'The call was cancelled by the caller.' });
    }
  }

  private async wait(ms: number) {
    try {
      await sleep(ms, this.options.signal);
    } catch {
      throw new CallError({ code: 'aborted', message: 'The call was cancelled by the caller.' });
    }
  }

  private failure(
    what: string,
    outcome: AttemptOutcome,
    transportMessage: string,
    { reason, retryAfterMs }: { reason: string; retryAfterMs?: number },
    attempts: number,
  ): ToolError {
    const tried = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    if ('response' in outcome) {
      const { status, body, headers } = outcome.response;
      const error: ToolError = {
        code: codeForStatus(status),
        status,
        message: this.clean(`${describeZendeskError(status, body)}${tried}`),
        // Zendesk's body as it came, minus any credential it might echo.
        details: typeof body === 'object' && body !== null ? JSON.parse(this.clean(JSON.stringify(body))) : undefined,
      };
      if (status === 429 || (status === 503 && headers['retry-after'])) {
        error.code = 'rate_limited';
        error.retryAfter = Math.ceil((retryAfterMs ?? 1000) / 1000);
        error.message += `. Try again in ${error.retryAfter} s.`;
      } else if (reason === 'unsafe') {
        error.message += '. Not retried: this write may have been applied, and replaying it could apply it twice.';
      }
      return error;
    }
    if (reason === 'unsafe') {
      return {
        code: 'unknown_outcome',
        message: this.clean(
          `${what}: the connection failed before Zendesk answered (${transportMessage}), so it is unknown whether the change was applied. ` +
            'It was not replayed because that could apply it twice; check the record before trying again.',
        ),
      };
    }
    const code = outcome.failure === 'timeout' ? 'timeout' : 'network_error';
    return { code, message: this.clean(`${what} failed: ${transportMessage}${tried}`) };
  }
}
