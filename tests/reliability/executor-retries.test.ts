/** The executor's retry decisions for each kind of request, end to end with nock. */
import nock from 'nock';
import { executeTool } from '../../catalog';
import nodeFetch from 'node-fetch';
import { AccountPacer } from '../../lib/pacer';
import type { FetchLike } from '../../lib/transport';
import { credentials, useNock, zendesk } from '../helpers';

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 4 } };

/**
 * A fetch that fails with a network error code the first `failures` times, then hands over to
 * node-fetch (and so to nock). nock cannot simulate a reset socket for node-fetch, a host-injected
 * fetch can.
 */
function failingFetch(code: string, failures: number, calls: { count: number }): FetchLike {
  return async (url, init) => {
    calls.count += 1;
    if (calls.count <= failures) throw Object.assign(new Error(`${code}: simulated`), { code });
    return (await nodeFetch(url, init as never)) as never;
  };
}
const ticket = { ticket: { id: 1, subject: 'x' } };

useNock();

describe('retries', () => {
  it('retries a GET after 500', async () => {
    zendesk().get('/api/v2/tickets/1').reply(500).get('/api/v2/tickets/1').reply(200, ticket);
    const result = await executeTool('zendesk_get_ticket', { ...credentials, ticketId: '1' }, fast);
    expect(result.success).toBe(true);
  });

  it('retries a GET after a reset connection', async () => {
    const calls = { count: 0 };
    zendesk().get('/api/v2/tickets/1').reply(200, ticket);
    const result = await executeTool('zendesk_get_ticket', { ...credentials, ticketId: '1' }, { ...fast, fetch: failingFetch('ECONNRESET', 2, calls) });
    expect(result.success).toBe(true);
    expect(calls.count).toBe(3);
  });

  it('replays any write after a refused connection: it never reached the server', async () => {
    const calls = { count: 0 };
    zendesk().post('/api/v2/tickets/1/merge').reply(200, { job_status: { id: 'j', status: 'queued' } });
    const result = await executeTool('zendesk_merge_tickets', { ...credentials, targetTicketId: '1', sourceTicketIds: '2' }, { ...fast, fetch: failingFetch('ECONNREFUSED', 1, calls) });
    expect(result.success).toBe(true);
    expect(calls.count).toBe(2);
  });

  it('retries a temporary DNS failure (EAI_AGAIN) like a refused connection: the request never left', async () => {
    const calls = { count: 0 };
    zendesk().get('/api/v2/tickets/1').reply(200, ticket);
    const lines: string[] = [];
    const result = await executeTool('zendesk_get_ticket', { ...credentials, ticketId: '1' }, { ...fast, fetch: failingFetch('EAI_AGAIN', 2, calls), log: (l) => lines.push(l) });
    expect(result.success).toBe(true);
    expect(calls.count).toBe(3);
    expect(lines[0]).toMatch(/^GET \/tickets\/1: EAI_AGAIN: .*; retry 2 in \d+ ms$/);
  });

  it('fails at once on an unknown host (ENOTFOUND): "host not found: check the subdomain", never retried', async () => {
    const calls = { count: 0 };
    const result = await executeTool('zendesk_get_ticket', { ...credentials, subdomain: 'acmee', ticketId: '1' }, { ...fast, fetch: failingFetch('ENOTFOUND', 6, calls) });
    expect(result).toMatchObject({ success: false, error: { code: 'network_error', message: 'GET /tickets/1 failed: host not found (acmee.zendesk.com): check the subdomain.' } });
    expect(calls.count).toBe(1);
  });

  it('honours Retry-After after a 429', async () => {
    zendesk().get('/api/v2/tickets/1').reply(429, 'slow down', { 'Retry-After': '1' }).get('/api/v2/tickets/1').reply(200, ticket);
    const started = Date.now();
    const result = await executeTool('zendesk_get_ticket', { ...credentials, ticketId: '1' }, fast);
    expect(result.success).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('answers rate_limited with retryAfter when the wait exceeds the budget, and so does the next call of the account', async () => {
    // Its own account: a 429 pauses every caller of the account it was sent for.
    const other = { ...credentials, subdomain: 'budget' };
    nock('https://budget.zendesk.com').get('/api/v2/tickets/1').reply(429, 'slow down', { 'Retry-After': '600' });
    const result = await executeTool('zendesk_get_ticket', { ...other, ticketId: '1' }, fast);
    expect(result).toMatchObject({ success: false, error: { code: 'rate_limited', retryAfter: 600 } });
    const next = await executeTool('zendesk_get_ticket', { ...other, ticketId: '2' }, fast);
    expect(next).toMatchObject({ success: false, error: { code: 'rate_limited' } });
    expect(!next.success && next.error.retryAfter).toBeGreaterThan(590);
  });

  it('does not replay a comment after a reset: the outcome is unknown and said so', async () => {
    const calls = { count: 0 };
    const result = await executeTool('zendesk_update_ticket', { ...credentials, ticketId: '1', comment: 'hello' }, { ...fast, fetch: failingFetch('ECONNRESET', 1, calls) });
    expect(result).toMatchObject({ success: false, error: { code: 'unknown_outcome' } });
    expect(calls.count).toBe(1);
  });

  it('replays an update without a comment after a reset (idempotent PUT)', async () => {
    const calls = { count: 0 };
    zendesk().put('/api/v2/tickets/1').reply(200, ticket);
    const result = await executeTool('zendesk_update_ticket', { ...credentials, ticketId: '1', status: 'open' }, { ...fast, fetch: failingFetch('ECONNRESET', 1, calls) });
    expect(result.success).toBe(true);
    expect(calls.count).toBe(2);
  });

  it('does not replay a merge after a 502', async () => {
    zendesk().post('/api/v2/tickets/1/merge').reply(502, 'Bad Gateway');
    const result = await executeTool('zendesk_merge_tickets', { ...credentials, targetTicketId: '1', sourceTicketIds: '2' }, fast);
    expect(result).toMatchObject({ success: false, error: { code: 'server_error', status: 502 } });
    expect(!result.success && result.error.message).toContain('Not retried');
  });

  it('replays a ticket create with the same Idempotency-Key', async () => {
    const keys: string[] = [];
    zendesk()
      .post('/api/v2/tickets')
      .times(2)
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return keys.length === 1 ? [500, 'oops'] : [201, ticket];
      });
    const result = await executeTool('zendesk_create_ticket', { ...credentials, description: 'x' }, fast);
    expect(result.success).toBe(true);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('replays a bulk create only after a 429 (certainly not processed)', async () => {
    zendesk().post('/api/v2/tickets/create_many').reply(429, '', { 'Retry-After': '0' }).post('/api/v2/tickets/create_many').reply(200, { job_status: { id: 'j1', status: 'queued' } });
    const result = await executeTool('zendesk_create_tickets_bulk', { ...credentials, subdomain: 'bulk-429', tickets: '[{"comment":{"body":"x"}}]' }, { ...fast, baseUrl: 'https://acme.zendesk.com/api/v2' });
    expect(result.success).toBe(true);
  });

  it('times out an attempt and retries a GET', async () => {
    zendesk().get('/api/v2/tickets/1').delay(500).reply(200, ticket).get('/api/v2/tickets/1').reply(200, ticket);
    const result = await executeTool('zendesk_get_ticket', { ...credentials, ticketId: '1' }, { ...fast, timeoutMs: 100 });
    expect(result.success).toBe(true);
  });

  it('gives up with timeout after the last attempt', async () => {
    zendesk().get('/api/v2/tickets/1').times(2).delay(300).reply(200, ticket);
    const result = await executeTool('zendesk_get_ticket', { ...credentials, ticketId: '1' }, { retry: { maxAttempts: 2, baseDelayMs: 1 }, timeoutMs: 50 });
    expect(result).toMatchObject({ success: false, error: { code: 'timeout' } });
  });

  it('stops when the caller aborts', async () => {
    zendesk().get('/api/v2/tickets/1').delay(1000).reply(200, ticket);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await executeTool('zendesk_get_ticket', { ...credentials, ticketId: '1' }, { signal: controller.signal });
    expect(result).toMatchObject({ success: false, error: { code: 'aborted' } });
  });
});

describe('AccountPacer', () => {
  it('limits concurrency', async () => {
    const pacer = new AccountPacer(2);
    const a = await pacer.acquire();
    await pacer.acquire();
    let third = false;
    const pending = pacer.acquire().then(() => (third = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(third).toBe(false);
    a();
    await pending;
    expect(third).toBe(true);
  });

  it('spaces requests at the refill rate once the budget is nearly spent', async () => {
    const pacer = new AccountPacer(1);
    pacer.observe(200, { 'x-rate-limit': '600', 'x-rate-limit-remaining': '1' }); // 10 per second
    const started = Date.now();
    for (let i = 0; i < 4; i += 1) (await pacer.acquire())();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('goes at full speed while the budget is ample', async () => {
    const pacer = new AccountPacer(4);
    pacer.observe(200, { 'x-rate-limit': '600', 'x-rate-limit-remaining': '500' });
    const started = Date.now();
    for (let i = 0; i < 20; i += 1) (await pacer.acquire())();
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('pauses every caller of the account after a 429', async () => {
    const pacer = new AccountPacer(4);
    pacer.observe(429, { 'retry-after': '1' });
    const started = Date.now();
    (await pacer.acquire())();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(pacer.throttled).toBe(1);
  });
});
