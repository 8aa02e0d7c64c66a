/**
 * Background jobs to completion: polling with a deadline, and splitting long bulk inputs into
 * jobs of at most 100 items whose results are combined back onto the caller's item positions.
 */
import type { AnyToolDefinition, ParamDefinition, RequestSpec } from '../tools/types';
import { CallError, type Connection } from './connection';
import { sleep } from './pacer';

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

export interface JobProgress {
  /** Items processed so far, over all jobs of the call. */
  done: number;
  total: number;
  jobs: number;
  jobsFinished: number;
}

export type JobStatus = Record<string, any> & { id: string; status: string; results?: JobItemResult[] | null };
export type JobItemResult = Record<string, any> & { id?: number | null; index?: number | null; success?: boolean; error?: string };

const FINAL_STATUSES = new Set(['completed', 'failed', 'killed']);
const MAX_JOB_CONCURRENCY = 30;

export async function waitForJob(
  connection: Connection,
  queued: JobStatus,
  options: JobWaitOptions,
  onPoll?: (job: JobStatus) => void,
): Promise<JobStatus> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 600_000);
  let delay = options.pollIntervalMs ?? 400;
  let job = queued;
  while (!FINAL_STATUSES.has(job.status)) {
    if (Date.now() + delay > deadline) {
      throw new CallError({
        code: 'job_timeout',
        message: `Job ${job.id} was still ${job.status} (${job.progress ?? 0}/${job.total ?? '?'}) when the wait ended; it goes on in Zendesk. Poll GET /api/v2/job_statuses/${job.id} later.`,
        details: { job_status: job },
      });
    }
    await sleep(delay);
    delay = Math.min(5000, Math.round(delay * 1.5));
    try {
      const response = await connection.send({ method: 'GET', path: ['job_statuses', job.id] });
      job = response.body.job_status;
      onPoll?.(job);
    } catch (error) {
      const grace = options.notFoundGraceMs ?? 30_000;
      const early404 = error instanceof CallError && error.toolError.status === 404 && Date.now() - started < grace;
      if (!early404) throw error;
    }
  }
  return job;
}

/** True when a result entry says the item failed. */
export const itemFailed = (result: JobItemResult) => result.success === false || (result.error !== undefined && result.error !== null) || /fail/i.test(String(result.status ?? ''));

export interface ChunkOutcome {
  offset: number;
  items: unknown[];
  job?: JobStatus;
  error?: { code: string; message: string };
}

/** Where a result belongs in the caller's input: its own index, or the position of its id. */
function inputIndex(result: JobItemResult, chunk: ChunkOutcome, used: Set<number>): number | undefined {
  if (typeof result.index === 'number') return chunk.offset + result.index;
  if (result.id === undefined) return undefined;
  const position = chunk.items.findIndex(
    (item, i) => !used.has(i) && (item === result.id || (typeof item === 'object' && item !== null && (item as { id?: unknown }).id === result.id)),
  );
  return position < 0 ? undefined : chunk.offset + position;
}

/** One job_status-shaped result for several jobs, with item indexes that refer to the caller's input. */
export function combineJobs(chunks: ChunkOutcome[], total: number): JobStatus {
  const results: JobItemResult[] = [];
  for (const chunk of chunks) {
    const used = new Set<number>();
    const placed = new Set<number>();
    for (const result of chunk.job?.results ?? []) {
      const index = inputIndex(result, chunk, used);
      if (index !== undefined) {
        used.add(index - chunk.offset);
        placed.add(index);
      }
      results.push({ ...result, index: index ?? result.index ?? null });
    }
    // Items the job said nothing about (a failed job, a request that never queued) are failures too.
    const reason = chunk.error?.message ?? (chunk.job && chunk.job.status !== 'completed' ? `job ${chunk.job.id} ended ${chunk.job.status}: ${chunk.job.message ?? ''}`.trim() : undefined);
    chunk.items.forEach((item, i) => {
      if (placed.has(chunk.offset + i) || (!reason && chunk.job?.results)) return;
      const id = typeof item === 'number' ? item : (item as { id?: number })?.id ?? null;
      results.push({ id, index: chunk.offset + i, success: false, status: 'Failed', error: chunk.error?.code ?? 'JobFailed', details: reason ?? 'no result reported' });
    });
  }
  results.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const jobs = chunks.map((c) => c.job).filter((j): j is JobStatus => !!j);
  const failed = results.filter(itemFailed).length;
  const allDone = chunks.every((c) => c.job?.status === 'completed');
  return {
    id: jobs.map((j) => j.id).join(','),
    url: jobs.length === 1 ? jobs[0].url ?? null : null,
    status: allDone ? 'completed' : 'failed',
    job_type: jobs[0]?.job_type ?? null,
    total,
    progress: jobs.reduce((sum, j) => sum + (j.progress ?? 0), 0),
    message: `${chunks.length} job(s), ${total} item(s): ${total - failed} succeeded, ${failed} failed`,
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
  connection: Connection,
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
    try {
      const queued: JobStatus = (await connection.send(spec.request(chunk.items as T[], chunk.offset))).body.job_status;
      chunk.job = await waitForJob(connection, queued, options, (job) => {
        progressByChunk.set(chunk, job.progress ?? 0);
        report();
      });
    } catch (error) {
      if (!(error instanceof CallError) || (spec.throwWhenSingleChunkFails && chunks.length === 1)) throw error;
      chunk.error = { code: error.toolError.code, message: error.toolError.message };
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

/** The list param a job operation splits into jobs, and how many items one job takes (Zendesk: 100). */
export function batchOf(tool: AnyToolDefinition): { param: string; limit: number } | undefined {
  if (tool.result.kind !== 'job' || !tool.result.batchParam) return undefined;
  const param = tool.result.batchParam;
  return { param, limit: (tool.params as Record<string, ParamDefinition>)[param].perRequestLimit ?? 100 };
}

/**
 * An operation's job to completion. With a batch param, its list is split into chunks of the
 * param's perRequestLimit, each sent through the operation's own request; otherwise one job.
 */
export async function runJobsToCompletion(
  connection: Connection,
  tool: AnyToolDefinition,
  params: Record<string, any>,
  options: JobWaitOptions,
  onProgress?: (progress: JobProgress) => void,
): Promise<JobStatus> {
  const batch = batchOf(tool);
  const batchParam = batch?.param;
  const items: unknown[] = batchParam ? params[batchParam] : [undefined];
  const { chunks, combined } = await runChunkedJobs(
    connection,
    {
      items,
      chunkSize: batch?.limit ?? items.length,
      request: (chunk) => tool.request!(batchParam ? { ...params, [batchParam]: chunk } : params),
      throwWhenSingleChunkFails: true,
    },
    options,
    onProgress,
  );
  if (!batchParam) return chunks[0].job!;
  return combined;
}
