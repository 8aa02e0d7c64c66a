/**
 * Per-credential token buckets. `perMinute` tokens drip in evenly; the bucket holds `burst`.
 * With no limit set, headers still go out (as Zendesk always sends them) with a High Volume figure.
 */
export const UNLIMITED_REPORTED = 2500;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again (the `ratelimit-reset` header). */
  resetSeconds: number;
  /** When refused: whole seconds until one token is back (≥ 1). */
  retryAfter: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private perMinute = 0;
  private burst = 0;
  private readonly buckets = new Map<string, Bucket>();

  constructor(perMinute?: number, burst?: number, private readonly now: () => number = Date.now) {
    this.configure(perMinute ?? 0, burst);
  }

  configure(perMinute: number, burst?: number): void {
    if (!Number.isFinite(perMinute) || perMinute < 0) throw new RangeError('rateLimit must be ≥ 0');
    this.perMinute = perMinute;
    this.burst = perMinute > 0 ? Math.max(1, burst ?? perMinute) : 0;
    this.buckets.clear();
  }

  get limited(): boolean {
    return this.perMinute > 0;
  }

  private refill(account: string): Bucket {
    const t = this.now();
    let b = this.buckets.get(account);
    if (!b) {
      b = { tokens: this.burst, at: t };
      this.buckets.set(account, b);
    } else {
      b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) * this.perMinute) / 60_000);
      b.at = t;
    }
    return b;
  }

  /** Takes a token if there is one. */
  take(account: string): RateDecision {
    if (!this.limited) {
      return { allowed: true, limit: UNLIMITED_REPORTED, remaining: UNLIMITED_REPORTED - 1, resetSeconds: 0, retryAfter: 0 };
    }
    const b = this.refill(account);
    const perMs = this.perMinute / 60_000;
    const allowed = b.tokens >= 1;
    if (allowed) b.tokens -= 1;
    const missing = 1 - b.tokens;
    return {
      allowed,
      limit: this.perMinute,
      remaining: Math.max(0, Math.floor(b.tokens)),
      resetSeconds: Math.ceil((this.burst - b.tokens) / perMs / 1000),
      retryAfter: allowed ? 0 : Math.max(1, Math.ceil(missing / perMs / 1000)),
    };
  }

  /** The figures for a response that did not consume a token (e.g. a failed login). */
  peek(account: string): RateDecision {
    if (!this.limited) return this.take(account);
    const b = this.refill(account);
    const perMs = this.perMinute / 60_000;
    return {
      allowed: b.tokens >= 1,
      limit: this.perMinute,
      remaining: Math.max(0, Math.floor(b.tokens)),
      resetSeconds: Math.ceil((this.burst - b.tokens) / perMs / 1000),
      retryAfter: 0,
    };
  }
}
