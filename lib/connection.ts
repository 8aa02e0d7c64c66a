/**
 * A connection to one Zendesk account: where requests go, how they authenticate, and the retry
 * and pacing rules every request follows. Built per call from trusted options and the credentials.
 */
import { randomUUID } from 'node:crypto';
import type { Credentials, EndpointLimit, HttpMethod, RequestSpec, ToolError, ZendeskConnection, ZendeskResponse } from '../contract';
import { codeForStatus, describeZendeskError, Redactor } from './errors';
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
  /**
   * The largest answer read, in bytes. A larger one is abandoned unread and the call fails (never
   * retried). Default DEFAULT_MAX_RESPONSE_BYTES (64 MiB).
   */
  maxResponseBytes?: number;
  /** Lines about retries and waits, with every secret removed. */
  log?: (line: string) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** A failed call, carrying the ToolError to report. */
export class CallError extends Error {
  /**
   * A write of which an attempt got no answer (it may have been applied), even when replaying it was
   * safe and the error that ended the call is a refusal: a batch reports that request's outcome as unknown.
   */
  answerLost = false;

  constructor(readonly toolError: ToolError) {
    super(toolError.message);
  }
}

function authorization(credentials: Credentials): string {
  if (credentials.accessToken) return `Bearer ${credentials.accessToken}`;
  return `Basic ${Buffer.from(`${credentials.email}/token:${credentials.apiToken}`).toString('base64')}`;
}

/** What a connection needs of its account: the same for every call with these credentials and options. */
interface AccountSetup {
  base: string;
  headers: Record<string, string>;
  /** The credential in every form it could be echoed in. */
  secrets: readonly (string | undefined)[];
  redactor: Redactor;
  pacer: AccountPacer;
}

/**
 * A connection is built for every call; what it needs of its account (checked base URL, auth header,
 * redactor, pacer) is built once per credentials and options and kept, a few hundred at most. The
 * key holds the credentials, as the caller's params do, and is never shown.
 */
