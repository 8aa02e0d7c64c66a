/**
 * Shared pacing through the executor, against the sandbox over HTTP and a real redis-server: the
 * `pacing` option, keys that never hold a credential, a Redis that is unreachable or stops in the
 * middle (calls go on, paced locally, and the log says so once), the account's 30 job slots held
 * across processes, and ioredis loaded only when Redis is configured.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import Redis from 'ioredis';
import { executeTool } from '../../catalog';
import { accountKey, closePacing, pacerFor } from '../../lib/pacer';
import type { JobSlot } from '../../lib/pacing-store';
import { RedisPacingStore } from '../../lib/redis-pacing';
import { startSandbox, type Sandbox } from '../../sandbox';
import { freePort, spawnRedis, testRedis } from '../../bench/redis-server';

jest.setTimeout(60_000);

let sandbox: Sandbox;
let redis: { url: string; release(): Promise<void> };
let creds: { subdomain: string; email: string; apiToken: string };
/** Tickets a bulk update can change (Zendesk refuses changes to closed ones). */
let openIds: string;
beforeAll(async () => {
  [sandbox, redis] = await Promise.all([startSandbox({ tickets: 300, jobDelayMs: 10 }), testRedis()]);
  const { subdomain, email, apiToken } = sandbox.credentials;
  creds = { subdomain, email, apiToken };
  openIds = [...sandbox.state.tickets.map.values()].filter((t) => t.status !== 'closed').slice(0, 3).map((t) => t.id).join(', ');
});
afterAll(async () => {
  await closePacing();
  await Promise.all([sandbox.close(), redis.release()]);
});

const getTicket = (id: number, options: Record<string, unknown>) => executeTool('zendesk_get_ticket', { ...creds, ticketId: String(id) }, { baseUrl: sandbox.baseUrl, ...options });
const authHeader = () => `Basic ${Buffer.from(`${creds.email}/token:${creds.apiToken}`).toString('base64')}`;

describe('the pacing option', () => {
  it('refuses a store or URL it cannot use, naming pacing and never repeating the URL', async () => {
    const cases: [unknown, RegExp][] = [
      [{ store: 'redis' }, /Redis URL is required/],
      [{ store: 'redis', url: 'http://user:s3cret-pw@127.0.0.1:6379' }, /redis:\/\/ or rediss:\/\//],
      [{ store: 'redis', url: 'not a url s3cret-pw' }, /not a URL/],
      [{ store: 'postgres' }, /must be "memory" or "redis"/],
    ];
    for (const [pacing, message] of cases) {
      const result = await getTicket(1, { pacing });
      expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'pacing', message: expect.stringMatching(message) } });
      expect(JSON.stringify(result)).not.toContain('s3cret-pw');
    }
    expect(sandbox.stats.requests['GET /tickets/{id}'] ?? 0).toBe(0); // nothing was sent
  });

  it('shares the learnt limit through Redis, under keys that hold no credential and expire', async () => {
    const result = await getTicket(2, { pacing: { store: 'redis', url: redis.url } });
    expect(result).toMatchObject({ success: true, output: { ticket_id: 2 } });
    const client = new Redis(redis.url);
    try {
      const account = accountKey(new URL(sandbox.baseUrl).origin, authHeader());
      const key = `zendesk-blocks:pacing:{${account}}`;
      await new Promise((r) => setTimeout(r, 50)); // the answer's figures are recorded without holding the call
      expect(await client.hgetall(key)).toMatchObject({ limit: '2500', at: expect.any(String) }); // the sandbox's X-Rate-Limit
      expect(await client.pttl(key)).toBeGreaterThan(0);
      const everything = JSON.stringify(await Promise.all((await client.keys('zendesk-blocks:*')).map(async (k) => [k, await client.dump(k)])));
      for (const secret of [creds.apiToken, creds.email, authHeader().split(' ')[1]]) expect(everything).not.toContain(secret);
    } finally {
      client.disconnect();
    }
  });
});

