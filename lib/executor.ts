/**
 * The shared executor: runs the definition it is given. It checks and coerces the string inputs,
 * calls Zendesk through a Connection, and maps the answer onto the documented outputs. It never
 * throws for bad input or an HTTP error, and never looks an operation up: the catalog does that.
 */
import type { AnyToolDefinition, Credentials, InputProblem, JobProgress, JobWaitOptions, ParamDefinition, RequestSpec, ToolError, ToolResult, ZendeskConnection, ZendeskResponse } from '../contract';
import { runBatched } from './batches';
import { runContext } from './composite';
import { CallError, Connection, connectionOptionError, type ConnectionOptions } from './connection';
import { Redactor } from './errors';
import { prepareInput } from './input';
import { batchOf, itemFailed, JOB_READS, type JobItemResult, type JobStatus, runJobsToCompletion } from './jobs';
import { conformOutputs } from './output';
import { hasMorePages, listPaging, type PageOutput, pageSteps } from './paginate';

export type { ToolResult } from '../contract';

export interface ExecuteOptions extends ConnectionOptions {
  /**
   * Bulk operations and merge: wait for the background job and return its final status with
   * per-item results. Inputs longer than one job takes (100 items) are always waited for.
   */
  waitForJob?: boolean | JobWaitOptions;
  /** Job progress, over all the jobs of the call. */
  onProgress?: (progress: JobProgress) => void;
  /** List operations: fetch every page (up to maxItems) instead of one. */
  all?: boolean;
  /** With `all`: stop after this many items and say the result is truncated. Default 10,000. */
  maxItems?: number;
  /**
   * Run only what changes nothing: operations whose hints say read-only, and operations whose effect
   * depends on their params (a raw request) when these params change nothing. Anything else is refused
   * before a request is made.
   */
  readOnly?: boolean;
}

export const DEFAULT_MAX_ITEMS = 10_000;

const fail = (error: ToolError): ToolResult => ({ success: false, error });

/** Every problem of the input in one message; `param` names the first to fix. */
function inputError(problems: InputProblem[]): ToolError {
  const message = problems.map((p) => p.message.replace(/\.?$/, '.')).join(' ');
  return { code: 'invalid_input', param: problems[0].param, message, ...(problems.length > 1 ? { details: { problems } } : {}) };
}

/** What an answer must hold by the operation's kind, unless its request says: a list its items, a job its status. */
function readsOf(tool: AnyToolDefinition): readonly string[] {
  const { result } = tool;
  if (result.kind === 'job') return JOB_READS;
  if (result.kind === 'cursor-list' || result.kind === 'offset-list') return [`${result.itemsKey}[]`];
  return [];
}

/** The request of an operation for these params, reading what its kind reads unless it says. */
function requestOf(tool: AnyToolDefinition, params: Record<string, any>): RequestSpec {
  const spec = tool.request!(params);
  if (spec.reads) return spec;
  const reads = readsOf(tool);
  return reads.length ? { ...spec, reads } : spec;
}

/** Sends one request of an operation and maps the answer to its documented outputs. */
function callOnce(connection: ZendeskConnection, tool: AnyToolDefinition, params: Record<string, any>): Promise<Record<string, unknown>> {
  let spec: RequestSpec;
  try {
    if (!tool.request) throw new Error(`${tool.id} declares no request`);
    spec = requestOf(tool, params);
  } catch (error) {
    return Promise.reject(error);
  }
  // One promise chain, no async frame: this runs on every request.
  return connection.send(spec).then((response) => outputsOf(tool, response, params));
}

/** The documented outputs of an answer, once the operation accepts it. */
function outputsOf(tool: AnyToolDefinition, response: ZendeskResponse, params: Record<string, any>): Record<string, unknown> {
  const problem = tool.verify?.(response);
  if (problem) throw new CallError({ code: 'unauthorized', status: response.status, message: problem });
  // The parsed answer is this call's alone: its parts are completed in place rather than copied.
  const { body } = response;
  return conformOutputs(tool.outputs, tool.output(response, params), typeof body === 'object' && body !== null ? body : undefined);
}

