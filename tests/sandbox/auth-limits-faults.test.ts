/** Authentication, the per-credential token bucket, and each injected fault kind. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { FaultInjector } from '../../sandbox/faults';
import { api, bearerAuth, get, sleep } from './helpers';

const started: Sandbox[] = [];
async function sandbox(opts: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sb = await startSandbox({ tickets: 50, users: 20, organizations: 4, ...opts });
  started.push(sb);
  return sb;
}
afterAll(() => Promise.all(started.map((s) => s.close())));

describe('auth', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await sandbox();
  });

  test('basic {email}/token:{token} and bearer both work', async () => {
    expect((await get(sb, '/tickets/1.json')).status).toBe(200);
    const me = await get(sb, '/users/me.json', { Authorization: bearerAuth(sb) });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(sb.credentials.email);
  });

  test.each([
    ['no header', undefined],
    ['wrong token', `Basic ${Buffer.from(`${'admin@sandbox.zendesk.test'}/token:nope`).toString('base64')}`],
    ['password login', `Basic ${Buffer.from('admin@sandbox.zendesk.test:sandbox-api-token').toString('base64')}`],
    ['wrong email', `Basic ${Buffer.from('someone@else.test/token:sandbox-api-token').toString('base64')}`],
    ['wrong bearer', 'Bearer nope'],
  ])('%s → 401', async (_name, header) => {
    const res = await fetch(`${sb.baseUrl}/tickets/1.json`, { headers: header ? { Authorization: header } : {} });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Couldn't authenticate you" });
  });

  test('unknown endpoints answer 404 after auth', async () => {
    const r = await get(sb, '/nothing_here.json');
    expect(r.status).toBe(404);
  });
});

describe('credentials chosen at start', () => {
  const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
  const status = async (sb: Sandbox, authorization: string) =>
    (await fetch(`${sb.baseUrl}/users/me.json`, { headers: { Authorization: authorization } })).status;

  test('no options: the documented defaults are accepted', async () => {
    const sb = await sandbox();
    expect(sb.credentials).toEqual({
      subdomain: 'sandbox', email: 'admin@sandbox.zendesk.test', apiToken: 'sandbox-api-token', accessToken: 'sandbox-access-token',
    });
    expect(await status(sb, 'Bearer sandbox-access-token')).toBe(200);
    expect(await status(sb, basic('admin@sandbox.zendesk.test', 'sandbox-api-token'))).toBe(200);
  });

  test('a token without an access token: the default access token is refused, a random one is exposed', async () => {
    const sb = await sandbox({ token: 'my-own-token' });
    expect(await status(sb, basic(sb.credentials.email, 'my-own-token'))).toBe(200);
    expect(await status(sb, 'Bearer sandbox-access-token')).toBe(401);
    expect(await status(sb, basic(sb.credentials.email, 'sandbox-api-token'))).toBe(401);
    expect(sb.credentials.apiToken).toBe('my-own-token');
    expect(sb.credentials.accessToken).toMatch(/^[0-9a-f]{64}$/);
    expect(await status(sb, `Bearer ${sb.credentials.accessToken}`)).toBe(200);
    const other = await sandbox({ token: 'my-own-token' });
    expect(other.credentials.accessToken).not.toBe(sb.credentials.accessToken);
    expect(await status(other, `Bearer ${sb.credentials.accessToken}`)).toBe(401);
  });

  test('an access token without a token: the default API token is refused, a random one is exposed', async () => {
    const sb = await sandbox({ accessToken: 'my-oauth-token' });
    expect(await status(sb, 'Bearer my-oauth-token')).toBe(200);
    expect(await status(sb, 'Bearer sandbox-access-token')).toBe(401);
    expect(await status(sb, basic(sb.credentials.email, 'sandbox-api-token'))).toBe(401);
    expect(sb.credentials.apiToken).toMatch(/^[0-9a-f]{40}$/);
    expect(await status(sb, basic(sb.credentials.email, sb.credentials.apiToken))).toBe(200);
  });

  test('both given: exactly those two are accepted', async () => {
    const sb = await sandbox({ token: 't-1', accessToken: 'a-1', email: 'owner@example.org' });
    expect(sb.credentials).toMatchObject({ email: 'owner@example.org', apiToken: 't-1', accessToken: 'a-1' });
    expect(await status(sb, basic('owner@example.org', 't-1'))).toBe(200);
    expect(await status(sb, 'Bearer a-1')).toBe(200);
    expect(await status(sb, 'Bearer sandbox-access-token')).toBe(401);
    expect(await status(sb, basic('owner@example.org', 'sandbox-api-token'))).toBe(401);
  });

  test('an empty token is refused at start (it would accept an empty credential)', async () => {
    await expect(startSandbox({ token: '' })).rejects.toThrow('token must be a non-empty string');
    await expect(startSandbox({ accessToken: '' })).rejects.toThrow('accessToken must be a non-empty string');
  });
});

describe('rate limiting', () => {
  test('headers on every response; ticket lists add ratelimit-*', async () => {
    const sb = await sandbox({ rateLimit: 600 });
    const one = await get(sb, '/tickets/1.json');
    expect(one.headers.get('x-rate-limit')).toBe('600');
    expect(Number(one.headers.get('x-rate-limit-remaining'))).toBe(599);
    expect(one.headers.get('ratelimit-limit')).toBeNull();
    const list = await get(sb, '/tickets.json');
    expect(list.headers.get('ratelimit-limit')).toBe('600');
    expect(Number(list.headers.get('ratelimit-remaining'))).toBe(598);
    expect(Number(list.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(0);
    const unlimited = await sandbox();
    expect((await get(unlimited, '/users/me.json')).headers.get('x-rate-limit')).not.toBeNull();
  });

  test('an empty bucket answers 429 text/plain with an accurate Retry-After', async () => {
    // 6 per minute: one token every 10 s, bucket of 2.
    const sb = await sandbox({ rateLimit: 6, rateLimitBurst: 2 });
    expect((await get(sb, '/tickets/1.json')).status).toBe(200);
    expect((await get(sb, '/tickets/2.json')).status).toBe(200);
    const refused = await get(sb, '/tickets/3.json');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/text\/plain/);
    const wait = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(wait)).toBe(true);
    expect(wait).toBeGreaterThanOrEqual(9);
    expect(wait).toBeLessThanOrEqual(10);
    expect(refused.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(sb.stats.rateLimited).toBe(1);
    // The other credential is another account with its own bucket.
    expect((await get(sb, '/tickets/3.json', { Authorization: bearerAuth(sb) })).status).toBe(200);
  });

  test('a token comes back when Retry-After says', async () => {
    const sb = await sandbox({ rateLimit: 60, rateLimitBurst: 1 }); // one token per second
    expect((await get(sb, '/tickets/1.json')).status).toBe(200);
    const refused = await get(sb, '/tickets/1.json');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    await sleep(1050);
    expect((await get(sb, '/tickets/1.json')).status).toBe(200);
  });

  test('setRateLimit changes the limit at run time', async () => {
    const sb = await sandbox();
    sb.setRateLimit(60, 1);
    expect((await get(sb, '/tickets/1.json')).status).toBe(200);
    expect((await get(sb, '/tickets/1.json')).status).toBe(429);
    sb.setRateLimit(0);
    expect((await get(sb, '/tickets/1.json')).status).toBe(200);
  });
});

describe('faults', () => {
  test('serverError: 500, 502 and 503 (503 with Retry-After: 1), state untouched', async () => {
    const sb = await sandbox({ faults: { serverError: 1 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const r = await get(sb, '/tickets/1.json');
      statuses.add(r.status);
      if (r.status === 503) expect(r.headers.get('retry-after')).toBe('1');
    }
    expect([...statuses].sort()).toEqual([500, 502, 503]);
    const before = sb.state.tickets.size;
    const r = await api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'x' } } });
    expect(r.status).toBeGreaterThanOrEqual(500);
    expect(sb.state.tickets.size).toBe(before);
    expect(sb.stats.faults.serverError).toBe(31);
  });

  test('resetBefore: the socket dies and nothing happens', async () => {
    const sb = await sandbox({ faults: { resetBefore: 1 } });
    const before = sb.state.tickets.size;
    await expect(api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'x' } } })).rejects.toThrow();
    expect(sb.state.tickets.size).toBe(before);
    expect(sb.stats.faults.resetBefore).toBe(1);
  });

  test('resetAfter: the socket dies but the write happened', async () => {
    const sb = await sandbox({ faults: { resetAfter: 1 } });
    const before = sb.state.tickets.size;
    await expect(api(sb, 'POST', '/tickets.json', { ticket: { subject: 'lost answer', comment: { body: 'x' } } })).rejects.toThrow();
    expect(sb.state.tickets.size).toBe(before + 1);
    const made = [...sb.state.tickets.map.values()].pop()!;
    expect(made.subject).toBe('lost answer');
    expect(sb.state.auditsFor(made.id)).toHaveLength(1);
  });

  test('slow: answered after slowMs', async () => {
    const sb = await sandbox({ faults: { slow: 1, slowMs: 300 } });
    const t = Date.now();
    expect((await get(sb, '/tickets/1.json')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(280);
    expect(sb.stats.faults.slow).toBe(1);
  });

  test('failed auth never draws a fault', async () => {
    const sb = await sandbox({ faultRate: 1 });
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${sb.baseUrl}/tickets/1.json`, { headers: { Authorization: 'Bearer wrong' } });
      expect(res.status).toBe(401);
    }
    const f = sb.stats.faults;
    expect(f.serverError + f.resetBefore + f.resetAfter + f.slow).toBe(0);
  });

  test('the same seed gives the same faults for the same request sequence', async () => {
    const outcomes = async (seed: number) => {
      const sb = await sandbox({ seed, faults: { serverError: 0.3, resetBefore: 0.1, resetAfter: 0.1 } });
      const seen: string[] = [];
      for (let i = 1; i <= 40; i++) {
        try {
          seen.push(String((await get(sb, `/tickets/${i}.json`)).status));
        } catch {
          seen.push('reset');
        }
      }
      return seen;
    };
    const a = await outcomes(7);
    const b = await outcomes(7);
    const c = await outcomes(8);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a).size).toBeGreaterThan(2);
  });

  test('faultRate splits evenly among the four kinds', () => {
    const inj = new FaultInjector(3);
    inj.configure(0.8);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) {
      const k = inj.draw().kind;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const k of ['serverError', 'resetBefore', 'resetAfter', 'slow']) expect(counts[k] / 20_000).toBeCloseTo(0.2, 1);
    expect(counts.none / 20_000).toBeCloseTo(0.2, 1);
  });

  test('setFaults replaces the fault mix at run time and refuses impossible ones', async () => {
    const sb = await sandbox({ faultRate: 0.8 });
    sb.setFaults(null);
    for (let i = 0; i < 10; i++) expect((await get(sb, '/tickets/1.json')).status).toBe(200);
    expect(() => sb.setFaults({ serverError: 0.7, slow: 0.7 })).toThrow(RangeError);
  });

  test('stats count requests by route and responses by status', async () => {
    const sb = await sandbox();
    await get(sb, '/tickets/1.json');
    await get(sb, '/tickets/2');
    await get(sb, '/tickets/99999.json');
    expect(sb.stats.requests['GET /tickets/{id}']).toBe(3);
    expect(sb.stats.responses[200]).toBe(2);
    expect(sb.stats.responses[404]).toBe(1);
  });
});