describe('when Redis does not answer', () => {
  it('a closed port: every call goes through at once, paced locally, and the log says so once', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const lines: string[] = [];
    const started = Date.now();
    for (let id = 1; id <= 6; id += 1) {
      expect(await getTicket(id, { pacing: { store: 'redis', url }, log: (line: string) => lines.push(line) })).toMatchObject({ success: true });
    }
    expect(Date.now() - started).toBeLessThan(5000);
    expect(lines.filter((l) => l.startsWith('Pacing:'))).toEqual([`Pacing: Redis at ${url} does not answer (ECONNREFUSED); this process paces its own requests until it does.`]);
  });

  it('without a log option the notice is a process warning, once', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      for (let id = 1; id <= 3; id += 1) expect(await getTicket(id, { pacing: { store: 'redis', url } })).toMatchObject({ success: true });
      expect(warn.mock.calls).toEqual([[expect.stringContaining('does not answer (ECONNREFUSED)'), { code: 'ZENDESK_PACING' }]]);
    } finally {
      warn.mockRestore();
    }
  });

  it('a Redis that accepts connections but answers nothing (frozen): calls wait at most about a second, once', async () => {
    const frozen = await spawnRedis();
    try {
      const lines: string[] = [];
      const options = { pacing: { store: 'redis', url: frozen.url }, log: (line: string) => lines.push(line) };
      expect(await getTicket(1, options)).toMatchObject({ success: true }); // connected, shared
      frozen.freeze(true);
      const started = Date.now();
      for (let id = 2; id <= 8; id += 1) expect(await getTicket(id, options)).toMatchObject({ success: true });
      expect(Date.now() - started).toBeLessThan(4000); // one command timeout (1 s), then local pacing
      expect(lines.filter((l) => l.startsWith('Pacing:'))).toEqual([expect.stringContaining('does not answer')]);

      // Frozen before the first connection: the first call waits for the connection at most a second.
      const url = frozen.url.replace('127.0.0.1', 'localhost');
      const first = Date.now();
      expect(await getTicket(9, { pacing: { store: 'redis', url } })).toMatchObject({ success: true });
      expect(Date.now() - first).toBeLessThan(3000);
    } finally {
      await frozen.stop('SIGKILL');
    }
  });

  it('Redis stopped in the middle: no call fails, the log says so once, and once more when it is back', async () => {
    const own = await spawnRedis();
    const lines: string[] = [];
    const options = { pacing: { store: 'redis', url: own.url }, log: (line: string) => lines.push(line) };
    const results = [];
    for (let id = 1; id <= 10; id += 1) results.push(await getTicket(id, options));
    await own.stop('SIGKILL');
    // Calls in flight at the moment it dies, and after.
    results.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => getTicket(20 + i, options)))));
    for (let id = 40; id <= 45; id += 1) results.push(await getTicket(id, options));
    expect(results.map((r) => r.success)).toEqual(Array(26).fill(true));
    expect(lines.filter((l) => l.startsWith('Pacing:'))).toEqual([expect.stringMatching(/^Pacing: Redis at redis:\/\/127\.0\.0\.1:\d+ does not answer \(.+\); this process paces its own requests until it does\.$/)]);

    // Back on the same port: a later call reconnects (in the background) and says so.
    const back = await spawnRedis(own.port);
    try {
      // Redis is tried again at most every 2 s, in the background of the calls.
      for (let i = 0, until = Date.now() + 15_000; Date.now() < until && !lines.some((l) => l.includes('answers again')); i += 1) {
        expect(await getTicket(50 + (i % 200), options)).toMatchObject({ success: true });
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(lines.filter((l) => l.startsWith('Pacing:'))[1]).toMatch(/^Pacing: Redis at .* answers again; the account's rate budget is shared again\.$/);
    } finally {
      await back.stop();
    }
  });
});

describe("the account's 30 job slots", () => {
  const bulk = () =>
    executeTool('zendesk_update_tickets_bulk', { ...creds, ticketIds: openIds, priority: 'high' }, { baseUrl: sandbox.baseUrl, pacing: { store: 'redis', url: redis.url }, waitForJob: { timeoutMs: 1500, pollIntervalMs: 20 } });

  it('held by other processes: a bulk call waits for one, sends nothing while none frees, and runs once one does', async () => {
    const other = new RedisPacingStore(redis.url);
    other.useLog(() => undefined);
    const account = accountKey(new URL(sandbox.baseUrl).origin, authHeader());
    try {
      const held: (JobSlot | undefined)[] = [];
      for (let i = 0; i < 30; i += 1) held.push(await other.takeJobSlot(account, 30));
      expect(held.every(Boolean)).toBe(true);
      const before = sandbox.stats.requests['PUT /tickets/update_many'] ?? 0;
      const refused = await bulk();
      expect(refused).toMatchObject({ success: false, error: { code: 'rate_limited', message: expect.stringContaining('background-job slots') } });
      expect(refused.success || refused.error.message).toContain('nothing was sent');
      expect(sandbox.stats.requests['PUT /tickets/update_many'] ?? 0).toBe(before);
      setTimeout(() => held[0]!.release(), 300);
      expect(await bulk()).toMatchObject({ success: true });
      expect(await other.takeJobSlot(account, 30)).toBeDefined(); // the call gave its slot back
    } finally {
      await other.close();
    }
  });

  it('the memory store counts them for the process', async () => {
    const pacer = pacerFor(new URL(sandbox.baseUrl).origin, authHeader(), { concurrency: 8 });
    const held = await Promise.all(Array.from({ length: 30 }, () => pacer.jobSlot(0)));
    const refused = await executeTool('zendesk_update_tickets_bulk', { ...creds, ticketIds: openIds, priority: 'low' }, { baseUrl: sandbox.baseUrl, waitForJob: { timeoutMs: 300 } });
    expect(refused).toMatchObject({ success: false, error: { code: 'rate_limited' } });
    held.forEach((release) => release());
    expect(await executeTool('zendesk_update_tickets_bulk', { ...creds, ticketIds: openIds, priority: 'low' }, { baseUrl: sandbox.baseUrl, waitForJob: { pollIntervalMs: 20 } })).toMatchObject({ success: true });
  });
});

describe('ioredis is loaded only when Redis is configured', () => {
  /** A fresh process runs one call (async: the sandbox it calls answers from this process) and says whether ioredis was loaded. */
  const loads = (pacing: string) =>
    new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          '--require',
          'tsx/cjs',
          '-e',
          `require('./catalog').executeTool('zendesk_get_ticket', ${JSON.stringify({ ...creds, ticketId: '1' })}, { baseUrl: ${JSON.stringify(sandbox.baseUrl)}, pacing: ${pacing} })
            .then((r) => console.log(r.success, Object.keys(require.cache).some((file) => file.includes('node_modules/ioredis/'))))`,
        ],
        { cwd: path.resolve(__dirname, '..', '..'), encoding: 'utf8' },
        (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
      ),
    );

  it('memory: not loaded; redis: loaded', async () => {
    expect(await loads('{ concurrency: 4 }')).toBe('true false');
    expect(await loads(`{ store: 'redis', url: ${JSON.stringify(redis.url)} }`)).toBe('true true');
  });
});