const setups = new Map<string, AccountSetup>();
function sameParts(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** The last setup handed out, and its key's parts: a run of calls on one account compares them, without building a key. */
let last: { parts: readonly (string | undefined)[]; setup: AccountSetup } | undefined;
function setupFor(credentials: Credentials, options: ConnectionOptions): AccountSetup {
  const { pacing } = options;
  const parts = [options.baseUrl, credentials.subdomain, credentials.email, credentials.apiToken, credentials.accessToken, pacing?.store, pacing?.url];
  if (last && sameParts(last.parts, parts)) return last.setup;
  const key = parts.map((part) => part ?? '').join('\n');
  let setup = setups.get(key);
  if (setup) {
    last = { parts, setup };
    return setup;
  }
  const base = apiBaseOf(credentials, options); // throws for a bad base URL: nothing is kept then
  const headers = accountHeaders(credentials);
  const secrets = [credentials.apiToken, credentials.accessToken, headers.Authorization.split(' ')[1]];
  setup = {
    base,
    headers,
    secrets,
    redactor: new Redactor(secrets),
    pacer: pacerFor(new URL(base).origin, headers.Authorization, { ...DEFAULT_PACING, ...pacing }),
  };
  if (setups.size >= 256) setups.clear();
  setups.set(key, setup);
  last = { parts, setup };
  return setup;
}

/** Where an account's requests go: the trusted base URL, or the subdomain's Zendesk. Throws for a bad base URL. */
export function apiBaseOf(credentials: Credentials, options: Pick<ConnectionOptions, 'baseUrl'> = {}): string {
  return options.baseUrl ? checkedBaseUrl(options.baseUrl) : zendeskApiBase(credentials.subdomain);
}

/** The headers every request of an account carries. */
export function accountHeaders(credentials: Credentials): Record<string, string> {
  // gzip: Zendesk compresses its answers when asked, as every browser does; the transport decodes them.
  return { Authorization: authorization(credentials), Accept: 'application/json', 'Accept-Encoding': 'gzip', 'User-Agent': 'zendesk-blocks' };
}

/** A request as it goes on the wire. */
export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * What a request spec becomes on the wire: its URL, headers and JSON body. The one place this is
 * decided, for the requests a connection sends and for the dry run that shows them (planRequest).
 */
export function httpRequestOf(base: string, headers: Record<string, string>, spec: RequestSpec, idempotencyKey?: string): HttpRequest {
  // The account's headers as they are, unless this request adds its own.
  const request: HttpRequest = { method: spec.method, url: buildUrl(base, spec.path, spec.query), headers: spec.body !== undefined || idempotencyKey ? { ...headers } : headers };
  if (spec.body !== undefined) {
    request.body = JSON.stringify(spec.body);
    request.headers['Content-Type'] = 'application/json';
  }
  if (idempotencyKey) request.headers['Idempotency-Key'] = idempotencyKey;
  return request;
}

/** A connection option that cannot be used (a base URL, a pacing store URL): said as bad input, before anything is sent. */
export const connectionOptionError = (error: unknown): ToolError => ({
  code: 'invalid_input',
  // A pacing option (a malformed Redis URL) names itself; anything else is the base URL.
  param: (error as { param?: string }).param ?? 'baseUrl',
  message: (error as Error).message,
});

/** Where a composite works: a connection (the executor's), or credentials plus connection options. */
export type ConnectionTarget = ZendeskConnection | (Credentials & { connection?: ConnectionOptions });

/** The target's connection; an option that cannot be used is thrown as `fail` makes of its error. */
export function connectTarget(target: ConnectionTarget, fail: (error: ToolError) => Error): ZendeskConnection {
  if ('send' in target) return target;
  const { connection: options, ...credentials } = target;
  try {
    return new Connection(credentials, options);
  } catch (error) {
    throw fail(connectionOptionError(error));
  }
}

/** A request as messages name it: `GET /tickets/12`. */
export const requestName = (spec: Pick<RequestSpec, 'method' | 'path'>): string => `${spec.method} /${spec.path.join('/')}`;

/**
 * Whether sending a request again could apply it twice (a create, a comment, a merge): a POST or
 * PATCH, unless the request says it is idempotent; any other method, unless it says it is not.
 */
export const doublesIfReplayed = (spec: RequestSpec): boolean => !(spec.idempotent ?? (spec.method !== 'POST' && spec.method !== 'PATCH'));

/** One request as the failure messages need it. */
class Call {
  /** Applying it twice would do the work twice (a create, a comment, a merge): it is not idempotent by nature. */
  readonly doubles: boolean;
  readonly write: boolean;
  /** An attempt of this write got no answer, so the change may have been applied. */
  uncertain = false;
  /** An attempt of this write got no answer, whether or not replaying it is safe. */
  lost = false;

  constructor(
    private readonly spec: RequestSpec,
    /** The Idempotency-Key sent, which lets Zendesk recognise a repeat of this create. */
    readonly key: string | undefined,
  ) {
    this.write = spec.method !== 'GET';
    this.doubles = doublesIfReplayed(spec);
  }

  /** `GET /tickets/12`: named only when a message needs it, never on the way of an answer. */
  get what(): string {
    return requestName(this.spec);
  }
}

/** Each `reads` path split once: the same few paths are checked on every answer. */
const readPaths = new Map<string, { keys: string[]; list: boolean }>();
function readPath(path: string) {
  let parsed = readPaths.get(path);
  if (!parsed) {
    const list = path.endsWith('[]');
    if (readPaths.size >= 1024) readPaths.clear();
    readPaths.set(path, (parsed = { keys: (list ? path.slice(0, -2) : path).split('.'), list }));
  }
  return parsed;
}

/** Whether a JSON body holds `path`: `ticket.id` present and not null; `tickets[]` an array. */
function carries(body: unknown, path: string): boolean {
  const { keys, list } = readPath(path);
  let value: unknown = body;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, key)) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return list ? Array.isArray(value) : value !== undefined && value !== null;
}

/** The paths of `reads` that the body lacks; undefined when it holds them all (the common case, which allocates nothing). */
function missingReads(body: unknown, reads: readonly string[]): string[] | undefined {
  let missing: string[] | undefined;
  for (const path of reads) if (!carries(body, path)) (missing ??= []).push(path);
  return missing;
}

