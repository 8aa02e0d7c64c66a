/**
 * Section 3, bulk triage under a binding rate limit: triageTickets() (triage/) over 10,000 tickets
 * of a sandbox limited to BENCH_TRIAGE_RATE requests/minute with a bucket of BENCH_TRIAGE_BURST.
 *
 * Minimum requests, with N tickets to update:
 *   1 search count (triage asks /search/count for its progress and already-triaged tally)
 * + ceil(N / 1000) search export pages (1,000 per page; the sandbox's last page says has_more false)
 * + ceil(N / 100) update_many requests (jobs of 100)
 * + ceil(N / 100) job polls: a job is always answered `queued`, so each needs at least one poll.
 * Floor: the token bucket starts full (burst) and refills at `rate`, so R accepted requests cannot
 * finish before (R − burst) / rate. 429 answers take no token, so R counts accepted requests only.
 */
import { envNumber, int, log, round, runChild, type SectionResult, seconds } from './common';

export interface TriageData {
  tickets: number;
  rateLimitPerMinute: number;
  burst: number;
  jobDelayMs: number;
  reopenedClosed: number;
  query: string;
  changes: Record<string, unknown>;
  requests: number;
  accepted: number;
  requestsByRoute: Record<string, number>;
  minimum: { count: number; exportPages: number; updateMany: number; jobPolls: number; total: number };
  rateLimited429: number;
  pacerSaw429: number;
  triageCountedRequests: number;
  wallMs: number;
  floorMs: number;
  floorMsAtMinimum: number;
  wallOverFloor: number;
  report: { matched: number; updated: number; failed: number; skipped: number; jobs: number };
  verified: { tagged: number; highPriority: number };
}

/** Runs in a child process. */
export async function triageTask(): Promise<TriageData> {
  const tickets = Math.round(envNumber('BENCH_TRIAGE_TICKETS', 10_000));
  const rate = envNumber('BENCH_TRIAGE_RATE', 300);
  const burst = Math.round(envNumber('BENCH_TRIAGE_BURST', 50));
  const jobDelayMs = 50;
  const { startSandbox } = await import('../sandbox');
  const { triageTickets } = await import('../triage');
  const sb = await startSandbox({ tickets, rateLimit: rate, rateLimitBurst: burst, jobDelayMs });
  // Zendesk refuses changes to closed tickets; reopen the seeded closed ones (as solved) so all N are updatable.
  let reopenedClosed = 0;
  for (const t of sb.state.tickets.map.values()) {
    if (t.status !== 'closed') continue;
    t.status = 'solved';
    sb.state.changed('tickets', t.id);
    reopenedClosed++;
  }
  const { email, apiToken, subdomain } = sb.credentials;
  const query = 'status<closed';
  const changes = { priority: 'high' as const, addTags: ['bench-triaged'] };
  let lastJobs = -1;
  const started = performance.now();
  const report = await triageTickets(
    { subdomain, email, apiToken, connection: { baseUrl: sb.baseUrl } },
    {
      query,
      changes,
      maxTickets: tickets,
      onProgress: (e) => {
        if (e.phase === 'update' && e.jobsFinished % 20 === 0 && e.jobsFinished !== lastJobs) {
          lastJobs = e.jobsFinished;
          log(`triage: ${e.jobsFinished}/${e.jobs} jobs done, ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
      },
    },
  );
  const wallMs = performance.now() - started;
  let tagged = 0;
  let highPriority = 0;
  for (const t of sb.state.tickets.map.values()) {
    if (t.tags.includes('bench-triaged')) tagged++;
    if (t.priority === 'high') highPriority++;
  }
  const stats = sb.stats;
  const accepted = stats.total - stats.rateLimited;
  const minimum = {
    count: 1,
    exportPages: Math.ceil(tickets / 1000),
    updateMany: Math.ceil(tickets / 100),
    jobPolls: Math.ceil(tickets / 100),
    total: 0,
  };
  minimum.total = minimum.count + minimum.exportPages + minimum.updateMany + minimum.jobPolls;
  const perMs = rate / 60_000;
  const floorMs = Math.max(0, accepted - burst) / perMs;
  const data: TriageData = {
    tickets,
    rateLimitPerMinute: rate,
    burst,
    jobDelayMs,
    reopenedClosed,
    query,
    changes,
    requests: stats.total,
    accepted,
    requestsByRoute: { ...stats.requests },
    minimum,
    rateLimited429: stats.rateLimited,
    pacerSaw429: report.stats.rateLimited,
    triageCountedRequests: report.stats.requests,
    wallMs: round(wallMs, 0),
    floorMs: round(floorMs, 0),
    floorMsAtMinimum: round(Math.max(0, minimum.total - burst) / perMs, 0),
    wallOverFloor: round(wallMs / floorMs, 3),
    report: { matched: report.matched, updated: report.updated, failed: report.failed, skipped: report.skipped, jobs: report.stats.jobs },
    verified: { tagged, highPriority },
  };
  await sb.close();
  return data;
}

export async function triageSection(): Promise<SectionResult> {
  const t0 = Date.now();
  log('triage: triageTickets() over a rate-limited sandbox (fresh process)');
  const d = await runChild<TriageData>('triage');
  const GOAL = 1.15;
  const byRoute = (name: string) => d.requestsByRoute[name] ?? 0;
  const allDone = d.report.updated === d.tickets && d.report.failed === 0 && d.verified.tagged === d.tickets;
  return {
    section: 'triage',
    title: `3. Bulk triage of ${int(d.tickets)} tickets at ${d.rateLimitPerMinute}/min, burst ${d.burst}`,
    rows: [
      {
        figure: 'tickets updated / failed (checked in sandbox state)',
        value: `${int(d.report.updated)} / ${int(d.report.failed)} (${int(d.verified.tagged)} tagged)`,
        goal: `${int(d.tickets)} / 0`,
        met: allDone,
      },
      {
        figure: 'requests made (minimum)',
        value: `${int(d.requests)} (${int(d.minimum.total)}): count ${byRoute('GET /search/count')}, export ${byRoute('GET /search/export')}, update_many ${byRoute('PUT /tickets/update_many')}, job polls ${byRoute('GET /job_statuses/{id}')}`,
        goal: `≥ ${int(d.minimum.total)}`,
      },
      { figure: '429 answers received (sandbox count; the pacer saw)', value: `${int(d.rateLimited429)} (${int(d.pacerSaw429)})` },
      {
        figure: 'wall time vs floor (accepted − burst) / rate',
        value: `${seconds(d.wallMs)} vs ${seconds(d.floorMs)} = ×${d.wallOverFloor.toFixed(2)}`,
        goal: `≤ ×${GOAL.toFixed(2)}`,
        met: d.wallOverFloor <= GOAL,
      },
      { figure: 'floor at the minimum request count', value: seconds(d.floorMsAtMinimum) },
    ],
    data: d as unknown as Record<string, unknown>,
    notes: [],
    durationMs: Date.now() - t0,
  };
}
