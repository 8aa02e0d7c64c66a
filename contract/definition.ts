/**
 * The declarative operation format. An operation file declares what it takes, what request it makes
 * and what it returns; the executor (lib/) runs any definition it is given. This module imports
 * nothing of the pack: every layer may depend on it, it depends on none.
 */
import type { ToolError } from './results';

/** How a string param is read. `text` is taken as written; the others are coerced by the executor. */
export type ParamFormat =
  | 'text'
  | 'numeric-id'
  | 'id-list'
  | 'string-list'
  | 'json-object'
  | 'json-array'
  | 'boolean'
  | 'integer';

/**
 * Who may set a param: `user-only` on the form, `hidden` never shown in clear, `user-or-llm` anyone.
 * A `hidden` param is a secret (a token, a password): a model never sees or sets it, and the executor
 * removes its value from everything the call returns or logs (errors, outputs, job statuses, log lines).
 */
export type ParamVisibility = 'user-only' | 'user-or-llm' | 'hidden';

export interface ParamDefinition<F extends ParamFormat = ParamFormat, R extends boolean = boolean> {
  /** Values arrive as strings from a form; the executor also accepts them already typed. */
  type: 'string';
  format: F;
  required: R;
  visibility: ParamVisibility;
  description: string;
  /** Allowed values, exactly as the user writes them. */
  enum?: readonly string[];
  /** A regular expression a `text` value must match (the subdomain is a DNS label). */
  pattern?: string;
  /** What a valid value is, in words, where the format alone does not say (a pattern's meaning). */
  mustBe?: string;
  /** Bounds of an `integer` param. */
  minimum?: number;
  maximum?: number;
  /** The value used when the param is left empty, as the string a user would type. */
  default?: string;
  /** Largest number of items Zendesk takes in one request; the executor splits longer lists. */
  perRequestLimit?: number;
  /** A `json-object` param that also takes a JSON array (ticket custom fields as `[{id, value}]`). */
  acceptsArray?: boolean;
  /**
   * An `id-list` param that may be set to the empty list: this word (e.g. `none`) stands for it.
   * An empty field means "left out", so emptying a list (every agent removed from a group) needs a
   * value of its own that a form and a model can both send.
   */
  emptyWord?: string;
  /** A value that shows the expected form (placeholders, LLM examples). */
  example?: string;
  /** Long free text (comments, descriptions): a multi-line field on the block. */
  multiline?: boolean;
  /** Rarely used: shown in the block's advanced mode only. */
  advanced?: boolean;
  /**
   * The id of the block field this param fills; the param name when absent. Given, never derived:
   * saved workflows keep their values only if a field id never changes.
   */
  field?: string;
}

export type ParamMap = Record<string, ParamDefinition>;

/** The typed value a param becomes after coercion. */
export type CoercedValue<D> = D extends { format: 'numeric-id' | 'integer' }
  ? number
  : D extends { format: 'id-list' }
    ? number[]
    : D extends { format: 'string-list' }
      ? string[]
      : D extends { format: 'json-object' }
        ? Record<string, unknown> | unknown[] // an array only where `acceptsArray` says so
        : D extends { format: 'json-array' }
          ? unknown[]
          : D extends { format: 'boolean' }
            ? boolean
            : string;

type RequiredKeys<P> = { [K in keyof P]: P[K] extends { required: true } ? K : never }[keyof P];
type OptionalKeys<P> = Exclude<keyof P, RequiredKeys<P>>;

/** Params after coercion: required ones always present, optional ones absent when left empty. */
export type CoercedParams<P extends ParamMap> = { [K in RequiredKeys<P>]: CoercedValue<P[K]> } & {
  [K in OptionalKeys<P>]?: CoercedValue<P[K]>;
};

export type OutputType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'json';

/** A node of an output tree, as the documented output tables describe it. */
export interface OutputNode {
  type: OutputType;
  description: string;
  /** Absent from the output rather than null when there is nothing to say. */
  optional?: boolean;
  properties?: Record<string, OutputNode>;
  items?: OutputNode;
  /** The shared object this node is (ticket, user...), so generated types and schemas can name it. */
  ref?: string;
}

