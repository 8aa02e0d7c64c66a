/**
 * Section 5, sandbox throughput: bench/sandbox-throughput.ts as it is (single-ticket GETs/s and
 * 100-ticket cursor pages/s from concurrent keep-alive loops in the sandbox's own process).
 */
import { envNumber, int, log, runChild, type SectionResult } from './common';
import type { ThroughputResult } from './sandbox-throughput';

/** Runs in a child process. */
export async function throughputTask(): Promise<ThroughputResult> {
  const { benchSandboxThroughput } = await import('./sandbox-throughput');
  return benchSandboxThroughput({ durationMs: Math.round(envNumber('BENCH_THROUGHPUT_MS', 4000)) });
}

export async function throughputSection(): Promise<SectionResult> {
  const t0 = Date.now();
  log('throughput: bench/sandbox-throughput.ts (fresh process)');
  const d = await runChild<ThroughputResult>('throughput');
  // The goals are the ones bench/sandbox-throughput.ts prints.
  return {
    section: 'throughput',
    title: `5. Sandbox throughput (${int(d.tickets)} tickets, ${d.concurrency} loops, ${d.durationMs / 2000} s per phase)`,
    rows: [
      {
        figure: 'single-ticket GETs/s (p50; CPU per request)',
        value: `${int(d.singleGetsPerSecond)} (${d.singleGetP50Ms} ms; ${d.singleGetCpuMs} ms)`,
        goal: '≥ 2,000',
        met: d.singleGetsPerSecond >= 2000 && d.errors === 0,
      },
      {
        figure: '100-ticket pages/s (p50; CPU per request)',
        value: `${int(d.pagesPerSecond)} (${d.pageP50Ms} ms; ${d.pageCpuMs} ms)`,
        goal: '≥ 300',
        met: d.pagesPerSecond >= 300 && d.errors === 0,
      },
    ],
    data: d as unknown as Record<string, unknown>,
    notes: d.errors ? [`${d.errors} wrong answers`] : [],
    durationMs: Date.now() - t0,
  };
}
