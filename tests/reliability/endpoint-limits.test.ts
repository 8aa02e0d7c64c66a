/**
 * Endpoint limits (the incremental exports' 10 requests a minute): the account pacer spaces a group's
 * requests evenly, so that no minute holds more than its limit, apart from the account's other requests, and
 * a 429 on one pauses its group only. Timed with jest's fake clock: the delays are asserted, not slept.
 */
import type { EndpointLimit } from '../../contract';
import { executeTool } from '../../catalog';
import { runTool } from '../../lib/executor';
import { AccountPacer, PacerWait } from '../../lib/pacer';
import { defineTool, INCREMENTAL_EXPORTS, READ_ONLY } from '../../tools/define';
import { credentials, useNock, zendesk } from '../helpers';

const EXPORTS: EndpointLimit = { group: 'incremental-exports', perMinute: 10 };
const START = Date.parse('2024-05-01T00:00:00Z');

/** When each of `count` acquisitions of `limit` got its slot, in ms after START (each slot freed at once). */
async function startTimes(pacer: AccountPacer, count: number, limit?: EndpointLimit): Promise<number[]> {
  const times: number[] = [];
  const all = Array.from({ length: count }, () => pacer.acquire(undefined, Infinity, limit).then((release) => {
    times.push(Date.now() - START);
    release();
  }));
  await jest.advanceTimersByTimeAsync(10 * 60_000);
  await Promise.all(all);
  return times;
}

/** A promise that waits on the fake clock, resolved by moving the clock to each next timer. */
async function settled<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(() => (done = true), () => (done = true));
  for (let i = 0; !done && i < 1000; i += 1) await jest.advanceTimersToNextTimerAsync();
  return promise;
}

describe('AccountPacer with an endpoint limit', () => {
  beforeEach(() => jest.useFakeTimers({ now: START }));
  afterEach(() => jest.useRealTimers());

  it('spaces the group evenly: one request every 6 s for 10 a minute', async () => {
    const times = await startTimes(new AccountPacer(30), 12, EXPORTS);
    expect(times).toEqual(Array.from({ length: 12 }, (_, i) => i * 6_000));
  });

  it('never lets a minute hold more than the limit, however the requests spread', async () => {
    const pacer = new AccountPacer(30);
    const times: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      (await settled(pacer.acquire(undefined, Infinity, EXPORTS)))();
      times.push(Date.now() - START);
      await jest.advanceTimersByTimeAsync(500 + (i % 3) * 1_000);
    }
    for (const t of times) expect(times.filter((other) => other >= t && other < t + 60_000).length).toBeLessThanOrEqual(10);
  });

  it("does not hold the account's other requests, nor another group", async () => {
    const pacer = new AccountPacer(30);
    (await pacer.acquire(undefined, Infinity, EXPORTS))();
    (await pacer.acquire())();
    (await pacer.acquire(undefined, Infinity, { group: 'other', perMinute: 10 }))();
    expect(Date.now()).toBe(START);
    await expect(pacer.acquire(undefined, 0, EXPORTS)).rejects.toBeInstanceOf(PacerWait);
  });

  it('pauses the group, not the account, on a 429 of a group request', async () => {
    const pacer = new AccountPacer(4);
    pacer.observe(429, { 'retry-after': '30' }, EXPORTS);
    expect(pacer.throttled).toBe(1);
    const plain = Date.now();
    (await pacer.acquire())();
    expect(Date.now() - plain).toBe(0);
    const [first] = await startTimes(pacer, 1, EXPORTS);
    expect(first).toBeGreaterThanOrEqual(30_000);
  });

  it('refuses a wait longer than the caller allows, and keeps no token for it', async () => {
    const pacer = new AccountPacer(30);
    (await pacer.acquire(undefined, Infinity, EXPORTS))();
    await jest.advanceTimersByTimeAsync(2_000);
    await expect(pacer.acquire(undefined, 1_000, EXPORTS)).rejects.toBeInstanceOf(PacerWait);
    // The refused call took nothing: the next one still goes 6 s after the first.
    const [next] = await startTimes(pacer, 1, EXPORTS);
    expect(next).toBeGreaterThanOrEqual(6_000);
    expect(next).toBeLessThan(6_010);
  });
});

describe('the executor keeps a request to its endpoint limit', () => {
  // Real time: the calls that may go, go at once; the one that would wait is refused by a short maxWaitMs.
  useNock();
  const SHORT_WAIT = { retry: { maxAttempts: 1, maxWaitMs: 1_000 } };

  const readWith = (endpointLimit?: EndpointLimit) =>
    defineTool({
      id: `test_read_${endpointLimit?.group ?? 'plain'}`,
      name: 'Test read',
      resource: 'test',
      description: 'A read, with or without an endpoint limit.',
      params: {},
      request: () => ({ method: 'GET', path: ['limited'], reads: ['ok'], endpointLimit }),
      outputs: {},
      output: () => ({}),
      result: { kind: 'single' },
      hints: READ_ONLY,
    });

  it('lets the first go at once, then refuses a call that would wait longer than the caller allows, naming the limit', async () => {
    const limited = readWith({ group: 'test-two', perMinute: 2 });
    zendesk().get('/api/v2/limited').reply(200, { ok: true });
    expect(await runTool(limited, credentials)).toMatchObject({ success: true });
    const refused = await runTool(limited, credentials, SHORT_WAIT);
    expect(refused).toMatchObject({ success: false, error: { code: 'rate_limited', message: expect.stringContaining('limit for these requests (2 a minute)') } });
    expect(!refused.success && refused.error.retryAfter).toBeGreaterThanOrEqual(25);
  });

  it('holds the incremental user export to 10 a minute, and nothing else with it', async () => {
    expect(INCREMENTAL_EXPORTS).toEqual(EXPORTS);
    zendesk().get('/api/v2/incremental/users/cursor').query(true).reply(200, { users: [], after_cursor: 'c', end_of_stream: true });
    expect(await executeTool('zendesk_export_users_incremental', { ...credentials, cursor: 'c0' })).toMatchObject({ success: true });
    // The next may only go 6 s later: more than this caller waits.
    const second = await executeTool('zendesk_export_users_incremental', { ...credentials, cursor: 'c0' }, SHORT_WAIT);
    expect(second).toMatchObject({ success: false, error: { code: 'rate_limited', message: expect.stringContaining('(10 a minute)') } });
    zendesk().get('/api/v2/limited').reply(200, { ok: true });
    expect(await runTool(readWith(), credentials, SHORT_WAIT)).toMatchObject({ success: true });
  });

  it('pauses only the group after a 429 of one of its requests', async () => {
    const limited = readWith({ group: 'test-429', perMinute: 10 });
    zendesk().get('/api/v2/limited').reply(429, 'Too Many Requests', { 'Retry-After': '30' });
    expect(await runTool(limited, credentials, SHORT_WAIT)).toMatchObject({ success: false, error: { code: 'rate_limited', status: 429 } });
    zendesk().get('/api/v2/limited').reply(200, { ok: true });
    expect(await runTool(readWith(), credentials, SHORT_WAIT)).toMatchObject({ success: true });
    const paused = await runTool(limited, credentials, SHORT_WAIT);
    expect(paused).toMatchObject({ success: false, error: { code: 'rate_limited' } });
    expect(!paused.success && paused.error.retryAfter).toBeGreaterThanOrEqual(25);
  });
});
