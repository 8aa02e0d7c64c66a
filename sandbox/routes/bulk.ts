/** Checks shared by every bulk endpoint, and the job_status answer they all give. */
import type { RequestCtx } from '../core';
import type { JobSpec } from '../jobs';
import { json, type Reply } from '../reply';
import { jobObject } from '../serialize';

export const BULK_LIMIT = 100;

/** Over 100 items → 400; too many live jobs → 429 with Retry-After; otherwise null. */
export function bulkGuard(ctx: RequestCtx, count: number, noun: string): Reply | null {
  if (count > BULK_LIMIT) {
    return json(400, {
      error: 'InvalidValue',
      description: `Too many ${noun}: ${count} given, at most ${BULK_LIMIT} are allowed in one request`,
    });
  }
  const jobs = ctx.core.jobs;
  if (jobs.liveCount(ctx.account) >= jobs.opts.maxLive) {
    const wait = jobs.retryAfterSeconds(ctx.account);
    return json(
      429,
      { error: 'TooManyJobs', description: `Too many background jobs are queued or running (at most ${jobs.opts.maxLive}). Try again later.` },
      { 'Retry-After': String(wait) },
    );
  }
  return null;
}

export function enqueue(ctx: RequestCtx, spec: Omit<JobSpec, 'account'>): Reply {
  const job = ctx.core.jobs.enqueue({ ...spec, account: ctx.account });
  return json(200, { job_status: jobObject(job, ctx.core.base) });
}

/** `?ids=1,2,3` → numbers, or null when malformed. */
export function parseIds(raw: string | null): number[] | null {
  if (raw === null || raw.trim() === '') return null;
  const parts = raw.split(',').map((p) => p.trim());
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  return parts.map(Number);
}