async function collectAll(connection: Connection, tool: AnyToolDefinition, params: Record<string, any>, maxItems: number): Promise<ToolResult> {
  const paging = listPaging(tool)!; // checkCall refused "all" for an operation without a list
  const { itemsKey } = paging;
  const items: unknown[] = [];
  let last: PageOutput | undefined;
  let windowReached = false;
  const size = paging.kind === 'cursor-list' ? paging.sizeParam : undefined;
  const readPage = (c: ZendeskConnection, p: Record<string, any>) => {
    // Ask a cursor page for no more than is still wanted, so the cursor resumes exactly after the last item.
    const wanted = size && typeof p[size] === 'number' ? { ...p, [size]: Math.min(p[size], maxItems - items.length) } : p;
    return callOnce(c, tool, wanted) as Promise<PageOutput>;
  };
  let cutShort = false;
  for await (const step of pageSteps(connection, tool, params, readPage)) {
    last = step.page;
    windowReached = step.windowReached;
    const pageItems = step.page[itemsKey] as unknown[];
    const taken = pageItems.slice(0, maxItems - items.length);
    cutShort = taken.length < pageItems.length;
    items.push(...taken);
    if (items.length >= maxItems) break;
  }
  const truncated = windowReached || cutShort || (last !== undefined && hasMorePages(paging, last));
  const warnings: string[] = [];
  if (windowReached) warnings.push(`Zendesk serves at most ${items.length} results for one search query; more match. Narrow the query, or use zendesk_search (search export) which has no such window.`);
  else if (truncated) warnings.push(`Stopped at maxItems=${maxItems}; more results remain (continue from ${'paging' in tool.outputs ? 'paging' : "the last page's cursor"}).`);
  // The last page's other outputs (an export's cursor and end_of_stream) say where the listing stopped.
  const output: Record<string, unknown> = { ...last, [itemsKey]: items };
  if ('paging' in tool.outputs) output.paging = last?.paging ?? { after_cursor: null, has_more: false, next_page: null };
  if ('metadata' in tool.outputs) output.metadata = { total_returned: items.length, has_more: truncated, truncated };
  return { success: true, output, ...(warnings.length ? { warnings } : {}) };
}

function jobOutcome(tool: AnyToolDefinition, params: Record<string, any>, job: JobStatus): ToolResult {
  const output = conformOutputs(tool.outputs, tool.output({ status: 200, headers: {}, body: { job_status: job } }, params));
  const failed = (job.results ?? []).filter(itemFailed);
  if (job.status === 'completed' && failed.length === 0) return { success: true, output };
  const unknown = failed.filter((r) => r.error === 'unknown_outcome');
  if (unknown.length) return { success: false, error: unknownItemsError(job, unknown, failed.length), output };
  const examples = failed
    .slice(0, 5)
    .map((r) => `item ${r.index ?? '?'}${r.id ? ` (id ${r.id})` : ''}: ${[r.error, r.details].filter(Boolean).join(' - ')}`)
    .join('; ');
  const message =
    failed.length > 0
      ? `${failed.length} of ${job.total ?? '?'} items failed${examples ? `: ${examples}` : ''}${failed.length > 5 ? '; see output.job_status.results' : ''}.`
      : `Job ${job.id} ended ${job.status}: ${job.message ?? 'no message'}.`;
  return { success: false, error: { code: 'job_failed', message, details: { failed: failed.length, total: job.total } }, output };
}

/**
 * Some items of a split bulk call have an unknown outcome (their job was queued but could not be
 * followed, or their request's answer was lost): resending them could apply them twice.
 */
