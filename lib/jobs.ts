/**
 * Background jobs to completion: polling with a deadline, and splitting long bulk inputs into
 * jobs of at most 100 items whose results are combined back onto the caller's item positions.
 */
import type { AnyToolDefinition, JobProgress, JobWaitOptions, ParamDefinition, RequestSpec, ZendeskConnection } from '../contract';
import { CallError, requestName } from './connection';
import { sleep } from './pacer';

export type { JobProgress, JobWaitOptions } from '../contract';

export type JobStatus = Record<string, any> & { id: string; status: string; results?: JobItemResult[] | null };
export type JobItemResult = Record<string, any> & { id?: number | null; index?: number | null; success?: boolean; error?: string };

const FINAL_STATUSES = new Set(['completed', 'failed', 'killed']);
const MAX_JOB_CONCURRENCY = 30;
const DEFAULT_JOB_TIMEOUT_MS = 600_000;

/** What every job answer (the one that queues it, and each poll) must hold; see RequestSpec.reads. */
export const JOB_READS = ['job_status.id', 'job_status.status'] as const;

/**
 * A job status as Zendesk's answer holds it, checked: an object with an id and a status, and its
 * results, when given, a list of objects. The reason it is not one otherwise.
 */
function checkedJob(value: unknown): JobStatus | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the answer holds no job_status object';
  const job = value as Record<string, any>;
  if (!(typeof job.id === 'string' && job.id) && !Number.isSafeInteger(job.id)) return 'its job_status has no id';
  if (typeof job.status !== 'string') return 'its job_status has no status';
  const results = job.results;
  if (results !== undefined && results !== null && (!Array.isArray(results) || results.some((r) => typeof r !== 'object' || r === null || Array.isArray(r)))) {
    return 'its job_status.results is not a list of item results';
  }
  return { ...job, id: String(job.id) } as JobStatus;
}

/** The job status of a queueing answer, or a CallError: the request may have queued a job nobody can follow. */
function queuedJob(connection: ZendeskConnection, body: any, what: string): JobStatus {
  const job = checkedJob(body?.job_status);
  if (typeof job !== 'string') return job;
  throw new CallError({
    code: 'unknown_outcome',
    message: connection.clean(`${what}: Zendesk's answer is not a job status (${job}), so it is unknown whether a job was queued. Check the records before retrying.`),
  });
}

/**
 * Polls a queued job to its end. Once a job is queued its changes may be under way, so every
 * failure from then on (a poll refused, a malformed status, a cancelled wait) is `unknown_outcome`
 * carrying the job id; running out of time is `job_timeout`, with the id too.
 */
export async function waitForJob(
  connection: ZendeskConnection,
  queued: JobStatus,
  options: JobWaitOptions,
  onPoll?: (job: JobStatus) => void,
): Promise<JobStatus> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS);
  let delay = options.pollIntervalMs ?? 400;
  const id = String(queued?.id);
  let job = queued;
  try {
    const checked = checkedJob(queued);
    if (typeof checked === 'string') throw new Error(`the queued job's status is malformed: ${checked}`);
    job = checked;
    while (!FINAL_STATUSES.has(job.status)) {
      if (Date.now() + delay > deadline) {
        throw new CallError({
          code: 'job_timeout',
          message: `Job ${id} was still ${job.status} (${job.progress ?? 0}/${job.total ?? '?'}) when the wait ended; it goes on in Zendesk. Poll GET /api/v2/job_statuses/${id} later.`,
          details: { job_ids: [id], job_status: job },
        });
      }
      await sleep(delay);
      delay = Math.min(5000, Math.round(delay * 1.5));
      try {
        const response = await connection.send({ method: 'GET', path: ['job_statuses', id], reads: JOB_READS });
        const polled = checkedJob(response.body.job_status);
        if (typeof polled === 'string') throw new Error(`a poll answered with a malformed status: ${polled}`);
        if (polled.id !== id) throw new Error(`a poll answered with the status of another job (${polled.id})`);
        job = polled;
        onPoll?.(job);
      } catch (error) {
        const grace = options.notFoundGraceMs ?? 30_000;
        const early404 = error instanceof CallError && error.toolError.status === 404 && Date.now() - started < grace;
        if (!early404) throw error;
      }
    }
    return job;
  } catch (error) {
    if (error instanceof CallError && error.toolError.code === 'job_timeout') throw error;
    const reason = error instanceof CallError ? `${error.toolError.code}: ${error.toolError.message}` : (error as Error).message;
    throw new CallError({
      code: 'unknown_outcome',
      message: connection.clean(
        `Job ${id} was queued, so its changes may have been applied, but its outcome could not be read (${reason.replace(/\.$/, '')}). ` +
          `Check GET /api/v2/job_statuses/${id} (or the records) before retrying.`,
      ),
      details: { job_ids: [id], job_status: job },
    });
  }
}

/** Items a job says it has processed: a count, whatever the answer holds instead. */
const progressOf = (job: JobStatus): number => (Number.isFinite(job.progress) && job.progress > 0 ? job.progress : 0);

