/**
 * Section 1, executor overhead: `zendesk_get_ticket` through executeTool against the same GET with
 * plain node-fetch (same keep-alive agent settings, same headers), sequentially, after a warm-up.
 * A third variant, lib/transport's attempt() alone, splits the difference into the transport's share
 * (timeout signal, header copy) and the executor's (input checks, connection, pacing, output shaping).
 *
 * The executor, its transport and the sandbox are those of the built package (dist/, compiled by
 * tsc: what `main`, the CLI and the MCP server run), built afresh before the section. With
 * BENCH_OVERHEAD_CODE=source they are the TypeScript sources as tsx compiles them for this script.
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { collectGarbage, envNumber, int, type LatencySummary, log, round, runChild, type SectionResult, summarize, us } from './common';

export interface OverheadData {
  /** Where the timed code came from: the built package (`dist`) or the sources (`source`, through tsx). */
  code: 'dist' | 'source';
  calls: number;
  warmupCalls: number;
  blockSize: number;
  tickets: number;
  plain: LatencySummary & { cpuUsPerCall: number };
  transport: LatencySummary & { cpuUsPerCall: number };
  executor: LatencySummary & { cpuUsPerCall: number };
  /** executeTool median ÷ node-fetch median. */
  ratioMedian: number;
  ratioP99: number;
  ratioMean: number;
  /** attempt() median ÷ node-fetch median. */
  transportRatioMedian: number;
  errors: number;
}

type Variant = 'plain' | 'transport' | 'executor';

const REPO = path.resolve(__dirname, '..');
const fromSource = () => process.env.BENCH_OVERHEAD_CODE === 'source';
/** The directory the timed code comes from: the built package, or the sources. */
const codeRoot = () => (fromSource() ? REPO : path.join(REPO, 'dist'));

/** Runs in a child process. */
export async function overheadTask(): Promise<OverheadData> {
  const nodeFetch = (await import('node-fetch')).default;
  const root = codeRoot();
  const { startSandbox } = (await import(path.join(root, 'sandbox'))) as typeof import('../sandbox');
  const { executeTool } = (await import(path.join(root, 'catalog'))) as typeof import('../catalog');
  const { attempt } = (await import(path.join(root, 'lib/transport'))) as typeof import('../lib/transport');

  const calls = Math.round(envNumber('BENCH_OVERHEAD_CALLS', 6000));
  const warmupCalls = 1000;
  const blockSize = 100;
  const tickets = 1000;
  // Uncompressed answers: a 1.2 KB ticket would be gzipped (sandbox default, above 1 KB), and gzip on
  // both sides (the sandbox's deflate, node-fetch's inflate stream) would swamp what is measured here,
  // the executor's own work. Section 2 lists with gzip, as a real account answers.
  const sb = await startSandbox({ tickets, gzipAbove: Infinity });
  const { email, apiToken, subdomain } = sb.credentials;
  // The executor's own settings (lib/transport.ts): keep-alive, 64 sockets; the same four headers as lib/connection.ts.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const headers = {
    Authorization: `Basic ${Buffer.from(`${email}/token:${apiToken}`).toString('base64')}`,
    Accept: 'application/json',
    'Accept-Encoding': 'gzip',
    'User-Agent': 'zendesk-blocks',
  };
  let errors = 0;
  const idOf = (i: number) => (i % tickets) + 1;

  const variants: Record<Variant, (i: number) => Promise<void>> = {
    plain: async (i) => {
      const id = idOf(i);
      const res = await nodeFetch(`${sb.baseUrl}/tickets/${id}`, { method: 'GET', headers, agent });
      const body = (await res.json()) as { ticket?: { id?: number } };
      if (res.status !== 200 || body.ticket?.id !== id) errors++;
    },
    transport: async (i) => {
      const id = idOf(i);
      const res = await attempt({ method: 'GET', url: `${sb.baseUrl}/tickets/${id}`, headers, timeoutMs: 30_000 });
      if (res.status !== 200 || res.body?.ticket?.id !== id) errors++;
    },
    executor: async (i) => {
      const id = idOf(i);
      // The params as an object literal, as a host that parses a tool call's JSON gets them. Spread
      // into a literal (`{ ...creds, ticketId }`), Node 20's V8 gives each object a hidden class of
      // its own once the loop is optimized: the caller pays for a new map on every call, which is
      // not the executor's overhead (docs/performance.md has the figures).
      const r = await executeTool('zendesk_get_ticket', { subdomain, email, apiToken, ticketId: String(id) }, { baseUrl: sb.baseUrl });
      if (!r.success || r.output.ticket_id !== id) errors++;
    },
  };
  const names = Object.keys(variants) as Variant[];
  try {
    for (const name of names) for (let i = 0; i < warmupCalls; i++) await variants[name](i);
    collectGarbage();
    const latencies: Record<Variant, number[]> = { plain: [], transport: [], executor: [] };
    const cpuMicros: Record<Variant, number> = { plain: 0, transport: 0, executor: 0 };
    // Interleaved blocks, the order reversed every round, so drift and background load hit all alike.
    for (let block = 0, done = 0; done < calls; block++, done += blockSize) {
      const order = block % 2 === 0 ? names : [...names].reverse();
      const n = Math.min(blockSize, calls - done);
      for (const name of order) {
        const cpu = process.cpuUsage();
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          await variants[name](done + i);
          latencies[name].push(performance.now() - t0);
        }
        const d = process.cpuUsage(cpu);
        cpuMicros[name] += d.user + d.system;
      }
    }
    const withCpu = (name: Variant) => ({ ...summarize(latencies[name]), cpuUsPerCall: round(cpuMicros[name] / calls, 1) });
    const plain = withCpu('plain');
    const transport = withCpu('transport');
    const executor = withCpu('executor');
    return {
      code: fromSource() ? 'source' : 'dist',
      calls,
      warmupCalls,
      blockSize,
      tickets,
      plain,
      transport,
      executor,
      ratioMedian: round(executor.medianMs / plain.medianMs, 3),
      ratioP99: round(executor.p99Ms / plain.p99Ms, 3),
      ratioMean: round(executor.meanMs / plain.meanMs, 3),
      transportRatioMedian: round(transport.medianMs / plain.medianMs, 3),
      errors,
    };
  } finally {
    agent.destroy();
    await sb.close();
  }
}