function unknownItemsError(job: JobStatus, unknown: JobItemResult[], failed: number): ToolError {
  const jobIds = [...new Set(unknown.map((r) => r.job_id).filter((id): id is string => typeof id === 'string'))];
  const why = jobIds.length
    ? `job ${jobIds.join(', ')} was queued, but its outcome could not be read (see each item's details)`
    : String(unknown[0].details ?? 'their requests got no usable answer').replace(/\.$/, '');
  const where = jobIds.map((id) => `GET /api/v2/job_statuses/${id}, `).join('');
  const succeeded = typeof job.total === 'number' ? job.total - failed : '?';
  return {
    code: 'unknown_outcome',
    message:
      `${unknown.length} of ${job.total ?? '?'} items have an unknown outcome: ${why}. ${succeeded} succeeded and ${failed - unknown.length} failed ` +
      `(see output.job_status.results). Check the items whose outcome is unknown (${where}or the records) before retrying them, and leave out the items that succeeded.`,
    details: { job_ids: jobIds, unknown: unknown.length, failed, total: job.total },
  };
}

/** Whether read-only mode offers the operation: it changes nothing, or changes nothing with some params. */
export const offeredReadOnly = (tool: AnyToolDefinition): boolean => tool.hints.readOnly || Boolean(tool.readOnlyFor);

/** Read-only mode refuses what could change data, before any request. */
function readOnlyProblem(tool: AnyToolDefinition, params: Record<string, unknown>): ToolError | undefined {
  if (tool.hints.readOnly || tool.readOnlyFor?.(params as never)) return undefined;
  const how = tool.readOnlyFor ? ' with these params' : '';
  return { code: 'forbidden', message: `${tool.id} changes data${how}, and this connection is read-only: nothing was sent.` };
}

/**
 * The values of the call's own `hidden` params (a password; the credentials are the connection's
 * business): secrets like the credentials, removed from everything the call returns or logs.
 */
export function paramSecrets(tool: AnyToolDefinition, params: Record<string, unknown> | undefined): string[] {
  if (!params || typeof params !== 'object' || !tool?.params) return [];
  const secrets: string[] = [];
  for (const name of hiddenParams(tool)) {
    if (!Object.prototype.hasOwnProperty.call(params, name)) continue;
    const value = params[name];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    // As sent, and as a server that trims it might echo it.
    secrets.push(String(value), String(value).trim());
  }
  return secrets;
}

/** The names of an operation's own hidden params, listed once per definition: every call asks. */
const hiddenOf = new WeakMap<AnyToolDefinition, readonly string[]>();
function hiddenParams(tool: AnyToolDefinition): readonly string[] {
  let names = hiddenOf.get(tool);
  if (!names) {
    const connection = new Set(Object.keys(tool.connection?.params ?? {}));
    names = Object.entries(tool.params as Record<string, ParamDefinition>)
      .filter(([name, definition]) => definition.visibility === 'hidden' && !connection.has(name))
      .map(([name]) => name);
    hiddenOf.set(tool, names);
  }
  return names;
}

/**
 * Runs one operation definition. Resolves to a result for every failure: bad input, HTTP errors,
 * faults, and even a defect of the definition itself (it never rejects). When the call carries
 * hidden params, the whole result (outputs, error, warnings) is cleaned of their values.
 */
export function runTool(tool: AnyToolDefinition, params?: Record<string, unknown>, options: ExecuteOptions = {}): Promise<ToolResult> {
  let secrets: string[] = [];
  let result: Promise<ToolResult>;
  try {
    secrets = paramSecrets(tool, params);
    result = runChecked(tool, params, options, secrets);
  } catch (error) {
    result = Promise.resolve(fail({ code: 'unexpected_response', message: `Unexpected failure in ${String(tool?.id)}: ${messageOf(error)}` }));
  }
  return secrets.length ? result.then((done) => new Redactor(secrets).cleanValue(done)) : result;
}

const messageOf = (error: unknown): string => (error as Error)?.message ?? String(error);

export type CheckedCall = { ok: true; params: Record<string, any>; credentials: Credentials } | { ok: false; error: ToolError };

/**
 * What every call passes before a connection is made, the real one and its dry run (planRequest):
 * the input checks and coercion, read-only mode, and "all" only for a list.
 */