/** True when a result entry says the item failed. */
export const itemFailed = (result: JobItemResult) => result.success === false || (result.error !== undefined && result.error !== null) || /fail/i.test(String(result.status ?? ''));

export interface ChunkOutcome {
  offset: number;
  items: unknown[];
  job?: JobStatus;
  /** Why the chunk has no final job status; `jobId` when its job was queued (its outcome is then unknown). */
  error?: { code: string; message: string; jobId?: string };
}

/** Whether a result is about an item: the item is its id or external id, or an object with its id. */
function isAbout(result: JobItemResult, item: unknown): boolean {
  if (typeof item === 'string') return typeof result.external_id === 'string' && item === result.external_id;
  if (result.id === undefined || result.id === null) return false;
  return item === result.id || (typeof item === 'object' && item !== null && (item as { id?: unknown }).id === result.id);
}

/** Where a result belongs in the caller's input: its own index, or the position of its id (or external id). */
function inputIndex(result: JobItemResult, chunk: ChunkOutcome, used: Set<number>): number | undefined {
  const { index } = result;
  if (typeof index === 'number') return Number.isInteger(index) && index >= 0 && index < chunk.items.length ? chunk.offset + index : undefined;
  const position = chunk.items.findIndex((item, i) => !used.has(i) && isAbout(result, item));
  return position < 0 ? undefined : chunk.offset + position;
}

/** The result of an item its chunk's job said nothing about: why, and whether its outcome is unknown. */
function missingItemResult(chunk: ChunkOutcome): JobItemResult {
  const { error, job } = chunk;
  if (error) {
    const unknown = error.code === 'unknown_outcome';
    return { success: false, status: unknown ? 'Unknown' : 'Failed', error: error.code, details: error.message, ...(error.jobId ? { job_id: error.jobId } : {}) };
  }
  if (job!.status !== 'completed') return { success: false, status: 'Failed', error: 'JobFailed', details: `job ${job!.id} ended ${job!.status}: ${job!.message ?? ''}`.trim(), job_id: job!.id };
  return { success: false, status: 'Unknown', error: 'unknown_outcome', details: `job ${job!.id} completed without a result for this item: check it before retrying`, job_id: job!.id };
}

/** One job_status-shaped result for several jobs, with item indexes that refer to the caller's input. */
export function combineJobs(chunks: ChunkOutcome[], total: number): JobStatus {
  const results: JobItemResult[] = [];
  for (const chunk of chunks) {
    const used = new Set<number>();
    const placed = new Set<number>();
    let unplaced = 0;
    for (const result of chunk.job?.results ?? []) {
      const index = inputIndex(result, chunk, used);
      if (index !== undefined) {
        used.add(index - chunk.offset);
        placed.add(index);
      } else unplaced += 1;
      results.push({ ...result, index: index ?? null });
    }
    // Items the job said nothing about are reported too. When a completed job's results cannot all
    // be placed, which item is missing is open: nothing is added then rather than a wrong item.
    const missing = unplaced > 0 && chunk.job?.status === 'completed' ? undefined : missingItemResult(chunk);
    chunk.items.forEach((item, i) => {
      if (!missing || placed.has(chunk.offset + i)) return;
      const id = typeof item === 'number' ? item : (item as { id?: number })?.id ?? null;
      results.push({ id, ...(typeof item === 'string' ? { external_id: item } : {}), index: chunk.offset + i, ...missing });
    });
  }
  results.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const jobs = chunks.map((c) => c.job).filter((j): j is JobStatus => !!j);
  const failed = results.filter(itemFailed).length;
  const unknown = results.filter((r) => r.error === 'unknown_outcome').length;
  const allDone = chunks.every((c) => c.job?.status === 'completed');
  return {
    id: jobs.map((j) => j.id).join(','),
    url: jobs.length === 1 ? jobs[0].url ?? null : null,
    status: allDone ? 'completed' : 'failed',
    job_type: jobs[0]?.job_type ?? null,
    total,
    progress: jobs.reduce((sum, j) => sum + progressOf(j), 0),
    message: `${chunks.length} job(s), ${total} item(s): ${total - failed} succeeded, ${failed} failed${unknown ? ` (${unknown} with an unknown outcome)` : ''}`,
    results,
    // Extra keys: the jobs behind the combined status, and the count a workflow branches on.
    failed_count: failed,
    jobs: jobs.map(({ results: _results, ...job }) => job),
  };
}

/** How to run a list of items as background jobs, one request per chunk. */
export interface ChunkedJobsSpec<T = unknown> {
  /** The caller's items; result indexes refer to positions in this list. */
  items: readonly T[];
  /** Items per job (Zendesk takes 100). Default 100. */
  chunkSize?: number;
  /** The request that queues the job for one chunk; `offset` is the chunk's first position in `items`. */
  request: (chunk: T[], offset: number) => RequestSpec;
  /**
   * When the whole input is one chunk and its request fails, throw the CallError (the executor
   * reports it as the call's error). Default false: the failure is recorded on the chunk's items.
   */
  throwWhenSingleChunkFails?: boolean;
}

