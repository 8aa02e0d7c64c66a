/**
 * Sandbox throughput: single-ticket GETs per second and 100-ticket cursor pages per second, over
 * keep-alive HTTP from several concurrent loops in this same process (so the figures include the
 * client's own cost, as a test suite would see them).
 *
 *   npx tsx bench/sandbox-throughput.ts [durationMs] [concurrency]
 */
import { Agent, request } from 'node:http';
import { startSandbox } from '../sandbox';

export interface ThroughputResult {
  singleGetsPerSecond: number;
  pagesPerSecond: number;
  singleGets: number;
  pages: number;
  /** Process CPU time (client and server together, this process) per request, ms: less sensitive to other load than the rates. */
  singleGetCpuMs: number;
  pageCpuMs: number;
  /** Median latency of one request in each phase, ms. */
  singleGetP50Ms: number;
  pageP50Ms: number;
  tickets: number;
  concurrency: number;
  durationMs: number;
  seedMs: number;
  errors: number;
}

interface Target {
  host: string;
  port: string;
  headers: Record<string, string>;
}

/** `path` is absolute (`/api/v2/...`) or a full URL as found in `links.next`. */
function getJson(agent: Agent, t: Target, path: string): Promise<{ status: number; body: string }> {
  const p = path.startsWith('http') ? path.slice(path.indexOf('/', 8)) : path;
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: t.host, port: t.port, path: p, headers: t.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.floor(s.length / 2)].toFixed(2));
}

export async function benchSandboxThroughput(opts: { durationMs?: number; concurrency?: number; tickets?: number } = {}): Promise<ThroughputResult> {
  const durationMs = opts.durationMs ?? 4000;
  const concurrency = opts.concurrency ?? 8;
  const tickets = opts.tickets ?? 10_000;
  const t0 = performance.now();
  const sb = await startSandbox({ tickets, users: 200, organizations: 30 });
  const seedMs = performance.now() - t0;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const auth = `Basic ${Buffer.from(`${sb.credentials.email}/token:${sb.credentials.apiToken}`).toString('base64')}`;
  const base = new URL(sb.baseUrl);
  const target: Target = { host: base.hostname, port: base.port, headers: { Authorization: auth, Accept: 'application/json' } };
  const api = base.pathname; // /api/v2
  const singlePaths = Array.from({ length: tickets }, (_, i) => `${api}/tickets/${i + 1}.json`);
  let errors = 0;
  try {
    // Warm the per-record JSON caches the way a running sandbox would be warm.
    await getJson(agent, target, `${api}/tickets.json?per_page=1`);

    const phaseMs = durationMs / 2;
    const singleLat: number[] = [];
    let singles = 0;
    let end = performance.now() + phaseMs;
    let started = performance.now();
    let cpu = process.cpuUsage();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, loop) => {
        let id = 1 + ((loop * 997) % tickets);
        while (performance.now() < end) {
          const s = performance.now();
          const r = await getJson(agent, target, singlePaths[id - 1]);
          singleLat.push(performance.now() - s);
          if (r.status !== 200 || (JSON.parse(r.body) as { ticket: { id: number } }).ticket.id !== id) errors++;
          singles++;
          id = (id % tickets) + 1;
        }
      }),
    );
    const singleSeconds = (performance.now() - started) / 1000;
    const singleCpu = process.cpuUsage(cpu);

    const pageLat: number[] = [];
    let pages = 0;
    end = performance.now() + phaseMs;
    started = performance.now();
    cpu = process.cpuUsage();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const first = `${api}/tickets.json?page[size]=100`;
        let next: string | null = first;
        while (performance.now() < end) {
          const s = performance.now();
          const r = await getJson(agent, target, next ?? first);
          pageLat.push(performance.now() - s);
          const body = JSON.parse(r.body) as { tickets: unknown[]; links: { next: string | null } };
          if (r.status !== 200 || body.tickets.length === 0) errors++;
          pages++;
          next = body.links.next;
        }
      }),
    );
    const pageSeconds = (performance.now() - started) / 1000;
    const pageCpu = process.cpuUsage(cpu);
    const cpuMs = (u: NodeJS.CpuUsage, n: number) => Number(((u.user + u.system) / 1000 / Math.max(1, n)).toFixed(3));
    return {
      singleGetsPerSecond: Math.round(singles / singleSeconds),
      pagesPerSecond: Math.round(pages / pageSeconds),
      singleGets: singles,
      pages,
      singleGetCpuMs: cpuMs(singleCpu, singles),
      pageCpuMs: cpuMs(pageCpu, pages),
      singleGetP50Ms: median(singleLat),
      pageP50Ms: median(pageLat),
      tickets,
      concurrency,
      durationMs,
      seedMs: Math.round(seedMs),
      errors,
    };
  } finally {
    agent.destroy();
    await sb.close();
  }
}

if (require.main === module) {
  const [duration, concurrency] = process.argv.slice(2).map(Number);
  benchSandboxThroughput({ durationMs: duration || undefined, concurrency: concurrency || undefined }).then(
    (r) => {
      console.log(`single-ticket GETs/s : ${r.singleGetsPerSecond}  (p50 ${r.singleGetP50Ms} ms, ${r.singleGetCpuMs} ms CPU each, goal ≥ 2000)`);
      console.log(`100-ticket pages/s   : ${r.pagesPerSecond}  (p50 ${r.pageP50Ms} ms, ${r.pageCpuMs} ms CPU each, goal ≥ 300)`);
      console.log(JSON.stringify(r, null, 2));
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