export async function overheadSection(): Promise<SectionResult> {
  const t0 = Date.now();
  if (!fromSource()) {
    log('overhead: building dist/ (npm run build), so the section times the code as the package ships it');
    execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO, stdio: 'inherit' });
  }
  log(`overhead: zendesk_get_ticket via executeTool vs plain node-fetch (fresh process, code from ${fromSource() ? 'the sources (tsx)' : 'dist/'})`);
  const d = await runChild<OverheadData>('overhead');
  const GOAL = 1.15;
  const CPU_GOAL = 1.1;
  const cpuRatio = round(d.executor.cpuUsPerCall / d.plain.cpuUsPerCall, 3);
  return {
    section: 'overhead',
    title: '1. Executor overhead',
    rows: [
      { figure: `node-fetch GET /tickets/{id}: median / p99 (${int(d.calls)} calls; executor code from ${d.code === 'dist' ? 'dist/, as built' : 'the sources, via tsx'})`, value: `${us(d.plain.medianMs)} / ${us(d.plain.p99Ms)}` },
      { figure: 'lib/transport attempt() alone (fetch + timeout signal + header copy + parse): median / p99', value: `${us(d.transport.medianMs)} / ${us(d.transport.p99Ms)} (×${d.transportRatioMedian.toFixed(2)})` },
      { figure: 'executeTool zendesk_get_ticket: median / p99', value: `${us(d.executor.medianMs)} / ${us(d.executor.p99Ms)}` },
      { figure: 'process CPU per call, all threads: node-fetch / attempt() / executeTool', value: `${d.plain.cpuUsPerCall} / ${d.transport.cpuUsPerCall} / ${d.executor.cpuUsPerCall} µs` },
      {
        figure: 'CPU per call, executeTool ÷ node-fetch (sandbox included, same process)',
        value: cpuRatio.toFixed(2),
        goal: `≤ ${CPU_GOAL.toFixed(2)}`,
        met: cpuRatio <= CPU_GOAL && d.errors === 0,
      },
      {
        figure: 'ratio executeTool ÷ node-fetch (median; p99)',
        value: `${d.ratioMedian.toFixed(2)} (p99 ${d.ratioP99.toFixed(2)})`,
        goal: `≤ ${GOAL.toFixed(2)}`,
        met: d.ratioMedian <= GOAL && d.errors === 0,
      },
    ],
    data: d as unknown as Record<string, unknown>,
    notes: d.errors ? [`${d.errors} calls answered wrongly`] : [],
    durationMs: Date.now() - t0,
  };
}