/** The jobs of a chunked run: one outcome per chunk, and their combined job_status. */
export interface ChunkedJobsResult<T = unknown> {
  chunks: JobChunkOutcome<T>[];
  combined: JobStatus;
}

export type JobChunkOutcome<T = unknown> = Omit<ChunkOutcome, 'items'> & { items: T[] };

/**
 * Runs `items` in chunks, each as one job to completion, with a bounded number of jobs in flight.
 * A chunk whose request or wait fails (rate limited past the retry budget, an unknown outcome, a job
 * timeout) is recorded with its error, and its items come back as failed in the combined status.
 */
export async function runChunkedJobs<T>(
  connection: ZendeskConnection,
  spec: ChunkedJobsSpec<T>,
  options: JobWaitOptions,
  onProgress?: (progress: JobProgress) => void,
): Promise<ChunkedJobsResult<T>> {
  const size = Math.max(1, spec.chunkSize ?? 100);
  const chunks: ChunkOutcome[] = [];
  for (let offset = 0; offset < spec.items.length; offset += size) chunks.push({ offset, items: spec.items.slice(offset, offset + size) });

  const progressByChunk = new Map<ChunkOutcome, number>();
  let finished = 0;
  const report = () =>
    onProgress?.({ done: [...progressByChunk.values()].reduce((a, b) => a + b, 0), total: spec.items.length, jobs: chunks.length, jobsFinished: finished });

  const runChunk = async (chunk: ChunkOutcome) => {
    let releaseSlot: (() => void) | undefined;
    try {
      // A slot of the account's 30 live jobs is held from before the job is queued until its wait ends.
      releaseSlot = await connection.jobSlot?.(options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS);
      const request = spec.request(chunk.items as T[], chunk.offset);
      const { body } = await connection.send({ reads: JOB_READS, ...request });
      const queued = queuedJob(connection, body, requestName(request));
      chunk.job = await waitForJob(connection, queued, options, (job) => {
        progressByChunk.set(chunk, progressOf(job));
        report();
      });
    } catch (error) {
      if (spec.throwWhenSingleChunkFails && chunks.length === 1) throw error;
      // Whatever went wrong with this chunk, the other chunks' items keep their own outcomes.
      if (error instanceof CallError) {
        const jobId = (error.toolError.details as { job_ids?: string[] } | undefined)?.job_ids?.[0];
        chunk.error = { code: error.toolError.code, message: error.toolError.message, ...(jobId ? { jobId } : {}) };
      } else {
        chunk.error = { code: 'unknown_outcome', message: connection.clean(`Unexpected failure, so it is unknown whether these items were applied: ${(error as Error).message}. Check them before retrying.`) };
      }
    } finally {
      releaseSlot?.();
    }
    progressByChunk.set(chunk, chunk.items.length);
    finished += 1;
    report();
  };

  const concurrency = Math.min(MAX_JOB_CONCURRENCY, Math.max(1, options.concurrency ?? 5));
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, chunks.length) }, async () => {
      while (next < chunks.length) await runChunk(chunks[next++]);
    }),
  );
  return { chunks: chunks as JobChunkOutcome<T>[], combined: combineJobs(chunks, spec.items.length) };
}

/**
 * The list param an operation splits, one request per chunk (of several, the one `params` sets), and
 * how many items one request takes (Zendesk: 100): a job operation queues a job per chunk, a batched
 * one sends a plain request per chunk.
 */
export function batchOf(tool: AnyToolDefinition, params: Record<string, unknown>): { param: string; limit: number } | undefined {
  if ((tool.result.kind !== 'job' && tool.result.kind !== 'batched') || !tool.result.batchParam) return undefined;
  const names = [tool.result.batchParam].flat();
  const param = names.find((name) => params[name] !== undefined) ?? names[0];
  return { param, limit: (tool.params as Record<string, ParamDefinition>)[param].perRequestLimit ?? 100 };
}

/** The params of the request that queues one chunk's job: the call's own, with the batch param cut to the chunk. */
export const chunkParams = (params: Record<string, any>, batchParam: string | undefined, chunk: unknown[]): Record<string, any> =>
  batchParam ? { ...params, [batchParam]: chunk } : params;

/**
 * An operation's job to completion. With a batch param, its list is split into chunks of the
 * param's perRequestLimit, each sent through the operation's own request; otherwise one job.
 */
export async function runJobsToCompletion(
  connection: ZendeskConnection,
  tool: AnyToolDefinition,
  params: Record<string, any>,
  options: JobWaitOptions,
  onProgress?: (progress: JobProgress) => void,
): Promise<JobStatus> {
  const batch = batchOf(tool, params);
  const batchParam = batch?.param;
  const items: unknown[] = batchParam ? params[batchParam] : [undefined];
  const { chunks, combined } = await runChunkedJobs(
    connection,
    {
      items,
      chunkSize: batch?.limit ?? items.length,
      request: (chunk) => tool.request!(chunkParams(params, batchParam, chunk)),
      throwWhenSingleChunkFails: true,
    },
    options,
    onProgress,
  );
  if (!batchParam) return chunks[0].job!;
  return combined;
}
