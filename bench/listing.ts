/**
 * Section 2, full listing: every ticket of a 100,000-ticket sandbox through the executor's streaming
 * iterator (iteratePages over zendesk_get_tickets, 100 per page, counting ids, keeping no page), and
 * through node-zendesk 6's cursor-paged `client.tickets.list()` against the same kind of sandbox.
 *
 * Each run is a fresh child process holding its own sandbox, so neither client inherits the other's
 * heap, JIT state or sockets. Runs alternate E N N E (ABBA): any drift of the machine over the
 * section hits both clients alike. Memory is the peak above a baseline taken after the sandbox is
 * seeded, its caches warmed and the client loaded and warmed by one small request, after a full GC.
 */
import { collectGarbage, envNumber, int, log, mb, type MemoryPeak, round, runChild, type SectionResult, seconds, startMemorySampler } from './common';

export type ListingClient = 'executor' | 'node-zendesk';

export interface ListingRun {
  client: ListingClient;
  tickets: number;
  /** Tickets counted, and whether their ids were exactly 1..tickets (sum and count). */
  counted: number;
  idsComplete: boolean;
  requests: number;
  requestsByRoute: Record<string, number>;
  wallMs: number;
  memory: MemoryPeak;
  seedMs: number;
}

interface Listed {
  counted: number;
  idSum: number;
  /** What the client's API returned, kept until the last memory sample. */
  held?: unknown;
}