export type OutputMap = Record<string, OutputNode>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

/**
 * A rate limit Zendesk sets on some endpoints on top of the account's budget (the incremental exports
 * take 10 requests a minute). Requests naming the same group share it, per account: the pacer holds
 * them evenly spaced, so that no minute sees more than `perMinute` of them, instead of meeting 429s, and a 429 on
 * one of them pauses that group only.
 */
export interface EndpointLimit {
  /** The requests that share the limit, e.g. `incremental-exports`. */
  group: string;
  /** How many requests of the group Zendesk takes in any minute. */
  perMinute: number;
}

/** The request an operation makes, described, never sent, by the operation. */
export interface RequestSpec {
  method: HttpMethod;
  /** Path segments after `/api/v2/`; each is percent-encoded by the executor. */
  path: readonly (string | number)[];
  query?: Record<string, QueryValue>;
  body?: unknown;
  /**
   * Whether replaying this request after an unknown outcome could do the work twice. Defaults from
   * the method: GET, PUT and DELETE are idempotent, POST and PATCH are not.
   */
  idempotent?: boolean;
  /** Ticket create: the executor sends an Idempotency-Key so its own retries cannot duplicate. */
  idempotencyKey?: boolean;
  /**
   * The endpoint answers a success with no content: an empty body, or the JSON text `""` (setting a
   * password, signing users out, requesting a verification). That answer, and only that, is its answer;
   * `reads` stays empty.
   */
  emptyAnswer?: boolean;
  /**
   * What the answer must hold, as paths into its JSON body: `ticket.id` present and not null,
   * `tickets[]` an array. Every 2xx must be a JSON object (only a 204 or a DELETE may be empty); one
   * without these paths (an HTML page, `{}`, another endpoint's answer) is not this request's answer
   * and fails. Lists and jobs need not say: the executor reads their kind (the items key,
   * `job_status.id` and `.status`).
   */
  reads?: readonly string[];
  /** The endpoint's own rate limit, which the pacer keeps to (the incremental exports). */
  endpointLimit?: EndpointLimit;
}

