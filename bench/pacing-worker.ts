/**
 * One worker process of the shared-pacing scenario (bench/shared-pacing.ts): once loaded (and one
 * call made, to warm it up) it prints "ready" and reads the start time (epoch ms) from stdin; from then for `durationMs`, `loops`
 * concurrent loops run bulk work on one account (100-ticket listings, ticket updates, and bulk
 * updates waited for as jobs) through executeTool, paced by the store it is given. Prints one JSON
 * line with its counts; its log lines (retries, waits, pacing notices) go with it.
 *
 *   node --require tsx/cjs bench/pacing-worker.ts '<WorkerConfig as JSON>'   (then the start time on stdin)
 */
import { executeTool } from '../catalog';
import type { PacingOptions } from '../lib/pacer';

export interface WorkerConfig {
  worker: number;
  baseUrl: string;
  credentials: { subdomain: string; email: string; apiToken: string };
  pacing: Partial<PacingOptions>;
  durationMs: number;
  loops: number;
  /** Ticket ids the updates pick from (open tickets). */
  ticketIds: number[];
}

export interface WorkerResult {
  worker: number;
  calls: number;
  ok: number;
  /** Failed calls by error code, with one message of each. */
  failures: Record<string, { count: number; example: string }>;
  byOperation: Record<string, number>;
  /** Log lines about pacing (the fallback notice when Redis goes away). */
  pacingNotices: string[];
  retries: number;
}

async function main() {
  const config = JSON.parse(process.argv[2]) as WorkerConfig;
  const pacingNotices: string[] = [];
  let retries = 0;
  const options = {
    baseUrl: config.baseUrl,
    pacing: { concurrency: 8, ...config.pacing },
    log: (line: string) => {
      if (line.startsWith('Pacing:')) pacingNotices.push(line);
      else if (/; retry \d+ in/.test(line)) retries += 1;
    },
  };
  const result: WorkerResult = { worker: config.worker, calls: 0, ok: 0, failures: {}, byOperation: {}, pacingNotices, retries: 0 };
  const ids = config.ticketIds;
  const pick = (n: number, seed: number) => Array.from({ length: n }, (_, i) => String(ids[(seed * 7 + i * 13) % ids.length]));
  // Bulk work as a workflow runs it: listings, single updates, and bulk updates waited for as jobs.
  const work: ((i: number) => { id: string; params: Record<string, unknown>; job?: boolean })[] = [
    () => ({ id: 'zendesk_get_tickets', params: { perPage: '100' } }),
    (i) => ({ id: 'zendesk_update_ticket', params: { ticketId: pick(1, i)[0], priority: i % 2 ? 'high' : 'normal' } }),
    () => ({ id: 'zendesk_get_tickets', params: { perPage: '100', sort: '-updated_at' } }),
    (i) => ({ id: 'zendesk_update_tickets_bulk', params: { ticketIds: pick(10, i).join(','), tags: `pacing-w${config.worker}` }, job: true }),
  ];
  // One call before the run loads what the first call loads (the Redis client and its connection,
  // compiled checks); then every worker starts at the same moment, so they overlap whole.
  const warmUp = await executeTool('zendesk_get_tickets', { ...config.credentials, perPage: '1' }, options);
  if (!warmUp.success) throw new Error(`warm-up call failed: ${warmUp.error.message}`);
  process.stdout.write('ready\n');
  const startAt = await new Promise<number>((resolve) => process.stdin.once('data', (d) => resolve(Number(String(d).trim()))));
  process.stdin.pause();
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
  const endAt = startAt + config.durationMs;
  const loop = async (loopIndex: number) => {
    for (let i = loopIndex; Date.now() < endAt; i += config.loops) {
      const { id, params, job } = work[i % work.length](i);
      const r = await executeTool(id, { ...config.credentials, ...params }, job ? { ...options, waitForJob: { pollIntervalMs: 200 } } : options);
      result.calls += 1;
      result.byOperation[id] = (result.byOperation[id] ?? 0) + 1;
      if (r.success) result.ok += 1;
      else {
        const failure = (result.failures[r.error.code] ??= { count: 0, example: r.error.message.slice(0, 300) });
        failure.count += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: config.loops }, (_, i) => loop(i)));
  result.retries = retries;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