export function checkCall(tool: AnyToolDefinition, params: Record<string, unknown> | undefined, options: ExecuteOptions): CheckedCall {
  const input = prepareInput(tool, params);
  if (!input.ok) return { ok: false, error: inputError(input.problems) };
  const refused = options.readOnly ? readOnlyProblem(tool, input.params) : undefined;
  if (refused) return { ok: false, error: refused };
  if (options.all && !tool.run && !listPaging(tool)) {
    return { ok: false, error: { code: 'invalid_input', param: 'all', message: `${tool.id} returns no list; "all" applies to list operations only.` } };
  }
  return input;
}

/**
 * The call once its input is checked. Never rejects: every failure, a defect of the definition
 * included, resolves to a result. A single request (most calls) is one promise chain, without the
 * async frames of the longer runs.
 */
function runChecked(tool: AnyToolDefinition, params: Record<string, unknown> | undefined, options: ExecuteOptions, secrets: readonly string[]): Promise<ToolResult> {
  const input = checkCall(tool, params, options);
  if (!input.ok) return Promise.resolve(fail(input.error));
  let connection: Connection;
  try {
    connection = new Connection(input.credentials, options, secrets);
  } catch (error) {
    return Promise.resolve(fail(connectionOptionError(error)));
  }
  const failed = (error: unknown): ToolResult =>
    error instanceof CallError ? { success: false, error: error.toolError } : fail({ code: 'unexpected_response', message: connection.clean(`Unexpected failure: ${messageOf(error)}`) });
  if (!runsLonger(tool, input.params, options)) return callOnce(connection, tool, input.params).then((output) => ({ success: true, output }), failed);
  return runLonger(connection, tool, input.params, options).catch(failed);
}

/** Whether a call is more than one request: a composite, every page, a split batch, or a job waited for. */
function runsLonger(tool: AnyToolDefinition, params: Record<string, any>, options: ExecuteOptions): boolean {
  if (tool.run || options.all || tool.result.kind === 'batched') return true;
  if (tool.result.kind !== 'job') return false;
  const batch = batchOf(tool, params);
  return Boolean(options.waitForJob) || (batch !== undefined && ((params[batch.param] as unknown[] | undefined)?.length ?? 0) > batch.limit);
}

async function runLonger(connection: Connection, tool: AnyToolDefinition, params: Record<string, any>, options: ExecuteOptions): Promise<ToolResult> {
  if (tool.run) {
    const result = await tool.run(params as never, runContext(connection, options));
    return result.output ? ({ ...result, output: conformOutputs(tool.outputs, result.output) } as ToolResult) : result;
  }
  if (options.all) return collectAll(connection, tool, params, options.maxItems ?? DEFAULT_MAX_ITEMS);
  if (tool.result.kind === 'batched') return runBatched(connection, tool, params);
  // A job waited for: asked, or more items than one job takes.
  const waitOptions = typeof options.waitForJob === 'object' ? options.waitForJob : {};
  const job = await runJobsToCompletion(connection, tool, params, waitOptions, options.onProgress);
  return jobOutcome(tool, params, job);
}

/** The error an iterator throws, carrying the same ToolError a result would. */
export class ZendeskToolError extends Error {
  constructor(readonly error: ToolError) {
    super(error.message);
    this.name = 'ZendeskToolError';
  }
}

/**
 * Streams the pages of a list operation, one documented output per page, from the params' own
 * cursor or page to the end. Memory stays flat; an error ends the iteration by throwing.
 */
export async function* streamPages(tool: AnyToolDefinition, params?: Record<string, unknown>, options: ConnectionOptions = {}): AsyncGenerator<Record<string, any>> {
  const secrets = paramSecrets(tool, params);
  const redactor = secrets.length ? new Redactor(secrets) : undefined;
  const clean = <T>(value: T): T => (redactor ? redactor.cleanValue(value) : value);
  const input = prepareInput(tool, params);
  if (!input.ok) throw new ZendeskToolError(clean(inputError(input.problems)));
  const connection = new Connection(input.credentials, options, secrets);
  try {
    for await (const step of pageSteps(connection, tool, input.params, (c, p) => callOnce(c, tool, p) as Promise<PageOutput>)) {
      yield clean(step.page);
    }
  } catch (error) {
    if (error instanceof CallError) throw new ZendeskToolError(clean(error.toolError));
    throw error;
  }
}
