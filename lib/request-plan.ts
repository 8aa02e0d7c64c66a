/**
 * The dry run of the executor: the request a call would send, built by the steps the call itself
 * takes (the input checks, the definition's request, the URL and headers of Connection.send), and
 * not sent. A playground shows it before a run; a person can replay it with the curl line.
 */
import type { AnyToolDefinition, HttpMethod, ToolError } from '../contract';
import { accountHeaders, apiBaseOf, connectionOptionError, httpRequestOf } from './connection';
import { Redactor } from './errors';
import { checkCall, type ExecuteOptions, paramSecrets } from './executor';
import { batchOf, chunkParams } from './jobs';

/** One request as it would go on the wire, with its credential masked. */
export interface PlannedRequest {
  method: HttpMethod;
  url: string;
  /** The URL's path, e.g. /api/v2/tickets/1 */
  path: string;
  /** The query as sent, decoded (lists are comma-separated). */
  query: Record<string, string>;
  /** Every header sent, the Authorization value masked. */
  headers: Record<string, string>;
  /** The JSON body sent, when there is one. */
  body?: unknown;
  /** How the request signs in, so a curl line can read the secret from the environment. */
  auth: { scheme: 'api-token'; email: string } | { scheme: 'access-token' };
}

export type RequestPlan =
  /** `requests`: how many requests the call makes with these params when known in advance (a split bulk call makes several). */
  | { success: true; request: PlannedRequest; requests: number; note?: string }
  /** A composite operation decides its requests as it goes (bulk triage searches first): none can be shown before it runs. */
  | { success: true; request: null; note: string }
  | { success: false; error: ToolError };

export const MASK = '****';

/** What a generated Idempotency-Key is shown as: its value is drawn when the call is made. */
const GENERATED_KEY = '(a new UUID, kept across the call\'s retries)';

/**
 * The request `runTool(tool, params, options)` would send first, or the error it would give without
 * sending anything (the same `invalid_input`, read-only refusal or bad base URL). Never sends.
 */
export function planRequest(tool: AnyToolDefinition, params?: Record<string, unknown>, options: ExecuteOptions = {}): RequestPlan {
  const input = checkCall(tool, params, options);
  if (!input.ok) return { success: false, error: input.error };
  let base: string;
  try {
    base = apiBaseOf(input.credentials, options);
  } catch (error) {
    return { success: false, error: connectionOptionError(error) };
  }
  if (tool.run || !tool.request) {
    return { success: true, request: null, note: `${tool.id} makes its requests as it goes (each depends on the answers before it), so they cannot be shown before it runs.` };
  }
  let callParams = input.params;
  let requests = 1;
  let note: string | undefined;
  const batch = batchOf(tool, input.params);
  const items = batch ? (input.params[batch.param] as unknown[]) : [];
  if (batch && items.length > batch.limit) {
    // The executor splits a long input into chunks of `limit` items, each its own request (a job's, or a plain one).
    requests = Math.ceil(items.length / batch.limit);
    callParams = chunkParams(input.params, batch.param, items.slice(0, batch.limit));
    const chunks = tool.result.kind === 'job' ? `${requests} jobs of at most ${batch.limit}, one request each` : `${requests} requests of at most ${batch.limit}`;
    note = `${items.length} ${batch.param} are sent as ${chunks}; the first is shown.`;
  } else if (options.all) {
    note = 'With "all", the next pages follow, each asked for with the cursor or page number of the one before.';
  }
  const spec = tool.request(callParams);
  const credentials = input.credentials;
  const key = spec.idempotencyKey ? options.idempotencyKey ?? GENERATED_KEY : undefined;
  const wire = httpRequestOf(base, accountHeaders(credentials), spec, key);
  const url = new URL(wire.url);
  const headers = { ...wire.headers, Authorization: `${wire.headers.Authorization.split(' ')[0]} ${MASK}` };
  const request: PlannedRequest = {
    method: wire.method,
    url: wire.url,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    ...(wire.body !== undefined ? { body: JSON.parse(wire.body) } : {}),
    auth: credentials.accessToken ? { scheme: 'access-token' } : { scheme: 'api-token', email: credentials.email ?? '' },
  };
  // A hidden param (a password) is shown masked, as the token is: the preview may be displayed or stored.
  const secrets = paramSecrets(tool, params);
  const shown = secrets.length ? new Redactor(secrets).cleanValue(request) : request;
  return { success: true, request: shown, requests, ...(note ? { note } : {}) };
}

/** A word for a POSIX shell: single-quoted unless plainly safe. */
const shellWord = (text: string) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`);
/** Text inside double quotes, where `$VARIABLE` still expands. */
const doubleQuoted = (text: string) => text.replace(/[\\"$`]/g, (c) => `\\${c}`);

/**
 * The request as a curl command. The secret is never in it: it reads `$ZENDESK_API_TOKEN` or
 * `$ZENDESK_ACCESS_TOKEN` from the shell, as the CLI does.
 */
export function curlCommand(request: PlannedRequest): string {
  const lines = [`curl${request.method === 'GET' ? '' : ` -X ${request.method}`} ${shellWord(request.url)}`];
  if (request.auth.scheme === 'api-token') lines.push(`-u "${doubleQuoted(request.auth.email)}/token:$ZENDESK_API_TOKEN"`);
  else lines.push('-H "Authorization: Bearer $ZENDESK_ACCESS_TOKEN"');
  const key = request.headers['Idempotency-Key'];
  if (key) lines.push(key === GENERATED_KEY ? '-H "Idempotency-Key: $(uuidgen)"' : `-H ${shellWord(`Idempotency-Key: ${key}`)}`);
  if (request.body !== undefined) lines.push(`-H 'Content-Type: application/json'`, `-d ${shellWord(JSON.stringify(request.body))}`);
  return lines.join(' \\\n  ');
}
