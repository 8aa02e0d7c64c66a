/**
 * The acceptance scenario of shared pacing, scaled down in time: 4 worker PROCESSES run bulk work
 * (listings, updates, bulk updates as jobs) on one sandbox account at once, paced through one real
 * Redis. The full run (bench section 6) is 2 minutes at 300 requests/min with a bucket of 300; here
 * the same requests in 20 s: 1,800/min, the same bucket of 300, so the same ratios apply. And Redis
 * stopped halfway: no call fails, every worker goes on with local pacing and says so once.
 */
import { runScenario } from '../../bench/shared-pacing';
import { spawnRedis, testRedis } from '../../bench/redis-server';

jest.setTimeout(120_000);

const SCALED = { workers: 4, loops: 4, perMinute: 1800, burst: 300, durationMs: 20_000 };

it('4 processes through Redis: 429s at most 1% of requests, throughput at least 90% of the limit, no call failed', async () => {
  const redis = await testRedis();
  try {
    const run = await runScenario({ store: 'redis', redisUrl: redis.url, ...SCALED });
    expect({ failedCalls: run.failedCalls, failures: run.failures }).toEqual({ failedCalls: 0, failures: {} });
    expect(run.calls).toBeGreaterThan(400);
    expect(run.byOperation.zendesk_update_tickets_bulk).toBeGreaterThan(10);
    expect(run.rateLimitedPct).toBeLessThanOrEqual(1);
    expect(run.throughputPct).toBeGreaterThanOrEqual(90);
    expect(run.pacingNotices.flat()).toEqual([]); // Redis answered throughout
  } finally {
    await redis.release();
  }
});

it('Redis stopped halfway: no call fails because of it, and each worker says once that it paces alone', async () => {
  const redis = await spawnRedis();
  try {
    const run = await runScenario({ store: 'redis', redisUrl: redis.url, ...SCALED, durationMs: 12_000, stopRedis: { afterMs: 6000, stop: () => redis.stop('SIGKILL') } });
    expect({ failedCalls: run.failedCalls, failures: run.failures }).toEqual({ failedCalls: 0, failures: {} });
    expect(run.calls).toBeGreaterThan(200);
    for (const notices of run.pacingNotices) expect(notices).toEqual([expect.stringMatching(/^Pacing: Redis at redis:\/\/127\.0\.0\.1:\d+ does not answer .*paces its own requests/)]);
  } finally {
    await redis.stop();
  }
});
