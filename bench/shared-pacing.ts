/**
 * Section 6, many workers on one account: `workers` processes (bench/pacing-worker.ts) run bulk
 * work on one sandbox account limited to `perMinute` requests per minute (a token bucket of `burst`),
 * all at once for `durationMs`, paced either by one Redis shared by all (store `redis`) or each by
 * its own memory (store `memory`, every process believing it owns the whole budget). Optionally
 * Redis is stopped partway. tests/pacing/shared-pacing.test.ts runs the same scenario, shorter.
 *
 * Figures: 429 answers as a share of all requests; throughput as the requests Zendesk accepted in the
 * run beyond the bucket's initial burst, per minute, as a share of the limit (100% = every token the
 * bucket refilled was used); failed calls, by code.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { WorkerConfig, WorkerResult } from './pacing-worker';

export interface ScenarioOptions {
  store: 'memory' | 'redis';
  redisUrl?: string;
  workers: number;
  /** Concurrent call loops per worker. */
  loops: number;
  perMinute: number;
  burst: number;
  durationMs: number;
  /** Stops Redis this long after the start (the workers must carry on). */
  stopRedis?: { afterMs: number; stop: () => Promise<void> };
  tickets?: number;
}

export interface ScenarioResult {
  store: 'memory' | 'redis';
  redisStoppedAfterMs?: number;
  workers: number;
  loops: number;
  perMinute: number;
  burst: number;
  durationMs: number;
  /** Every request the sandbox received, the whole run (calls finishing after the end included). */
  requests: number;
  rateLimited: number;
  rateLimitedPct: number;
  /** Requests accepted (not 429) between the start and the end of the run. */
  acceptedInRun: number;
  /** (acceptedInRun − burst) per minute ÷ perMinute. */
  throughputPct: number;
  calls: number;
  failedCalls: number;
  failures: Record<string, number>;
  failureExamples: string[];
  /** Pacing notices per worker (the fallback line when Redis went away). */
  pacingNotices: string[][];
  retries: number;
  byOperation: Record<string, number>;
  /** Requests accepted in each second of the run. */
  timeline: number[];
  wallMs: number;
}

const ROOT = path.resolve(__dirname, '..');

/** A worker process, loaded: `start(at)` tells it when to begin; `result` is what it reports at the end. */
function startWorker(config: WorkerConfig): Promise<{ start(at: number): void; result: Promise<WorkerResult> }> {
  return new Promise((ready, failed) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'bench', 'pacing-worker.ts'), JSON.stringify(config)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const result = new Promise<WorkerResult>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as WorkerResult);
        else reject(new Error(`pacing worker ${config.worker} exited with ${code}: ${stderr.trim().slice(-2000)}`));
      });
    });
    result.catch(failed);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.startsWith('ready\n')) ready({ start: (at) => child.stdin.end(`${at}\n`), result });
    });
    child.stderr.on('data', (d) => (stderr += d));
  });
}

export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const { startSandbox } = await import('../sandbox');
  const sandbox = await startSandbox({ tickets: options.tickets ?? 1000, rateLimit: options.perMinute, rateLimitBurst: options.burst, jobDelayMs: 50 });
  try {
    // Zendesk refuses changes to closed tickets: reopen them (as solved) so every update can apply.
    for (const ticket of sandbox.state.tickets.map.values()) {
      if (ticket.status !== 'closed') continue;
      ticket.status = 'solved';
      sandbox.state.changed('tickets', ticket.id);
    }
    const ticketIds = [...sandbox.state.tickets.map.keys()];
    const { subdomain, email, apiToken } = sandbox.credentials;
    const pacing = options.store === 'redis' ? { store: 'redis' as const, url: options.redisUrl } : { store: 'memory' as const };
    const workers = await Promise.all(
      Array.from({ length: options.workers }, (_, worker) =>
        startWorker({ worker, baseUrl: sandbox.baseUrl, credentials: { subdomain, email, apiToken }, pacing, durationMs: options.durationMs, loops: options.loops, ticketIds }),
      ),
    );
    // Every worker is loaded and has made its warm-up call: they all begin once the bucket has
    // refilled what those calls took, so the run starts with the bucket full.
    const startAt = Date.now() + Math.max(500, Math.ceil((options.workers * 60_000) / options.perMinute));
    const endAt = startAt + options.durationMs;
    const accepted = () => sandbox.stats.total - sandbox.stats.rateLimited;
    let acceptedAtStart = 0;
    let acceptedAtEnd = 0;
    // Requests accepted in each second of the run, for a look at the pace over time.
    const timeline: number[] = [];
    let sampler: NodeJS.Timeout | undefined;
    const marks = [
      setTimeout(() => {
        acceptedAtStart = accepted();
        let last = acceptedAtStart;
        sampler = setInterval(() => {
          const now = accepted();
          timeline.push(now - last);
          last = now;
        }, 1000);
      }, startAt - Date.now()),
      setTimeout(() => {
        acceptedAtEnd = accepted();
        clearInterval(sampler);
      }, endAt - Date.now()),
    ];
    const stopping = options.stopRedis
      ? new Promise<void>((resolve, reject) => setTimeout(() => options.stopRedis!.stop().then(resolve, reject), startAt + options.stopRedis!.afterMs - Date.now()))
      : Promise.resolve();
    const started = Date.now();
    for (const worker of workers) worker.start(startAt);
    const results = await Promise.all(workers.map((w) => w.result));
    await stopping;
    marks.forEach(clearTimeout);
    clearInterval(sampler);
    const { total, rateLimited } = sandbox.stats;
    const failures: Record<string, number> = {};
    const failureExamples: string[] = [];
    const byOperation: Record<string, number> = {};
    for (const r of results) {
      for (const [code, f] of Object.entries(r.failures)) {
        failures[code] = (failures[code] ?? 0) + f.count;
        if (failureExamples.length < 5) failureExamples.push(`${code}: ${f.example}`);
      }
      for (const [id, n] of Object.entries(r.byOperation)) byOperation[id] = (byOperation[id] ?? 0) + n;
    }
    const acceptedInRun = acceptedAtEnd - acceptedAtStart;
    const round1 = (n: number) => Math.round(n * 10) / 10;
    return {
      store: options.store,
      ...(options.stopRedis ? { redisStoppedAfterMs: options.stopRedis.afterMs } : {}),
      workers: options.workers,
      loops: options.loops,
      perMinute: options.perMinute,
      burst: options.burst,
      durationMs: options.durationMs,
      requests: total,
      rateLimited,
      rateLimitedPct: round1((100 * rateLimited) / Math.max(1, total)),
      acceptedInRun,
      throughputPct: round1((100 * (acceptedInRun - options.burst)) / ((options.perMinute * options.durationMs) / 60_000)),
      calls: results.reduce((n, r) => n + r.calls, 0),
      failedCalls: results.reduce((n, r) => n + r.calls - r.ok, 0),
      failures,
      failureExamples,
      pacingNotices: results.map((r) => r.pacingNotices),
      retries: results.reduce((n, r) => n + r.retries, 0),
      byOperation,
      timeline,
      wallMs: Date.now() - started,
    };
  } finally {
    await sandbox.close();
  }
}