/** The keys of an answer that hold job statuses, which echo the items a job processed. */
const JOB_STATUS_KEYS = ['job_status', 'job_statuses'];

export class Connection implements ZendeskConnection {
  readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly redactor: Redactor;
  private readonly policy: RetryPolicy;
  readonly pacer: AccountPacer;

  /** `secrets`: the values of the call's hidden params (a password), removed wherever the credentials are. */
  constructor(
    credentials: Credentials,
    private readonly options: ConnectionOptions = {},
    secrets: readonly string[] = [],
  ) {
    const setup = setupFor(credentials, options);
    this.base = setup.base;
    this.headers = setup.headers;
    // A call's hidden params (a password) are removed wherever the credentials are.
    this.redactor = secrets.length ? new Redactor([...setup.secrets, ...secrets]) : setup.redactor;
    this.policy = options.retry ? { ...DEFAULT_RETRY_POLICY, ...options.retry } : DEFAULT_RETRY_POLICY;
    this.pacer = setup.pacer;
    this.pacer.concurrency = options.pacing?.concurrency ?? DEFAULT_PACING.concurrency;
    if (options.log) this.pacer.store.useLog?.(options.log);
  }

  get throttled(): number {
    return this.pacer.throttled;
  }

  /** Removes every credential (whole, encoded or in part) from a text meant for a person. */
  clean(text: string): string {
    return this.redactor.clean(text);
  }

  /** A JSON value with every credential removed from its strings. */
  cleanValue<T>(value: T): T {
    return this.redactor.cleanValue(value);
  }

  private log(line: string) {
    this.options.log?.(this.clean(line));
  }

  /**
   * Sends a request with pacing and safe retries; resolves to a 2xx answer carrying what
   * `spec.reads` names, or throws a CallError.
   */
  send(spec: RequestSpec): Promise<ZendeskResponse> {
    const key = spec.idempotencyKey ? this.options.idempotencyKey ?? randomUUID() : undefined;
    return this.sendWithRetries(spec, new Call(spec, key));
  }

  /** Once an attempt may have applied the change, no later failure may say less than that. */
  private outcomeOf(error: unknown, call: Call): unknown {
    if (!(error instanceof CallError)) return error;
    if (call.uncertain && error.toolError.code !== 'unknown_outcome') return new CallError(this.afterLostAnswer(call, error.toolError));
    if (call.lost) error.answerLost = true;
    return error;
  }

  private async sendWithRetries(spec: RequestSpec, call: Call): Promise<ZendeskResponse> {
    const { url, headers, body } = httpRequestOf(this.base, this.headers, spec, call.key);
    const replaySafe = Boolean(call.key) || !call.doubles;
    let waitedMs = 0;
    let lastFailure = '';

    try {
      for (let attemptNumber = 1; ; attemptNumber += 1) {
        let outcome: AttemptOutcome;
        // A request of an endpoint with its own limit always waits in line for that limit too.
        const release = (spec.endpointLimit ? undefined : this.pacer.tryAcquire()) ?? (await this.acquire(this.policy.maxWaitMs - waitedMs, spec.endpointLimit));
        try {
          const response = await attempt({
            method: spec.method,
            url,
            headers,
            body,
            timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
            signal: this.options.signal,
            fetch: this.options.fetch,
            maxResponseBytes: this.options.maxResponseBytes,
          });
          this.pacer.observe(response.status, response.headers, spec.endpointLimit);
          if (response.redirected || (response.status >= 300 && response.status < 400)) throw new CallError(this.unexpected(call, this.redirectProblem(response), response.status));
          if (response.status < 300) return this.checked(response, spec, call);
          outcome = { response };
        } catch (error) {
          if (!(error instanceof TransportFailure)) throw error;
          if (error.kind === 'aborted') throw new CallError({ code: 'aborted', message: `${call.what} was cancelled by the caller.` });
          if (error.kind === 'too_large') throw new CallError(this.unexpected(call, error.message));
          if (error.kind === 'unknown_host') {
            throw new CallError({ code: 'network_error', message: this.clean(`${call.what} failed: ${error.message}: check the ${this.options.baseUrl ? 'base URL' : 'subdomain'}.`) });
          }
          outcome = { failure: error.kind };
          lastFailure = error.message;
          // No answer: the server may have applied it. Only a key-carrying write of this kind is replayed after that.
          if (call.doubles && error.kind !== 'refused') call.uncertain = true;
          if (call.write && error.kind !== 'refused') call.lost = true;
        } finally {
          release();
        }

        const decision = decideRetry(outcome, { replaySafe, attempt: attemptNumber, waitedMs, policy: this.policy });
        if (decision.retry) {
          this.log(`${call.what}: ${'response' in outcome ? `answer ${outcome.response.status}` : lastFailure}; retry ${attemptNumber + 1} in ${decision.delayMs} ms`);
          await this.wait(decision.delayMs);
          waitedMs += decision.delayMs;
          continue;
        }
        throw new CallError(this.failure(call, outcome, lastFailure, decision, attemptNumber));
      }
    } catch (error) {
      throw this.outcomeOf(error, call);
    }
  }

