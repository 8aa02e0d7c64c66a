/**
 * Where the pacing state of an account lives. The state is kept per BUCKET: the account's own
 * (its per-minute budget, learnt from `X-Rate-Limit`) and, for endpoints with a lower limit of
 * their own (a rate group, e.g. the incremental exports' 10 requests per minute), one per group
 * beside it. A bucket is a token bucket the size of one minute's budget, refilled evenly; every
 * request takes its token when it is reserved (so the requests in flight are counted before the
 * server counts them), and each answer's `X-Rate-Limit-Remaining` caps the estimate. A 429 pauses
 * the bucket until `Retry-After`. Besides the buckets, the store counts the account's live
 * background jobs against Zendesk's limit of 30.
 *
 * The memory store keeps this for one process (the default). lib/redis-pacing.ts keeps the same
 * state in Redis, with the same arithmetic in Lua scripts, for every process that paces that account.
 */

/** A bucket a request draws from: the account's (its limit learnt from the answers) or one of its rate groups. */
export interface BucketRef {
  /** The account: its origin and a hash of its credential, never the credential. */
  account: string;
  /** A rate group of the account (e.g. `incremental-export`), with its own declared limit. */
  group?: string;
  /** The group's limit, requests per minute; absent for the account's bucket (learnt from the answers). */
  perMinute?: number;
}

/** The name of a bucket in a store. */
export const bucketName = (account: string, group?: string) => (group ? `${account}#${group}` : account);

/**
 * What a reservation came to. `taken`: the token is the caller's, to use after `delayMs`. Not taken:
 * the next token is further ahead than a request may hold one (RESERVE_AHEAD), so the caller asks
 * again in `delayMs`; tokens held far ahead would sit unused in Zendesk's bucket meanwhile.
 */
export interface Reservation {
  delayMs: number;
  taken: boolean;
  /** Not taken: when the token will be usable (ms from now), to say how long the caller would wait. */
  readyMs?: number;
}

/** What an answer says about a bucket's budget. */
export interface Observation {
  /** `X-Rate-Limit` (the account's requests per minute), when the answer carries it. */
  limit?: number;
  /** `X-Rate-Limit-Remaining`, when the answer carries it. */
  remaining?: number;
  /** After a 429: how long the refused bucket pauses (Retry-After, bounded). */
  pauseMs?: number;
}

/** A held job slot; `release` is idempotent. */
export interface JobSlot {
  release(): void;
}

export interface PacingStore {
  /**
   * Takes one request's token from every bucket given (the account's, and a group's when the
   * request has one) when it comes within RESERVE_AHEAD token intervals; says how long to wait.
   */
  reserve(buckets: readonly BucketRef[]): Reservation | Promise<Reservation>;
  /** Gives back the tokens of a reservation that was not used (its wait was cancelled). */
  cancel(buckets: readonly BucketRef[]): void;
  /** What an answer taught: the account's limit and remaining budget; a 429 pauses the request's group, or the account. */
  observe(account: string, observation: Observation, group?: string): void;
  /** One of the account's `slots` background-job slots, or undefined while all are held. */
  takeJobSlot(account: string, slots: number): JobSlot | undefined | Promise<JobSlot | undefined>;
  /** Who to tell when the store changes how it works (Redis lost or back). */
  useLog?(log: ((line: string) => void) | undefined): void;
}

/** Tokens kept in reserve: answers arrive a little early or late, and other clients may share the account. */
export const RESERVE_TOKENS = 2;
/** A request takes its token at most this many token intervals before it may use it. */
export const RESERVE_AHEAD = 1;

/** How far Zendesk's remaining budget may exceed the estimate before it is believed: a tenth of a minute's budget, at least 10. */
export const inFlightAllowance = (limit: number) => Math.max(10, limit / 10);

/**
 * The share of a bucket's budget this store assumes it may use. A store that sees every request of
 * the account (Redis, shared by all workers) keeps 1. A store of one process among others that pace
 * on their own (the memory store, or the local fallback when Redis is gone) learns it from 429s:
 * halved by each one (down to MIN_SHARE), grown back by 1/limit with each answer that passed, so
 * processes that share an account settle near their fair share instead of each spending all of it.
 */
const MIN_SHARE = 1 / 32;

/** The state of one bucket. `limit` 0: not learnt yet (requests go unpaced, bar a pause). */
export interface BucketState {
  /** The part of the budget this store spends (see MIN_SHARE). */
  share: number;
  limit: number;
  tokens: number;
  /** When `tokens` was last brought up to date (ms); 0 = never (the bucket is full). */
  at: number;
  pausedUntil: number;
}

const newBucket = (): BucketState => ({ share: 1, limit: 0, tokens: 0, at: 0, pausedUntil: 0 });

