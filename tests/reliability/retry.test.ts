import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, MAX_RETRY_AFTER_MS, parseRetryAfter, type RetryPolicy } from '../../lib/retry';

const policy: RetryPolicy = { maxAttempts: 4, maxWaitMs: 10_000, baseDelayMs: 100, maxDelayMs: 2_000 };
const response = (status: number, headers: Record<string, string> = {}) => ({ response: { status, headers, body: undefined } });
const decide = (outcome: Parameters<typeof decideRetry>[0], replaySafe: boolean, attempt = 1, waitedMs = 0) =>
  decideRetry(outcome, { replaySafe, attempt, waitedMs, policy, random: () => 0.5 });

describe('parseRetryAfter', () => {
  it('reads seconds', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    expect(parseRetryAfter('1.5')).toBe(1500);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:59:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined(); // not a delay: a negative number is neither form
  });
  it('clamps what it reads to 15 minutes, and takes a value that is not a finite number as no value', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(900_000);
    expect(parseRetryAfter('900')).toBe(900_000);
    expect(parseRetryAfter('99999999')).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', Date.parse('2026-11-24T10:00:00Z'))).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('9'.repeat(400))).toBeUndefined();
    expect(parseRetryAfter('Infinity')).toBeUndefined();
    expect(parseRetryAfter('NaN')).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially within the cap, with jitter', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 1)).toBe(100);
    expect(backoffDelay(4, policy, () => 1)).toBe(800);
    expect(backoffDelay(10, policy, () => 1)).toBe(2000);
  });
});

describe('decideRetry', () => {
  it('honours Retry-After on 429 for every kind of request, since nothing was processed', () => {
    expect(decide(response(429, { 'retry-after': '3' }), false)).toEqual({ retry: true, delayMs: 3000 });
    expect(decide(response(429, { 'retry-after': '3' }), true)).toEqual({ retry: true, delayMs: 3000 });
  });

  it('honours Retry-After on 503 for replay-safe requests', () => {
    expect(decide(response(503, { 'retry-after': '2' }), true)).toEqual({ retry: true, delayMs: 2000 });
  });

  it('backs off on 5xx for replay-safe requests only', () => {
    expect(decide(response(500), true)).toEqual({ retry: true, delayMs: 75 });
    expect(decide(response(502), false)).toEqual({ retry: false, reason: 'unsafe' });
    expect(decide(response(503, { 'retry-after': '2' }), false)).toEqual({ retry: false, reason: 'unsafe' });
  });

  it('replays a refused connection always, a reset or timeout only when replay-safe', () => {
    expect(decide({ failure: 'refused' }, false).retry).toBe(true);
    expect(decide({ failure: 'reset' }, true).retry).toBe(true);
    expect(decide({ failure: 'timeout' }, true).retry).toBe(true);
    expect(decide({ failure: 'reset' }, false)).toEqual({ retry: false, reason: 'unsafe' });
    expect(decide({ failure: 'timeout' }, false)).toEqual({ retry: false, reason: 'unsafe' });
  });

  it('never retries a cancelled call, an unknown host, an answer past the size cap or a client error', () => {
    expect(decide({ failure: 'aborted' }, true)).toEqual({ retry: false, reason: 'final' });
    expect(decide({ failure: 'unknown_host' }, true)).toEqual({ retry: false, reason: 'final' });
    expect(decide({ failure: 'too_large' }, true)).toEqual({ retry: false, reason: 'final' });
    for (const status of [400, 401, 403, 404, 409, 422]) expect(decide(response(status), true)).toEqual({ retry: false, reason: 'final' });
  });

  it('stops after the last attempt', () => {
    expect(decide(response(500), true, 4)).toMatchObject({ retry: false, reason: 'attempts' });
  });

  it('stops when the wait would exceed the budget, and says how long to wait', () => {
    expect(decide(response(429, { 'retry-after': '60' }), true)).toEqual({ retry: false, reason: 'budget', retryAfterMs: 60_000 });
    expect(decide(response(429, { 'retry-after': '3' }), true, 2, 8_000)).toEqual({ retry: false, reason: 'budget', retryAfterMs: 3000 });
  });

  it('has documented defaults', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 6, maxWaitMs: 120_000, baseDelayMs: 300, maxDelayMs: 10_000 });
  });
});
