/**
 * Section 4, creates: BENCH_CREATES (1,000) `zendesk_create_ticket` calls through executeTool from
 * BENCH_CREATE_CONCURRENCY (8) concurrent loops, the pacer allowed as many requests in flight. Each
 * ticket gets a unique subject; afterwards the sandbox's state must hold each subject exactly once.
 */
import { dur, envNumber, int, type LatencySummary, log, round, runChild, type SectionResult, summarize } from './common';

export interface CreatesData {
  creates: number;
  concurrency: number;
  wallMs: number;
  createsPerSecond: number;
  latency: LatencySummary;
  failures: number;
  firstFailure?: string;
  createRequests: number;
  /** Tickets in the sandbox carrying one of this run's subjects. */
  ticketsWithBenchSubjects: number;
  distinctSubjects: number;
  duplicates: number;
  missing: number;
}

/** Runs in a child process. */
export async function createsTask(): Promise<CreatesData> {
  const creates = Math.round(envNumber('BENCH_CREATES', 1000));
  const concurrency = Math.round(envNumber('BENCH_CREATE_CONCURRENCY', 8));
  const { startSandbox } = await import('../sandbox');
  const { executeTool } = await import('../catalog');
  const sb = await startSandbox({ tickets: 100 });
  const { email, apiToken, subdomain } = sb.credentials;
  const creds = { subdomain, email, apiToken };
  const options = { baseUrl: sb.baseUrl, pacing: { concurrency } };
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const prefix = `bench-create ${runId} #`;
  for (let i = 0; i < 20; i++) {
    const warm = await executeTool('zendesk_create_ticket', { ...creds, subject: `bench-warmup ${i}`, description: 'warm-up' }, options);
    if (!warm.success) throw new Error(`warm-up create failed: ${warm.error.message}`);
  }
  const postsBefore = sb.stats.requests['POST /tickets'] ?? 0;
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < creates) {
        const i = next++;
        const t0 = performance.now();
        const r = await executeTool(
          'zendesk_create_ticket',
          { ...creds, subject: `${prefix}${i}`, description: `Benchmark ticket ${i}: the printer on floor ${i % 7} jams.`, priority: 'normal' },
          options,
        );
        latencies.push(performance.now() - t0);
        if (!r.success) {
          failures++;
          firstFailure ??= r.error.message;
        }
      }
    }),
  );
  const wallMs = performance.now() - started;
  const seen = new Map<string, number>();
  for (const t of sb.state.tickets.map.values()) {
    if (t.subject.startsWith(prefix)) seen.set(t.subject, (seen.get(t.subject) ?? 0) + 1);
  }
  let total = 0;
  for (const n of seen.values()) total += n;
  let missing = 0;
  for (let i = 0; i < creates; i++) if (!seen.has(`${prefix}${i}`)) missing++;
  const data: CreatesData = {
    creates,
    concurrency,
    wallMs: round(wallMs, 1),
    createsPerSecond: round(creates / (wallMs / 1000), 0),
    latency: summarize(latencies),
    failures,
    ...(firstFailure ? { firstFailure } : {}),
    createRequests: (sb.stats.requests['POST /tickets'] ?? 0) - postsBefore,
    ticketsWithBenchSubjects: total,
    distinctSubjects: seen.size,
    duplicates: total - seen.size,
    missing,
  };
  await sb.close();
  return data;
}

export async function createsSection(): Promise<SectionResult> {
  const t0 = Date.now();
  log('creates: zendesk_create_ticket through executeTool (fresh process)');
  const d = await runChild<CreatesData>('creates');
  return {
    section: 'creates',
    title: `4. Creates: ${int(d.creates)} create_ticket calls, concurrency ${d.concurrency}`,
    rows: [
      { figure: 'throughput', value: `${int(d.createsPerSecond)} creates/s (${(d.wallMs / 1000).toFixed(2)} s)` },
      { figure: 'latency median / p99', value: `${dur(d.latency.medianMs)} / ${dur(d.latency.p99Ms)}` },
      {
        figure: 'tickets with the bench subjects / duplicates / missing / failed calls',
        value: `${int(d.ticketsWithBenchSubjects)} / ${d.duplicates} / ${d.missing} / ${d.failures}`,
        goal: `${int(d.creates)} / 0 / 0 / 0`,
        met: d.ticketsWithBenchSubjects === d.creates && d.duplicates === 0 && d.missing === 0 && d.failures === 0,
      },
    ],
    data: d as unknown as Record<string, unknown>,
    notes: d.firstFailure ? [`first failure: ${d.firstFailure}`] : [],
    durationMs: Date.now() - t0,
  };
}
