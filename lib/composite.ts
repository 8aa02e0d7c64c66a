/**
 * What the executor hands a composite operation (ToolRunContext): its connection and options, and the
 * steps composites share, so none of them re-implements job polling or paging guards.
 */
import type {
  JobBatch, JobBatchResult, JobItemOutcome, JobProgress, JobWaitOptions, RequestSpec, RunOptions, ToolRunContext, ZendeskConnection, ZendeskResponse,
} from '../contract';
import { CallError, requestName } from './connection';
import { itemFailed, type JobItemResult, runChunkedJobs } from './jobs';
import { ListingGuard } from './paginate';

export const LIST_ALL_MAX_ITEMS = 100_000;
/** Results per page of the search export (its maximum). */
export const EXPORT_PAGE_SIZE = 1000;

/** Job errors after which the items' changes may still happen: the job was queued and goes on. */
const UNKNOWN_ERRORS = new Set(['unknown_outcome', 'job_timeout']);

/** Why a job item failed, as its result says (error and details), for reports. */
export const jobItemReason = (result: JobItemResult): string =>
  [result.error, result.details].filter((part) => part !== undefined && part !== null && part !== '').join(': ') || 'failed (no reason given)';

/** Runs a batch as jobs (see ToolRunContext.runJobs): one outcome per item, never a throw for a failed job. */
export async function runJobBatch<T>(
  connection: ZendeskConnection,
  batch: JobBatch<T>,
  options: JobWaitOptions,
  onProgress?: (progress: JobProgress) => void,
): Promise<JobBatchResult> {
  const { chunks, combined } = await runChunkedJobs(connection, { items: batch.items, chunkSize: batch.chunkSize ?? 100, request: batch.request }, options, onProgress);
  const byIndex = new Map<number, JobItemResult>();
  for (const result of combined.results ?? []) if (typeof result.index === 'number' && !byIndex.has(result.index)) byIndex.set(result.index, result);
  const jobOf = (index: number) => chunks.find((c) => index >= c.offset && index < c.offset + c.items.length)?.job?.id;
  const items = batch.items.map((_, index): JobItemOutcome => {
    const result = byIndex.get(index);
    const jobId = typeof result?.job_id === 'string' ? result.job_id : jobOf(index);
    const job = jobId ? { jobId } : {};
    if (!result) {
      return { index, outcome: 'unknown', result: {}, reason: `job ${jobId ?? '?'} completed without a result for this item: check it before retrying`, ...job };
    }
    if (UNKNOWN_ERRORS.has(String(result.error))) return { index, outcome: 'unknown', result, reason: jobItemReason(result), ...job };
    if (itemFailed(result)) return { index, outcome: 'failed', result, reason: jobItemReason(result), ...job };
    return { index, outcome: 'succeeded', result, ...job };
  });
  return { jobStatus: combined, items };
}

/**
 * The item lists of a cursor-paged request, page after page (`page[size]`, then each `page[after]`),
 * to the end. A cursor that does not advance (the same cursor again, a page repeating an earlier
 * one) fails the listing rather than looping.
 */
async function* cursorPages<T>(connection: ZendeskConnection, request: RequestSpec, itemsKey: string, pageSize: number): AsyncGenerator<T[]> {
  const guard = new ListingGuard(connection, requestName(request));
  let after: string | undefined;
  for (;;) {
    const { body } = await connection.send({ ...request, query: { ...request.query, 'page[size]': pageSize, 'page[after]': after }, reads: [`${itemsKey}[]`] });
    const page: T[] = body[itemsKey];
    guard.page(page);
    yield page;
    // A cursor can say has_more and then return nothing: an empty page ends the listing too.
    if (!body.meta?.has_more || page.length === 0) return;
    after = guard.next(after, body.meta.after_cursor);
  }
}

/** Every item of a cursor-paged list request (see ToolRunContext.listAll). */
export async function listAllItems(connection: ZendeskConnection, request: RequestSpec, itemsKey: string, maxItems = LIST_ALL_MAX_ITEMS): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const page of cursorPages(connection, request, itemsKey, 100)) {
    items.push(...page);
    if (items.length > maxItems) {
      throw new CallError({ code: 'unexpected_response', message: `${requestName(request)} lists more than ${maxItems} items; the operation needs all of them, so it stopped before changing anything.` });
    }
  }
  return items;
}

/** What the search export can list. */
export type ExportType = 'ticket' | 'user' | 'organization' | 'group';

/**
 * Every record a query finds, through the search export's cursor (1,000 per page, no 1,000-result
 * window as `/search` has), each once (by id), in the export's order. `onPage` hears the records
 * found so far after each page.
 */
export async function exportSearch(
  connection: ZendeskConnection,
  query: string,
  type: ExportType,
  onPage?: (found: number, pages: number) => void,
): Promise<Record<string, any>[]> {
  const byId = new Map<number, Record<string, any>>();
  const request: RequestSpec = { method: 'GET', path: ['search', 'export'], query: { query, 'filter[type]': type } };
  let pages = 0;
  for await (const results of cursorPages<Record<string, any>>(connection, request, 'results', EXPORT_PAGE_SIZE)) {
    pages += 1;
    for (const record of results) if (typeof record?.id === 'number' && !byId.has(record.id)) byId.set(record.id, record);
    onPage?.(byId.size, pages);
  }
  return [...byId.values()];
}

/** A connection that counts the requests made through it (retries aside), for reports. */
export function countingConnection(connection: ZendeskConnection): { connection: ZendeskConnection; count: () => number } {
  let requests = 0;
  const counted = Object.create(connection) as ZendeskConnection;
  counted.send = (spec: RequestSpec): Promise<ZendeskResponse> => {
    requests += 1;
    return connection.send(spec);
  };
  return { connection: counted, count: () => requests };
}

/** The context a composite operation runs with: the call's connection and options, and the shared steps over them. */
export function runContext(connection: ZendeskConnection, options: RunOptions): ToolRunContext {
  const waitOptions = typeof options.waitForJob === 'object' ? options.waitForJob : {};
  return {
    connection,
    options,
    runJobs: (batch) => runJobBatch(connection, batch, waitOptions, options.onProgress),
    listAll: (request, itemsKey, maxItems) => listAllItems(connection, request, itemsKey, maxItems),
  };
}
