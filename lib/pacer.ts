/**
 * Proactive pacing: one pacer per Zendesk account (host + credential), shared by every call in the
 * process. It caps concurrent requests, and when the rate headers say the budget is nearly spent it
 * spaces requests at the rate the budget refills, so a sustained workload meets almost no 429s.
 */
import crypto, { createHash } from 'node:crypto';
import { parseRetryAfter } from './retry';

export interface PacingOptions {
  /** Requests in flight at once for one account. */
  concurrency: number;
}

export const DEFAULT_PACING: PacingOptions = { concurrency: 8 };

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason ?? new Error('aborted'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export { sleep };

/** The account is paused for longer than the caller may wait. */
export class PacerWait extends Error {
  constructor(readonly delayMs: number) {
    super(`the account is rate limited for ${Math.ceil(delayMs / 1000)} s`);
  }
}

export class AccountPacer {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private limitPerMinute?: number;
  private remaining?: number;
  private pausedUntil = 0;
  private nextSlotAt = 0;
  /** 429 answers seen, for reports and benchmarks. */
  throttled = 0;

  constructor(public concurrency: number) {}

  /**
   * Waits for a free slot and for the rate budget; resolves to the function that frees the slot.
   * A wait longer than `maxWaitMs` (a pause ordered by a 429) is not taken: it throws PacerWait.
   */
  async acquire(signal?: AbortSignal, maxWaitMs = Infinity): Promise<() => void> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiting.shift()?.();
    };
    try {
      const delay = this.delayBeforeNext();
      if (delay > maxWaitMs) throw new PacerWait(delay);
      await sleep(delay, signal);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  private delayBeforeNext(): number {
    const now = Date.now();
    const start = Math.max(now, this.pausedUntil);
    // Keep a margin for the requests already in flight, whose cost the headers do not show yet.
    const budgetLow = this.remaining !== undefined && this.remaining <= this.concurrency + 1;
    if (!budgetLow || !this.limitPerMinute) return start - now;
    const slot = Math.max(start, this.nextSlotAt);
    this.nextSlotAt = slot + 60_000 / this.limitPerMinute;
    return slot - now;
  }

  /** Learns the budget from a response's headers; a 429 pauses every caller of the account. */
  observe(status: number, headers: Record<string, string>): void {
    const limit = Number(headers['x-rate-limit'] ?? headers['ratelimit-limit']);
    const remaining = Number(headers['x-rate-limit-remaining'] ?? headers['ratelimit-remaining']);
    if (Number.isFinite(limit) && limit > 0) this.limitPerMinute = limit;
    if (Number.isFinite(remaining)) this.remaining = remaining;
    if (status === 429) {
      this.throttled += 1;
      this.remaining = 0;
      const wait = parseRetryAfter(headers['retry-after']) ?? 1000;
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
    }
  }
}

const pacers = new Map<string, AccountPacer>();

/** crypto.hash (Node ≥ 20.12) hashes without building a Hash object; older Nodes use createHash. Same digest. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = (text: string): string => (oneShotHash ? oneShotHash('sha256', text, 'hex') : createHash('sha256').update(text).digest('hex'));

/** The pacer of an account; the key holds a hash of the credential, never the credential. */
export function pacerFor(origin: string, credential: string, options: PacingOptions): AccountPacer {
  const key = `${origin} ${sha256Hex(credential)}`;
  let pacer = pacers.get(key);
  if (!pacer) pacers.set(key, (pacer = new AccountPacer(options.concurrency)));
  pacer.concurrency = options.concurrency;
  return pacer;
}