/** Runs in a child process: one listing by one client. */
export async function listingTask(client: ListingClient): Promise<ListingRun> {
  const tickets = Math.round(envNumber('BENCH_LISTING_TICKETS', 100_000));
  const { startSandbox } = await import('../sandbox');
  const t0 = performance.now();
  const sb = await startSandbox({ tickets });
  // Warm the sandbox's caches (per-ticket JSON, the id-ordered view) so the listing does not grow
  // the sandbox's own memory, which lives in this process, while the client is measured.
  for (const t of sb.state.tickets.map.values()) sb.state.tickets.toJson(t);
  sb.state.tickets.sorted('id');
  const seedMs = performance.now() - t0;
  const { email, apiToken, subdomain } = sb.credentials;

  let list: () => Promise<Listed>;
  if (client === 'executor') {
    const { executeTool, iteratePages } = await import('../catalog');
    const creds = { subdomain, email, apiToken };
    const warm = await executeTool('zendesk_get_tickets', { ...creds, perPage: '1' }, { baseUrl: sb.baseUrl });
    if (!warm.success) throw new Error(`warm-up failed: ${warm.error.message}`);
    list = async () => {
      let counted = 0;
      let idSum = 0;
      for await (const page of iteratePages('zendesk_get_tickets', { ...creds, perPage: '100' }, { baseUrl: sb.baseUrl })) {
        for (const t of page.tickets as { id: number }[]) {
          counted += 1;
          idSum += t.id;
        }
      }
      return { counted, idSum };
    };
  } else {
    // require: node-zendesk is a bundled CommonJS module whose named exports import() does not see.
    const { createClient } = require('node-zendesk') as typeof import('node-zendesk');
    const zd = createClient({ username: email, token: apiToken, subdomain, endpointUri: sb.baseUrl } as Parameters<typeof createClient>[0]);
    await zd.tickets.show(1);
    list = async () => {
      // node-zendesk 6 has no page iterator: tickets.list() follows links.next (page[size]=100)
      // and resolves to every ticket at once.
      const all = (await zd.tickets.list()) as { id: number }[];
      let idSum = 0;
      for (const t of all) idSum += t.id;
      return { counted: all.length, idSum, held: all };
    };
  }

  const before = { ...sb.stats.requests };
  const totalBefore = sb.stats.total;
  collectGarbage();
  const sampler = startMemorySampler(20);
  const started = performance.now();
  let result: Listed;
  try {
    result = await list();
  } catch (error) {
    sampler.stop();
    throw error;
  }
  const wallMs = performance.now() - started;
  // One last sample while what the client handed back (node-zendesk: every ticket) is still held.
  const memory = sampler.stop();
  result.held = undefined;
  const requestsByRoute: Record<string, number> = {};
  for (const [route, n] of Object.entries(sb.stats.requests)) if (n - (before[route] ?? 0) > 0) requestsByRoute[route] = n - (before[route] ?? 0);
  const run: ListingRun = {
    client,
    tickets,
    counted: result.counted,
    idsComplete: result.counted === tickets && result.idSum === (tickets * (tickets + 1)) / 2,
    requests: sb.stats.total - totalBefore,
    requestsByRoute,
    wallMs: round(wallMs, 1),
    memory,
    seedMs: round(seedMs, 0),
  };
  await sb.close();
  return run;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function listingSection(): Promise<SectionResult> {
  const t0 = Date.now();
  const perClient = Math.max(1, Math.round(envNumber('BENCH_LISTING_RUNS', 2)));
  const order: ListingClient[] = [];
  for (let i = 0; i < perClient; i++) order.push(...((i % 2 === 0 ? ['executor', 'node-zendesk'] : ['node-zendesk', 'executor']) as ListingClient[]));
  const runs: ListingRun[] = [];
  for (const client of order) {
    log(`listing: ${client} (fresh process, run ${runs.filter((r) => r.client === client).length + 1}/${perClient})`);
    const run = await runChild<ListingRun>('listing', [client]);
    log(`listing: ${client}: ${run.requests} requests, ${seconds(run.wallMs)}, heap +${mb(run.memory.heapUsedDelta)}, rss +${mb(run.memory.rssDelta)}`);
    runs.push(run);
  }
  const agg = (client: ListingClient) => {
    const rs = runs.filter((r) => r.client === client);
    return {
      runs: rs.length,
      requests: Math.max(...rs.map((r) => r.requests)),
      wallMs: round(median(rs.map((r) => r.wallMs)), 1),
      heapUsedDelta: median(rs.map((r) => r.memory.heapUsedDelta)),
      rssDelta: median(rs.map((r) => r.memory.rssDelta)),
      allComplete: rs.every((r) => r.idsComplete),
    };
  };
  const ex = agg('executor');
  const nz = agg('node-zendesk');
  const tickets = runs[0].tickets;
  const minRequests = Math.ceil(tickets / 100);
  const GOAL = 64 * 1024 * 1024;
  const ratios = {
    timeNodeZendeskOverExecutor: round(nz.wallMs / ex.wallMs, 2),
    heapNodeZendeskOverExecutor: round(nz.heapUsedDelta / Math.max(1, ex.heapUsedDelta), 1),
    rssNodeZendeskOverExecutor: round(nz.rssDelta / Math.max(1, ex.rssDelta), 1),
  };
  const notes: string[] = [
    'rss deltas are lower bounds: pages the sandbox freed while seeding stay mapped and are reused before rss grows.',
  ];
  if (!ex.allComplete || !nz.allComplete) notes.push('a listing did not return exactly the ids 1..N');
  return {
    section: 'listing',
    title: `2. Full listing of ${int(tickets)} tickets`,
    rows: [
      {
        figure: 'executor iteratePages: requests (minimum)',
        value: `${int(ex.requests)} (${int(minRequests)})${ex.allComplete ? ', all ids' : ', IDS MISSING'}`,
        goal: `= ${int(minRequests)}`,
        met: ex.requests === minRequests && ex.allComplete,
      },
      { figure: `executor: wall time (median of ${ex.runs})`, value: seconds(ex.wallMs, 2) },
      {
        figure: 'executor: peak heapUsed / rss above baseline',
        value: `${mb(ex.heapUsedDelta)} / ${mb(ex.rssDelta)}`,
        goal: '< 64 MB',
        met: ex.heapUsedDelta < GOAL && ex.rssDelta < GOAL,
      },
      { figure: 'node-zendesk tickets.list(): requests', value: `${int(nz.requests)}${nz.allComplete ? ', all ids' : ', IDS MISSING'}` },
      { figure: `node-zendesk: wall time (median of ${nz.runs})`, value: seconds(nz.wallMs, 2) },
      { figure: 'node-zendesk: peak heapUsed / rss above baseline', value: `${mb(nz.heapUsedDelta)} / ${mb(nz.rssDelta)}` },
      // No rss ratio in the table: the executor's rss delta is near zero (see the note), so it says nothing.
      { figure: 'node-zendesk ÷ executor: wall time / peak heapUsed', value: `×${ratios.timeNodeZendeskOverExecutor} / ×${ratios.heapNodeZendeskOverExecutor}` },
    ],
    data: { tickets, minRequests, order, executor: ex, nodeZendesk: nz, ratios, runs },
    notes,
    durationMs: Date.now() - t0,
  };
}
