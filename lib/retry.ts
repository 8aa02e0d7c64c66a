/**
 * When to try a request again. The rule that matters: a write that is not idempotent is replayed
 * only when the server certainly did not act on it, or when an idempotency key makes replay safe.
 */
import type { ZendeskResponse } from '../contract';
import type { TransportFailureKind } from './transport';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Total time the call may spend waiting between attempts. */
  maxWaitMs: number;
  /** First backoff delay; doubled on each retry, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, maxWaitMs: 120_000, baseDelayMs: 300, maxDelayMs: 10_000 };

/**
 * The longest wait a `Retry-After` may order: 15 minutes. Zendesk's longest rate-limit window is 10
 * minutes (updates of one ticket); a longer value is a broken or hostile answer, and one such header
 * must not pause every call of the account for days.
 */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * `Retry-After` in seconds or as an HTTP date → milliseconds to wait, never negative and at most
 * MAX_RETRY_AFTER_MS. A value that is not a finite number (400 digits) is no value: the caller backs off.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let ms = Number.NaN;
  if (/^\d+(\.\d+)?$/.test(trimmed)) ms = Math.round(Number(trimmed) * 1000);
  // An HTTP date names a weekday and a month; Date.parse would also read "-5" as a year.
  else if (/[a-z]{3}/i.test(trimmed)) ms = Math.max(0, Date.parse(trimmed) - now);
  return Number.isFinite(ms) ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}

/** What an attempt came back with, as far as retrying is concerned. */
export type AttemptOutcome = { response: ZendeskResponse } | { failure: TransportFailureKind };

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'final' | 'attempts' | 'budget' | 'unsafe'; retryAfterMs?: number };

export interface RetryContext {
  /** GET, DELETE and PUT without a comment; or a write carrying an idempotency key. */
  replaySafe: boolean;
  attempt: number; // 1-based number of the attempt that just ended
  waitedMs: number;
  policy: RetryPolicy;
  random?: () => number;
}

export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(policy.baseDelayMs / 2 + random() * (ceiling - policy.baseDelayMs / 2));
}

/** A cancelled call, a host that does not exist, an answer past the size cap: trying again changes nothing. */
const NEVER_RETRIED = new Set<TransportFailureKind>(['aborted', 'unknown_host', 'too_large']);

export function decideRetry(outcome: AttemptOutcome, context: RetryContext): RetryDecision {
  const { policy, attempt, waitedMs, replaySafe } = context;
  let delayMs: number | undefined;
  let certainlyNotProcessed = false;
  if ('response' in outcome) {
    const { status, headers } = outcome.response;
    if (status === 429) {
      certainlyNotProcessed = true;
      delayMs = parseRetryAfter(headers['retry-after']);
    } else if (status >= 500 && status !== 501) {
      delayMs = parseRetryAfter(headers['retry-after']);
    } else {
      return { retry: false, reason: 'final' };
    }
  } else if (NEVER_RETRIED.has(outcome.failure)) {
    return { retry: false, reason: 'final' };
  } else {
    certainlyNotProcessed = outcome.failure === 'refused';
  }
  if (!replaySafe && !certainlyNotProcessed) return { retry: false, reason: 'unsafe' };
  delayMs ??= backoffDelay(attempt, policy, context.random);
  if (attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts', retryAfterMs: delayMs };
  if (waitedMs + delayMs > policy.maxWaitMs) return { retry: false, reason: 'budget', retryAfterMs: delayMs };
  return { retry: true, delayMs };
}
