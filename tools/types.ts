/**
 * The declarative tool format. An operation file declares what it takes, what request it makes and
 * what it returns; the executor (lib/) does everything else.
 */

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

/** Who may set a param: `user-only` on the form, `hidden` never shown in clear, `user-or-llm` anyone. */
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
  /** Bounds of an `integer` param. */
  minimum?: number;
  maximum?: number;
  /** The value used when the param is left empty, as the string a user would type. */
  default?: string;
  /** Largest number of items Zendesk takes in one request; the executor splits longer lists. */
  perRequestLimit?: number;
  /** A `json-object` param that also takes a JSON array (ticket custom fields as `[{id, value}]`). */
  acceptsArray?: boolean;
  /** A value that shows the expected form (placeholders, LLM examples). */
  example?: string;
  /** Long free text (comments, descriptions): a multi-line field on the block. */
  multiline?: boolean;
  /** Rarely used: shown in the block's advanced mode only. */
  advanced?: boolean;
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

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The request an operation makes, described, never sent, by the operation. */
export interface RequestSpec {
  method: HttpMethod;
  /** Path segments after `/api/v2/`; each is percent-encoded by the executor. */
  path: readonly (string | number)[];
  query?: Record<string, string | number | boolean | readonly (string | number)[] | undefined>;
  body?: unknown;
  /**
   * Whether replaying this request after an unknown outcome could do the work twice. Defaults from
   * the method: GET, PUT and DELETE are idempotent, POST is not.
   */
  idempotent?: boolean;
  /** Ticket create: the executor sends an Idempotency-Key so its own retries cannot duplicate. */
  idempotencyKey?: boolean;
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

/** What kind of result an operation returns, so the executor can page it, wait for it or split it. */
export type ToolKind =
  | { kind: 'single' }
  | { kind: 'cursor-list'; itemsKey: string }
  | { kind: 'offset-list'; itemsKey: string; window?: number }
  | { kind: 'job'; batchParam?: string }
  | { kind: 'composite' };

/** What a composite operation gets from the executor: the account connection and the call's options. */
export interface ToolRunContext {
  connection: import('../lib/connection').Connection;
  options: import('../lib/executor').ExecuteOptions;
}

/** A composite operation's answer: its outputs (not yet conformed), or a failure with optional outputs. */
export type ToolRunResult =
  | { success: true; output: Record<string, unknown>; warnings?: string[] }
  | { success: false; error: import('../lib/errors').ToolError; output?: Record<string, unknown> };

export type ResourceName = 'tickets' | 'users' | 'organizations' | 'search';

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
  params: P;
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
}

/** A definition whose params type has been erased, as held by the registry. */
export type AnyToolDefinition = ToolDefinition<any>;
