/**
 * Plain requests sent in chunks (signing users out, 100 ids a request) and endpoints that answer with
 * nothing, against real node:http servers on 127.0.0.1 that lose answers, refuse chunks and answer
 * with pages: every chunk's outcome is reported, and a lost answer is never reported as "not done".
 */
import nock from 'nock';
import { executeTool } from '../../catalog';
import type { ToolResult } from '../../lib/executor';
import { type Handler, json, type ReceivedRequest, text, useFakeServers } from './fake-server';

beforeAll(() => nock.restore());

const creds = { email: 'agent@example.com', apiToken: 'Zq7xK2mP9vL4nR8sT1wY6bC3dF5gH0jA', subdomain: 'acme' };
const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 } };
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

const serve = useFakeServers();

const errorOf = (result: ToolResult) => {
  if (result.success) throw new Error(`expected a failure, got ${JSON.stringify(result).slice(0, 300)}`);
  return result.error;
};
/** The ids of a logout_many request. */
const idsOf = (req: ReceivedRequest) => new URL(req.url, 'http://x').searchParams.get('ids')!.split(',').map(Number);
const accepted = (res: Parameters<Handler>[1]) => json(res, 202, '');

describe('a batched operation (zendesk_logout_users_bulk)', () => {
  it('250 ids: three requests of 100, 100 and 50, in order, each with its own ids', async () => {
    const server = await serve((_req, res) => accepted(res));
    const result = await executeTool('zendesk_logout_users_bulk', { ...creds, userIds: ids(1, 250) }, { ...FAST, baseUrl: server.baseUrl });
    expect(result).toMatchObject({ success: true, output: { succeeded_ids: ids(1, 250), failed_ids: [], unknown_ids: [] } });
    expect(server.requests.map((r) => [r.method, idsOf(r).length, idsOf(r)[0]])).toEqual([['POST', 100, 1], ['POST', 100, 101], ['POST', 50, 201]]);
    expect(server.requests.every((r) => r.body === '')).toBe(true);
  });

  it('the second answer lost every time: its ids have an unknown outcome, the first and third are done, and the message says so', async () => {
    const server = await serve((req, res) => (idsOf(req)[0] === 101 ? void res.socket?.destroy() : accepted(res)));
    const result = await executeTool('zendesk_logout_users_bulk', { ...creds, userIds: ids(1, 250) }, { ...FAST, baseUrl: server.baseUrl });
    const error = errorOf(result);
    expect(error).toMatchObject({ code: 'unknown_outcome', details: { succeeded: 150, failed: 0, unknown: 100, total: 250 } });
    expect(error.message).toContain('150 done (1, 2, 3');
    expect(error.message).toContain('100 with an unknown outcome (101, 102');
    expect(error.message).toContain('repeating them is safe');
    expect(result.output).toMatchObject({ succeeded_ids: [...ids(1, 100), ...ids(201, 50)], failed_ids: [], unknown_ids: ids(101, 100) });
    expect(result.output!.requests!.map((r) => r.outcome)).toEqual(['succeeded', 'unknown_outcome', 'succeeded']);
    // Signing out again does no more: the lost request was replayed up to the retry limit.
    expect(server.requests.filter((r) => idsOf(r)[0] === 101)).toHaveLength(3);
  });

  it('an answer lost, then a 429 past the retry budget: unknown (it may have been applied), never "not done"', async () => {
    let attempt = 0;
    const server = await serve((req, res) => {
      if (idsOf(req)[0] !== 101) return accepted(res);
      attempt += 1;
      return attempt === 1 ? void res.socket?.destroy() : text(res, 429, 'slow down', 'text/plain', { 'Retry-After': '600' });
    });
    const result = await executeTool('zendesk_logout_users_bulk', { ...creds, userIds: ids(1, 150) }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome' });
    expect(result.output).toMatchObject({ succeeded_ids: ids(1, 100), unknown_ids: ids(101, 50), failed_ids: [] });
    expect(result.output!.requests![1].error).toMatch(/^rate_limited: an attempt got no answer, so it may have been applied; then Zendesk answered 429/);
  });

  it('a 429 past the retry budget with no answer lost: those ids were not signed out, the rest are not sent, retryAfter is given', async () => {
    const server = await serve((req, res) => (idsOf(req)[0] === 101 ? text(res, 429, 'slow down', 'text/plain', { 'Retry-After': '600' }) : accepted(res)));
    const result = await executeTool('zendesk_logout_users_bulk', { ...creds, userIds: ids(1, 300) }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(result)).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 600, details: { succeeded: 100, failed: 200, unknown: 0 } });
    expect(result.output).toMatchObject({ succeeded_ids: ids(1, 100), failed_ids: ids(101, 200), unknown_ids: [] });
    expect(result.output!.requests![2]).toMatchObject({ outcome: 'failed', status: null, error: expect.stringContaining('not sent') });
    expect(server.requests.map((r) => idsOf(r)[0])).toEqual([1, 101]);
  });

  it('a 2xx that is not the empty answer (a page, an object) is not taken as done', async () => {
    for (const answer of [(res: Parameters<Handler>[1]) => text(res, 200, '<html>Sign in</html>'), (res: Parameters<Handler>[1]) => json(res, 202, { users: [] })]) {
      const server = await serve((req, res) => (idsOf(req)[0] === 101 ? answer(res) : accepted(res)));
      const result = await executeTool('zendesk_logout_users_bulk', { ...creds, userIds: ids(1, 101) }, { ...FAST, baseUrl: server.baseUrl });
      expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome' });
      expect(result.output).toMatchObject({ succeeded_ids: ids(1, 100), unknown_ids: [101] });
      expect(errorOf(result).message).toContain('instead of the empty answer this endpoint gives');
    }
  });

  it('cancelled by the caller: the request in flight is unknown and the rest are not sent', async () => {
    const controller = new AbortController();
    const server = await serve((req, res) => {
      if (idsOf(req)[0] === 1) return accepted(res);
      controller.abort(); // and never answer
    });
    const result = await executeTool('zendesk_logout_users_bulk', { ...creds, userIds: ids(1, 250) }, { ...FAST, baseUrl: server.baseUrl, signal: controller.signal });
    expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome' });
    expect(result.output).toMatchObject({ succeeded_ids: ids(1, 100), unknown_ids: ids(101, 100), failed_ids: ids(201, 50) });
    expect(server.requests).toHaveLength(2);
  });
});