/**
 * How a bucket is held. The account's (its limit learnt from the answers) holds a minute's budget,
 * minus a reserve for answers that arrive late and other clients. A rate group's (its limit declared,
 * e.g. 10 a minute) holds one token and no reserve: its requests are spaced evenly, so no minute ever
 * holds more than its limit, however the minute is cut.
 */
export function bucketShape(ref: BucketRef, limit: number): { capacity: number; reserve: number } {
  return ref.perMinute !== undefined ? { capacity: 1, reserve: 0 } : { capacity: limit, reserve: RESERVE_TOKENS };
}

/** The tokens of a bucket at `now`: refilled at its share of `limit` per minute, up to its capacity. */
function tokensAt(state: BucketState, limit: number, now: number, capacity = limit): number {
  if (!state.at) return capacity;
  return Math.min(capacity, state.tokens + ((now - state.at) * limit * state.share) / 60_000);
}

/** The memory store: the state of every bucket of this process. */
export class MemoryPacingStore implements PacingStore {
  private readonly buckets = new Map<string, BucketState>();
  private readonly jobs = new Map<string, number>();

  private bucket(key: string): BucketState {
    let state = this.buckets.get(key);
    if (!state) this.buckets.set(key, (state = newBucket()));
    return state;
  }

  reserve(buckets: readonly BucketRef[], now = Date.now()): Reservation {
    // The common case, one bucket with budget to spare, allocates nothing.
    let delayMs = 0;
    let aheadMs = 0;
    for (const ref of buckets) {
      const state = this.buckets.get(bucketName(ref.account, ref.group));
      if (!state) continue;
      const limit = ref.perMinute ?? state.limit;
      let wait = Math.max(0, state.pausedUntil - now);
      if (limit) {
        const rate = limit * state.share;
        const { capacity, reserve } = bucketShape(ref, limit);
        const missing = 1 + reserve - tokensAt(state, limit, now, capacity);
        if (missing > 0) wait = Math.max(wait, (missing * 60_000) / rate);
        aheadMs = Math.max(aheadMs, (RESERVE_AHEAD * 60_000) / rate);
      }
      delayMs = Math.max(delayMs, Math.ceil(wait));
    }
    if (delayMs > aheadMs) return { delayMs: Math.ceil(delayMs - aheadMs), taken: false, readyMs: delayMs };
    this.take(buckets, now);
    return delayMs === 0 ? NOW : { delayMs, taken: true };
  }

  /** Takes one token from each bucket, whatever is left (a reservation made elsewhere, recorded here too). */
  take(buckets: readonly BucketRef[], now = Date.now()): void {
    for (const ref of buckets) {
      const state = this.bucket(bucketName(ref.account, ref.group));
      const limit = ref.perMinute ?? state.limit;
      if (!limit) continue;
      state.tokens = tokensAt(state, limit, now, bucketShape(ref, limit).capacity) - 1;
      state.at = now;
    }
  }

  cancel(buckets: readonly BucketRef[]): void {
    for (const ref of buckets) {
      const state = this.buckets.get(bucketName(ref.account, ref.group));
      if (state?.at) state.tokens += 1;
    }
  }

  observe(account: string, { limit, remaining, pauseMs }: Observation, group?: string, now = Date.now()): void {
    const state = this.bucket(account);
    if (limit !== undefined) state.limit = limit;
    if (remaining !== undefined && state.limit) {
      const have = tokensAt(state, state.limit, now);
      // Zendesk's count lags by the requests in flight, which the estimate has already counted: it
      // lowers the estimate, and raises it only past what those requests could explain (a budget
      // reset, a server that does not count).
      const allowance = inFlightAllowance(state.limit);
      state.tokens = remaining < have ? remaining : remaining - allowance > have ? remaining - allowance : have;
      state.at = now;
    }
    if (pauseMs !== undefined) {
      const paused = group ? this.bucket(bucketName(account, group)) : state;
      paused.pausedUntil = Math.max(paused.pausedUntil, now + pauseMs);
      // A refused request: whatever the estimate said, the budget is spent, and others spend it too.
      if (paused.at) paused.tokens = Math.min(paused.tokens, 0);
      paused.share = Math.max(MIN_SHARE, paused.share / 2);
    } else if (state.share < 1 && state.limit) {
      state.share = Math.min(1, state.share + 1 / state.limit);
    }
  }

  takeJobSlot(account: string, slots: number): JobSlot | undefined {
    const held = this.jobs.get(account) ?? 0;
    if (held >= slots) return undefined;
    this.jobs.set(account, held + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.jobs.set(account, (this.jobs.get(account) ?? 1) - 1);
      },
    };
  }
}

const NOW: Reservation = Object.freeze({ delayMs: 0, taken: true });
