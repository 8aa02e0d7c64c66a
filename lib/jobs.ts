/**
 * Background jobs to completion: polling with a deadline, and splitting long bulk inputs into
 * jobs of at most 100 items whose results are combined back onto the caller's item positions.
 */
import type { AnyToolDefinition, ParamDefinition } from '../tools/types';
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

interface ChunkOutcome {
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

/** Splits the batch param into chunks, runs each as a job to completion, and combines them. */
export async function runJobsToCompletion(
  connection: Connection,
  tool: AnyToolDefinition,
  params: Record<string, any>,
  options: JobWaitOptions,
  onProgress?: (progress: JobProgress) => void,
): Promise<JobStatus> {
  const batchParam = tool.result.kind === 'job' ? tool.result.batchParam : undefined;
  const limit = batchParam ? (tool.params as Record<string, ParamDefinition>)[batchParam].perRequestLimit ?? 100 : Infinity;
  const all: unknown[] = batchParam ? params[batchParam] : [undefined];
  const chunks: ChunkOutcome[] = [];
  for (let offset = 0; offset < all.length; offset += limit) chunks.push({ offset, items: all.slice(offset, offset + limit) });

  const progressByChunk = new Map<ChunkOutcome, number>();
  let finished = 0;
  const report = () =>
    onProgress?.({ done: [...progressByChunk.values()].reduce((a, b) => a + b, 0), total: batchParam ? all.length : 1, jobs: chunks.length, jobsFinished: finished });

  const runChunk = async (chunk: ChunkOutcome) => {
    try {
      const request = tool.request!(batchParam ? { ...params, [batchParam]: chunk.items } : params);
      const queued: JobStatus = (await connection.send(request)).body.job_status;
      chunk.job = await waitForJob(connection, queued, options, (job) => {
        progressByChunk.set(chunk, job.progress ?? 0);
        report();
      });
    } catch (error) {
      if (!(error instanceof CallError) || chunks.length === 1) throw error;
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
  if (!batchParam) return chunks[0].job!;
  return combineJobs(chunks, all.length);
}
