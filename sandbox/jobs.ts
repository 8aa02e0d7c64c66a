/**
 * Background jobs for bulk calls. A job waits `delayMs` queued, then works through its items in at
 * most five steps `delayMs` apart, updating `progress`, and ends completed (failed when every item
 * failed, or when an all-or-nothing job such as a merge is refused). Results appear at the end.
 */
import { Prng, streamSeed } from './prng';
import type { SandboxState } from './state';
import type { JobRecord, JobResult } from './types';

const STEPS = 5;

export interface JobSpec {
  jobType: string;
  account: string;
  total: number;
  /** Processes item i; a result with `success: false` is a per-item failure. */
  item?: (index: number, jobId: string) => JobResult;
  /** All-or-nothing work done in one step instead of per item. */
  all?: (jobId: string) => { results: JobResult[]; failed: boolean; message?: string };
}

export interface JobRunnerOptions {
  seed: number;
  delayMs: number;
  maxLive: number;
  early404Ms: number;
  now: () => number;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' +0000');
}

export class JobRunner {
  private readonly ids: Prng;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly state: SandboxState, readonly opts: JobRunnerOptions) {
    this.ids = new Prng(streamSeed(opts.seed, 3));
  }

  liveCount(account: string): number {
    let n = 0;
    for (const j of this.state.jobs.values()) if (j.account === account && (j.status === 'queued' || j.status === 'working')) n++;
    return n;
  }

  /** Whole seconds until the account's first live job should be done (≥ 1). */
  retryAfterSeconds(account: string): number {
    const now = this.opts.now();
    let soonest = Infinity;
    for (const j of this.state.jobs.values()) {
      if (j.account !== account || (j.status !== 'queued' && j.status !== 'working')) continue;
      soonest = Math.min(soonest, j.queuedAt + this.opts.delayMs * (STEPS + 1) - now);
    }
    return Math.max(1, Math.ceil((Number.isFinite(soonest) ? soonest : 1000) / 1000));
  }

  /** Early in a job's life Zendesk may not know it yet; opt-in via jobEarly404Ms. */
  visible(job: JobRecord): boolean {
    return this.opts.now() - job.queuedAt >= this.opts.early404Ms;
  }

  enqueue(spec: JobSpec): JobRecord {
    const job: JobRecord = {
      id: this.ids.hex(32),
      job_type: spec.jobType,
      status: 'queued',
      total: spec.total,
      progress: null,
      message: null,
      results: null,
      account: spec.account,
      queuedAt: this.opts.now(),
      finishedAt: null,
    };
    this.state.jobs.set(job.id, job);
    const results: JobResult[] = [];
    let next = 0;
    const chunk = Math.max(1, Math.ceil(spec.total / STEPS));
    const finish = (failed: boolean, message?: string) => {
      const at = this.opts.now();
      job.status = failed ? 'failed' : 'completed';
      job.message = message ?? `${failed ? 'Failed' : 'Completed'} at ${stamp(at)}`;
      job.results = results;
      job.finishedAt = at;
    };
    const step = () => {
      if (spec.all) {
        const out = spec.all(job.id);
        results.push(...out.results);
        job.progress = spec.total;
        finish(out.failed, out.message);
        return;
      }
      const end = Math.min(spec.total, next + chunk);
      for (; next < end; next++) results.push(spec.item!(next, job.id));
      job.progress = next;
      if (next >= spec.total) {
        const allFailed = results.length > 0 && results.every((r) => r.success === false);
        finish(allFailed);
      } else this.later(step);
    };
    this.later(() => {
      job.status = 'working';
      job.progress = 0;
      this.later(step);
    });
    return job;
  }

  private later(fn: () => void): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, this.opts.delayMs);
    t.unref();
    this.timers.add(t);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