/** A parsed Zendesk answer handed to an operation's output mapping. */
export interface ZendeskResponse {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/** What went wrong with one input, named so a user or a model knows what to change. */
export interface InputProblem {
  param: string;
  message: string;
}

/** The account a call is made for: a subdomain and one of the two credential forms. */
export interface Credentials {
  subdomain: string;
  email?: string;
  apiToken?: string;
  accessToken?: string;
}

/**
 * The connection params every operation receives (declared once, not per operation), and how they
 * become credentials. Connection params never reach a model and never appear in outputs.
 */
export interface ConnectionGroup {
  params: ParamMap;
  /** The credentials the given values make, or what is missing. Values are already checked and trimmed. */
  read(values: Record<string, unknown>): Credentials | InputProblem;
}

/**
 * How a list operation pages: where its items are, and how to ask for the next page. The executor
 * reads only this, never param names.
 */
export interface CursorPaging {
  kind: 'cursor-list';
  itemsKey: string;
  /** The param that carries the cursor of the page to fetch. */
  cursorParam: string;
  /** The param that says how many items a page holds, when the operation has one. */
  sizeParam?: string;
  /** The cursor of the next page from a page's output; null or undefined at the end. Default: `paging.after_cursor` while `paging.has_more`. */
  nextCursor?: (page: Record<string, any>) => string | null | undefined;
}

export interface OffsetPaging {
  kind: 'offset-list';
  itemsKey: string;
  /** The param that carries the page number (from 1). */
  pageParam: string;
  sizeParam: string;
  /** Results beyond this position cannot be reached (search: 1,000). Default 10,000. */
  window?: number;
}

/** What kind of result an operation returns, so the executor can page it, wait for it or split it. */
export type ToolKind =
  | { kind: 'single' }
  | CursorPaging
  | OffsetPaging
  /**
   * A job. `batchParam` is the list param split into jobs of its `perRequestLimit` items; an operation
   * that takes its list in one of several params (ids or external ids) names them all, and the one the
   * call sets is split.
   */
  | { kind: 'job'; batchParam?: string | readonly string[] }
  | BatchedRequests
  | { kind: 'composite' };

/**
 * A plain request (no background job) that takes at most `perRequestLimit` ids of its `batchParam`
 * (an id-list param; Zendesk: 100). Longer lists are sent as one request per chunk, one after another,
 * and every chunk's outcome is reported: the executor calls the operation's `output` once, with a
 * response whose body is `{batches: BatchOutcome[]}` (tools/define.ts `batchedAnswer` maps it). The
 * call succeeds only when every chunk did; otherwise its error says which ids were done and which
 * were not, and its output still lists them.
 */
export interface BatchedRequests {
  kind: 'batched';
  batchParam: string;
}

/**
 * How one request of a batched call ended. `succeeded`: Zendesk answered 2xx. `failed`: Zendesk
 * refused it (4xx, rate limited) or it was never sent, so nothing was applied. `unknown_outcome`: no
 * answer could be read (lost, 5xx, unexpected), so it may have been applied.
 */
export interface BatchOutcome {
  /** Position of the chunk's first item in the caller's list. */
  offset: number;
  items: unknown[];
  outcome: 'succeeded' | 'failed' | 'unknown_outcome';
  /** HTTP status of Zendesk's answer, when there was one. */
  status?: number;
  /** Why the chunk did not succeed. */
  error?: ToolError;
}

/** The connection a composite operation sends its requests through (the executor's own). */
export interface ZendeskConnection {
  /** Sends a request with pacing and safe retries; resolves to a 2xx answer or throws the call's error. */
  send(spec: RequestSpec): Promise<ZendeskResponse>;
  /** Removes every credential from a text meant for a person. */
  clean(text: string): string;
  /** 429 answers this account has met so far (for reports). */
  readonly throttled: number;
  /**
   * Waits for one of the account's background-job slots (Zendesk runs at most 30 jobs of an account
   * at once) and resolves to its release; throws the call's error when none frees within `maxWaitMs`.
   */
  jobSlot?(maxWaitMs: number): Promise<() => void>;
}

/** Progress of background jobs, over all the jobs of a call. */
export interface JobProgress {
  /** Items processed so far, over all jobs of the call. */
  done: number;
  total: number;
  jobs: number;
  jobsFinished: number;
}

export interface JobWaitOptions {
  /** Give up waiting after this long; the job goes on in Zendesk. Default 10 minutes. */
  timeoutMs?: number;
  /** First delay between polls; it grows to at most 5 s. Default 400 ms. */
  pollIntervalMs?: number;
  /** A job can answer 404 for a moment right after it is queued. Default 30 s. */
  notFoundGraceMs?: number;
  /** Jobs in flight at once when a long input is split. Default 5; Zendesk allows 30 per account. */
  concurrency?: number;
}

/** The call's options a composite operation reads. */
export interface RunOptions {
  waitForJob?: boolean | JobWaitOptions;
  onProgress?: (progress: JobProgress) => void;
  signal?: AbortSignal;
}

/** Items a composite operation runs as background jobs: one request per chunk of the items. */
export interface JobBatch<T = unknown> {
  items: readonly T[];
  /** Items per job. Default 100, what Zendesk's bulk endpoints take. */
  chunkSize?: number;
  /** The request that queues the job of one chunk; `offset` is the chunk's first position in `items`. */
  request: (chunk: T[], offset: number) => RequestSpec;
}

/** What became of one item of a JobBatch. */
export interface JobItemOutcome {
  /** The item's position in `items`. */
  index: number;
  /**
   * `succeeded`; `failed` (Zendesk said why: nothing was done for it); `unknown` (its job was queued
   * or its request sent, but the outcome could not be read: it may have been applied).
   */
  outcome: 'succeeded' | 'failed' | 'unknown';
  /** Zendesk's result entry for the item (a created record's `id`...), or the executor's account of why there is none. */
  result: Record<string, any>;
  /** Why it failed or is unknown. */
  reason?: string;
  /** The job the item ran in, when one was queued for it. */
  jobId?: string;
}

/** The jobs of a JobBatch run to their end. */
export interface JobBatchResult {
  /** One job_status over every job, item indexes referring to `items` (what a bulk operation outputs). */
  jobStatus: Record<string, any>;
  /** One outcome per item, in the order of `items`. */
  items: JobItemOutcome[];
}

/** What a composite operation gets from the executor: the account connection, the call's options, and shared steps. */
export interface ToolRunContext {
  connection: ZendeskConnection;
  options: RunOptions;
  /**
   * Runs items as background jobs to completion: split into chunks, a few jobs in flight, each polled
   * to its end within the call's job wait options (`waitForJob`), progress through `onProgress`. Never
   * throws for a job or request that failed: every item comes back with its outcome.
   */
  runJobs<T>(batch: JobBatch<T>): Promise<JobBatchResult>;
  /**
   * Every item of a cursor-paged list request (sent with `page[size]=100`, then each `page[after]`),
   * with the guards of full pagination: a cursor must advance, a page must not repeat an earlier one.
   * Throws the call's error; more than `maxItems` items (default 100,000) is an error too, never a
   * silently shortened list.
   */
  listAll(request: RequestSpec, itemsKey: string, maxItems?: number): Promise<unknown[]>;
}

/** A composite operation's answer: its outputs (not yet conformed), or a failure with optional outputs. */
export type ToolRunResult =
  | { success: true; output: Record<string, unknown>; warnings?: string[] }
  | { success: false; error: ToolError; output?: Record<string, unknown> };

/** The id of a resource (`tickets`, `users`...): operations are grouped by it. */
export type ResourceName = string;

/** What one resource declares once for all its operations. */
export interface ResourceDeclaration {
  id: ResourceName;
  /** The group title in the block's operation dropdown, the docs and the CLI. */
  title: string;
  /** One record, in words: "ticket". */
  singular: string;
  /** The output tree of one record, when the resource has records. */
  record?: OutputNode;
}

export interface ToolHints {
  /** Changes nothing. */
  readOnly: boolean;
  /** May delete or irreversibly alter data. */
  destructive: boolean;
  /** Repeating the same call has no further effect. */
  idempotent: boolean;
}

export interface ToolDefinition<P extends ParamMap = ParamMap> {
  id: string;
  name: string;
  /** Written for people and models alike: what it does, when to use it, its limits. */
  description: string;
  resource: ResourceName;
  /** Every param the operation takes: the connection group's first, then its own. */
  params: P;
  /** The connection params among `params`, and how they make credentials. */
  connection?: ConnectionGroup;
  /** Rules across params that a schema cannot say (at least one change, source is not target...). */
  check?: (params: CoercedParams<P>) => InputProblem | undefined;
  /** The one request of a simple operation. */
  request?: (params: CoercedParams<P>) => RequestSpec;
  /**
   * A composite operation (bulk triage) runs several requests through the executor's connection
   * instead of declaring one. Exactly one of `request` and `run` is given.
   */
  run?: (params: CoercedParams<P>, context: ToolRunContext) => Promise<ToolRunResult>;
  outputs: OutputMap;
  /** Picks the documented outputs from Zendesk's answer; the executor fills absent keys with null. */
  output: (response: ZendeskResponse, params: CoercedParams<P>) => Record<string, unknown>;
  /** Checks the answer means what it seems (an anonymous /users/me is not a success). */
  verify?: (response: ZendeskResponse) => string | undefined;
  result: ToolKind;
  hints: ToolHints;
  /**
   * An operation whose effect depends on its params (a raw request: GET reads, others write): true
   * when this call changes nothing. Read-only mode runs it only then.
   */
  readOnlyFor?: (params: CoercedParams<P>) => boolean;
}

/** A definition whose params type has been erased, as held by the catalog. */
export type AnyToolDefinition = ToolDefinition<any>;

/** A resource and its operations, as the catalog collects them. */
export interface ResourceOperations {
  resource: ResourceDeclaration;
  operations: readonly AnyToolDefinition[];
}
