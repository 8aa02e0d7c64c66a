/**
 * Section 6, many workers on one account: the scenario of bench/shared-pacing.ts at full length,
 * 4 worker processes × 4 call loops on one sandbox account limited to BENCH_PACING_RATE requests a
 * minute (a token bucket of one minute's budget), for BENCH_PACING_MS: first each process pacing on
 * its own (the memory store, as before shared pacing), then all of them through one Redis, then
 * the same with Redis stopped halfway. Each run in a fresh process, with a redis-server of its own.
 */
import { envNumber, int, log, runChild, type SectionResult, seconds } from './common';
import type { ScenarioResult } from './shared-pacing';

type Run = 'memory' | 'redis' | 'redis-stopped';

/** Runs in a child process. */
export async function pacingTask(run: Run): Promise<ScenarioResult> {
  const { runScenario } = await import('./shared-pacing');
  const { spawnRedis } = await import('./redis-server');
  const perMinute = envNumber('BENCH_PACING_RATE', 300);
  const durationMs = Math.round(envNumber('BENCH_PACING_MS', 120_000));
  const redis = await spawnRedis();
  try {
    return await runScenario({
      store: run === 'memory' ? 'memory' : 'redis',
      redisUrl: redis.url,
      workers: 4,
      loops: 4,
      perMinute,
      burst: perMinute,
      durationMs,
      ...(run === 'redis-stopped' ? { stopRedis: { afterMs: durationMs / 2, stop: () => redis.stop('SIGKILL') } } : {}),
    });
  } finally {
    await redis.stop();
  }
}

export async function pacingSection(): Promise<SectionResult> {
  const t0 = Date.now();
  const runs: Record<Run, ScenarioResult> = {} as Record<Run, ScenarioResult>;
  for (const run of ['memory', 'redis', 'redis-stopped'] as Run[]) {
    log(`pacing: 4 worker processes, ${run === 'memory' ? 'each pacing on its own' : run === 'redis' ? 'sharing one Redis' : 'sharing one Redis, stopped halfway'} (fresh process)`);
    runs[run] = await runChild<ScenarioResult>('pacing', [run]);
  }
  const { memory, redis } = runs;
  const stopped = runs['redis-stopped'];
  const d = redis;
  const describe = (r: ScenarioResult) =>
    `${r.rateLimitedPct}% 429 (${int(r.rateLimited)} of ${int(r.requests)} requests); throughput ${r.throughputPct}% of the limit; ${r.failedCalls} of ${int(r.calls)} calls failed`;
  return {
    section: 'pacing',
    title: `6. Four worker processes, one account (${d.perMinute}/min, bucket ${d.burst}, ${seconds(d.durationMs, 0)})`,
    rows: [
      { figure: 'per-process pacers (memory store): 429s; throughput; failed calls', value: describe(memory) },
      {
        figure: 'one Redis store shared by the 4 processes: 429s (share of requests)',
        value: `${redis.rateLimitedPct}% (${int(redis.rateLimited)} of ${int(redis.requests)})`,
        goal: '≤ 1%',
        met: redis.rateLimitedPct <= 1,
      },
      {
        figure: 'one Redis store: throughput (accepted beyond the initial bucket, per minute, ÷ limit)',
        value: `${redis.throughputPct}%`,
        goal: '≥ 90%',
        met: redis.throughputPct >= 90,
      },
      { figure: 'one Redis store: failed calls', value: `${redis.failedCalls} of ${int(redis.calls)}`, goal: '0', met: redis.failedCalls === 0 },
      {
        figure: 'Redis killed halfway: failed calls; workers that logged the fallback once',
        value: `${stopped.failedCalls} of ${int(stopped.calls)}; ${stopped.pacingNotices.filter((n) => n.length === 1).length} of ${stopped.workers} (${describe(stopped)})`,
        goal: '0 failed',
        met: stopped.failedCalls === 0,
      },
    ],
    data: runs as unknown as Record<string, unknown>,
    notes: Object.values(runs).flatMap((r) => r.failureExamples.map((e) => `${r.store}${r.redisStoppedAfterMs ? ' (stopped)' : ''}: ${e}`)),
    durationMs: Date.now() - t0,
  };
}