  /**
   * A 2xx is the operation's answer only when it is a JSON object holding what the request reads.
   * An empty answer is one only for a 204, a DELETE or a request that says it answers with nothing.
   * Job statuses are cleaned here, once, as they arrive.
   */
  private checked(response: ZendeskResponse, spec: RequestSpec, call: Call): ZendeskResponse {
    const { status, body } = response;
    if (spec.emptyAnswer) {
      // Nothing (or the JSON text "") is this endpoint's answer; a page or an object is some other answer.
      if (body === undefined || (typeof body === 'string' && body.trim() === '')) return response;
      throw new CallError(this.unexpected(call, `Zendesk answered ${status} with ${this.describeBody(body, response.headers)} instead of the empty answer this endpoint gives`, status));
    }
    if (body === undefined && (status === 204 || spec.method === 'DELETE')) return response;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new CallError(this.unexpected(call, `Zendesk answered ${status} with ${this.describeBody(body, response.headers)} instead of a JSON object`, status));
    }
    const missing = spec.reads ? missingReads(body, spec.reads) : undefined;
    if (missing) {
      throw new CallError(this.unexpected(call, `Zendesk answered ${status} without ${missing.join(', ')}, which this operation reads`, status));
    }
    for (const key of JOB_STATUS_KEYS) if (Object.prototype.hasOwnProperty.call(body, key)) body[key] = this.redactor.cleanValue(body[key]);
    return response;
  }

  private describeBody(body: unknown, headers: Record<string, string>): string {
    if (body === undefined) return 'an empty answer';
    if (Array.isArray(body)) return 'a JSON array';
    if (typeof body === 'object' && body !== null) return 'a JSON object';
    if (typeof body !== 'string') return `a bare JSON ${body === null ? 'null' : typeof body}`;
    const type = headers['content-type'] ? ` (${headers['content-type'].split(';')[0]})` : '';
    // Redacted before it is cut short.
    const start = this.clean(body).replace(/\s+/g, ' ').trim().slice(0, 60);
    return `text that is not JSON${type}: "${start}${body.length > 60 ? '...' : ''}"`;
  }

  private redirectProblem(response: ZendeskResponse & { redirected?: boolean }): string {
    if (response.redirected) return "the injected fetch followed a redirect (it was asked not to, with redirect: 'manual'); Zendesk's API never redirects, so that answer is not used";
    const location = response.headers.location ? ` (a redirect to ${this.clean(response.headers.location).slice(0, 200)})` : '';
    return `Zendesk answered ${response.status}${location}, which its API never does; no redirect is followed, so nothing was sent elsewhere`;
  }

  /**
   * An answer that is not the operation's (a redirect, a 2xx without what it reads, one past the
   * size cap). For a write that would apply twice, the outcome is unknown: the server may have acted.
   */
  private unexpected(call: Call, problem: string, status?: number): ToolError {
    if (call.doubles) return this.unknownOutcome(call, `${problem}, so it is unknown whether the change was applied`, status);
    const note = call.write ? ' The change may have been applied; repeating it is safe.' : '';
    return { code: 'unexpected_response', ...(status ? { status } : {}), message: this.clean(`${call.what}: ${problem}.${note}`) };
  }

  private unknownOutcome(call: Call, problem: string, status?: number): ToolError {
    const retry = call.key
      ? `; to retry safely, send it with the same idempotency key (the idempotencyKey option, "${call.key}"): Zendesk then answers with the first result instead of applying it twice`
      : '';
    return {
      code: 'unknown_outcome',
      ...(status ? { status } : {}),
      message: this.clean(`${call.what}: ${problem}. It was not replayed, since that could apply it twice: check the record before retrying${retry}.`),
      ...(call.key ? { details: { idempotency_key: call.key } } : {}),
    };
  }

  /** A failure that followed an attempt whose answer was lost: the change may have been applied then. */
  private afterLostAnswer(call: Call, later: ToolError): ToolError {
    // The later failure is quoted without its "try again in N s": a retry is exactly what needs checking first.
    const said = later.message.replace(/[;.]?\s*try again in \d+ s\.?$/i, '').replace(/\.$/, '');
    const error = this.unknownOutcome(call, `an attempt got no answer, so the change may have been applied, and the retries then failed (${later.code}: ${said})`, later.status);
    if (later.retryAfter !== undefined) error.retryAfter = later.retryAfter;
    return error;
  }

  private async acquire(maxWaitMs: number, endpointLimit?: EndpointLimit) {
    try {
      return await this.pacer.acquire(this.options.signal, maxWaitMs, endpointLimit);
    } catch (error) {
      if (error instanceof PacerWait) {
        const retryAfter = Math.ceil(error.delayMs / 1000);
        const which = endpointLimit ? `limit for these requests (${endpointLimit.perMinute} a minute) or for this account` : 'rate limit for this account';
        throw new CallError({ code: 'rate_limited', retryAfter, message: `Zendesk's ${which} is exhausted; try again in ${retryAfter} s.` });
      }
      throw new CallError({ code: 'aborted', message: 'The call was cancelled by the caller.' });
    }
  }

  /**
   * Waits for one of the account's background-job slots (Zendesk runs 30 jobs of an account at once,
   * counted across processes with a shared pacing store); resolves to the slot's release.
   */
  async jobSlot(maxWaitMs: number): Promise<() => void> {
    try {
      return await this.pacer.jobSlot(maxWaitMs, this.options.signal);
    } catch (error) {
      if (!(error instanceof PacerWait)) throw new CallError({ code: 'aborted', message: 'The call was cancelled by the caller.' });
      const seconds = Math.ceil(maxWaitMs / 1000);
      throw new CallError({
        code: 'rate_limited',
        retryAfter: 60,
        message: `All ${this.pacer.jobSlots} background-job slots of this account stayed taken for ${seconds} s (Zendesk runs at most 30 jobs of an account at once); nothing was sent. Try again in 60 s.`,
      });
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
    call: Call,
    outcome: AttemptOutcome,
    transportMessage: string,
    { reason, retryAfterMs }: { reason: string; retryAfterMs?: number },
    attempts: number,
  ): ToolError {
    const { what } = call;
    const tried = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    if ('response' in outcome) {
      const { status, headers } = outcome.response;
      // Zendesk's body minus any credential it might echo, cleaned before any of it is cut short.
      const body = this.redactor.cleanValue(outcome.response.body);
      const error: ToolError = {
        code: codeForStatus(status),
        status,
        message: this.clean(`${describeZendeskError(status, body)}${tried}`),
        details: typeof body === 'object' && body !== null ? body : undefined,
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
    if (reason === 'unsafe') return this.unknownOutcome(call, `the connection failed before Zendesk answered (${transportMessage}), so it is unknown whether the change was applied`);
    const code = outcome.failure === 'timeout' ? 'timeout' : 'network_error';
    return { code, message: this.clean(`${what} failed: ${transportMessage}${tried}`) };
  }
}
