/** The throughput benchmark runs and reports sane figures (the goals are checked by running it, not here). */
import { benchSandboxThroughput } from '../../bench/sandbox-throughput';

test('benchSandboxThroughput measures both phases without errors', async () => {
  const r = await benchSandboxThroughput({ durationMs: 600, concurrency: 4, tickets: 2_000 });
  expect(r.errors).toBe(0);
  expect(r.singleGets).toBeGreaterThan(0);
  expect(r.pages).toBeGreaterThan(0);
  expect(r.singleGetsPerSecond).toBeGreaterThan(0);
  expect(r.pagesPerSecond).toBeGreaterThan(0);
});