describe('endpoints that answer with nothing', () => {
  it('take an empty body or the JSON text "" as success, with any 2xx', async () => {
    const answers: ((res: Parameters<Handler>[1]) => void)[] = [
      (res) => void res.writeHead(200, { 'Content-Length': 0 }).end(),
      (res) => json(res, 200, ''),
      (res) => void res.writeHead(204).end(),
    ];
    for (const answer of answers) {
      const server = await serve((_req, res) => answer(res));
      const display = await executeTool('zendesk_open_user_profile_in_agent_browser', { ...creds, agentId: '1', userId: '2' }, { ...FAST, baseUrl: server.baseUrl });
      expect(display).toEqual({ success: true, output: { displayed: true, agent_id: 1, user_id: 2 } });
      const request = await executeTool('zendesk_request_user_create', { ...creds, name: 'Roger' }, { ...FAST, baseUrl: server.baseUrl });
      expect(request).toEqual({ success: true, output: { requested: true } });
    }
  });

  it('a password set whose answer is lost is unknown_outcome, sent once and never replayed', async () => {
    const server = await serve((_req, res) => void res.socket?.destroy());
    const result = await executeTool('zendesk_set_user_password', { ...creds, userId: '5', password: 'correct horse battery' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome' });
    expect(server.requests).toHaveLength(1);
  });

  it('a permanent deletion whose answer is lost is unknown_outcome, never replayed (a repeat would say not_found)', async () => {
    const server = await serve((_req, res) => void res.socket?.destroy());
    const result = await executeTool('zendesk_permanently_delete_user', { ...creds, userId: '5' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome' });
    expect(errorOf(result).message).toContain('check the record before retrying');
    expect(server.requests).toHaveLength(1);
  });

  it('showing a profile is replayed after a lost answer (showing it twice is harmless)', async () => {
    const server = await serve((_req, res, i) => (i === 0 ? void res.socket?.destroy() : json(res, 200, '')));
    const result = await executeTool('zendesk_open_user_profile_in_agent_browser', { ...creds, agentId: '1', userId: '2' }, { ...FAST, baseUrl: server.baseUrl });
    expect(result.success).toBe(true);
    expect(server.requests).toHaveLength(2);
  });
});
