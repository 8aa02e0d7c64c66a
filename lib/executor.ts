/**
 * The shared executor: checks and coerces the string inputs, calls Zendesk through a Connection,
 * and maps the answer onto the documented outputs. It never throws for bad input or an HTTP error.
 */
import { getTool } from '../tools';
import type { AnyToolDefinition, InputProblem } from '../tools/types';
import { CallError, Connection, type ConnectionOptions } from './connection';
import type { ToolError } from './errors';
import { prepareInput } from './input';
import { batchOf, itemFailed, type JobProgress, type JobStatus, type JobWaitOptions, runJobsToCompletion } from './jobs';
import { conformOutputs } from './output';
import { type PageOutput, pageSteps } from './paginate';

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
}

export type ToolResult =
  | { success: true; output: Record<string, any>; warnings?: string[] }
  | { success: false; error: ToolError; output?: Record<string, any> };

export const DEFAULT_MAX_ITEMS = 10_000;

function resolveTool(toolOrId: AnyToolDefinition | string): AnyToolDefinition | undefined {
  return typeof toolOrId === 'string' ? getTool(toolOrId) : toolOrId;
}

const fail = (error: ToolError): ToolResult => ({ success: false, error });

/** Every problem of the input in one message; `param` names the first to fix. */
function inputError(problems: InputProblem[]): ToolError {
  const message = problems.map((p) => p.message.replace(/\.?$/, '.')).join(' ');
  return { code: 'invalid_input', param: problems[0].param, message, ...(problems.length > 1 ? { details: { problems } } : {}) };
}

/** Sends one request of an operation and maps the answer to its documented outputs. */
async function callOnce(connection: Connection, tool: AnyToolDefinition, params: Record<string, any>) {
  if (!tool.request) throw new Error(`${tool.id} declares no request`);
  const response = await connection.send(tool.request(params));
  const problem = tool.verify?.(response);
  if (problem) throw new CallError({ code: 'unauthorized', status: response.status, message: problem });
  return conformOutputs(tool.outputs, tool.output(response, params));
}

async function collectAll(connection: Connection, tool: AnyToolDefinition, params: Record<string, any>, maxItems: number): Promise<ToolResult> {
  if (tool.result.kind !== 'cursor-list' && tool.result.kind !== 'offset-list') {
    return fail({ code: 'invalid_input', param: 'all', message: `${tool.id} returns no list; "all" applies to list operations only.` });
  }
  const { itemsKey } = tool.result;
  const items: unknown[] = [];
  let last: PageOutput | undefined;
  let windowReached = false;
  const cursor = tool.result.kind === 'cursor-list';
  const readPage = (c: Connection, p: Record<string, any>) => {
    // Ask a cursor page for no more than is still wanted, so the cursor resumes exactly after the last item.
    const wanted = cursor ? { ...p, perPage: Math.min(p.perPage, maxItems - items.length) } : p;
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
  const truncated = windowReached || cutShort || Boolean(last?.paging.has_more);
  const warnings: string[] = [];
  if (windowReached) warnings.push(`Zendesk serves at most ${items.length} results for one search query; more match. Narrow the query, or use zendesk_search (search export) which has no such window.`);
  else if (truncated) warnings.push(`Stopped at maxItems=${maxItems}; more results remain (continue from paging).`);
  const output = {
    [itemsKey]: items,
    paging: last?.paging ?? { after_cursor: null, has_more: false, next_page: null },
    metadata: { total_returned: items.length, has_more: truncated, truncated },
  };
  return { success: true, output, ...(warnings.length ? { warnings } : {}) };
}

function jobOutcome(tool: AnyToolDefinition, params: Record<string, any>, job: JobStatus): ToolResult {
  const output = conformOutputs(tool.outputs, tool.output({ status: 200, headers: {}, body: { job_status: job } }, params));
  const failed = (job.results ?? []).filter(itemFailed);
  if (job.status === 'completed' && failed.length === 0) return { success: true, output };
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

/** Runs one operation. Resolves to a result for every failure: bad input, HTTP errors, faults. */
export async function executeTool(toolOrId: AnyToolDefinition | string, params?: Record<string, unknown>, options: ExecuteOptions = {}): Promise<ToolResult> {
  const tool = resolveTool(toolOrId);
  if (!tool) return fail({ code: 'unknown_tool', message: `There is no tool "${String(toolOrId)}".` });
  const input = prepareInput(tool, params);
  if (!input.ok) return fail(inputError(input.problems));
  let connection: Connection;
  try {
    connection = new Connection(input.credentials, options);
  } catch (error) {
    return fail({ code: 'invalid_input', param: 'baseUrl', message: (error as Error).message });
  }
  try {
    if (tool.run) {
      const result = await tool.run(input.params as never, { connection, options });
      return result.output ? { ...result, output: conformOutputs(tool.outputs, result.output) } as ToolResult : result;
    }
    if (options.all) return await collectAll(connection, tool, input.params, options.maxItems ?? DEFAULT_MAX_ITEMS);
    if (tool.result.kind === 'job') {
      const batch = batchOf(tool);
      const oversized = batch !== undefined && (input.params[batch.param] as unknown[]).length > batch.limit;
      if (options.waitForJob || oversized) {
        const waitOptions = typeof options.waitForJob === 'object' ? options.waitForJob : {};
        const job = await runJobsToCompletion(connection, tool, input.params, waitOptions, options.onProgress);
        return jobOutcome(tool, input.params, job);
      }
    }
    return { success: true, output: await callOnce(connection, tool, input.params) };
  } catch (error) {
    if (error instanceof CallError) return { success: false, error: error.toolError };
    return fail({ code: 'unexpected_response', message: connection.clean(`Unexpected failure: ${(error as Error).message}`) });
  }
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
export async function* iteratePages(toolOrId: AnyToolDefinition | string, params?: Record<string, unknown>, options: ConnectionOptions = {}) {
  const tool = resolveTool(toolOrId);
  if (!tool) throw new ZendeskToolError({ code: 'unknown_tool', message: `There is no tool "${String(toolOrId)}".` });
  const input = prepareInput(tool, params);
  if (!input.ok) throw new ZendeskToolError(inputError(input.problems));
  const connection = new Connection(input.credentials, options);
  try {
    for await (const step of pageSteps(connection, tool, input.params, (c, p) => callOnce(c, tool, p) as Promise<PageOutput>)) {
      yield step.page;
    }
  } catch (error) {
    if (error instanceof CallError) throw new ZendeskToolError(error.toolError);
    throw error;
  }
}
