/**
 * Proactive pacing: one pacer per Zendesk account (host + credential), shared by every call in the
 * process. It caps the requests in flight, and draws each request from the account's rate budget
 * kept in a pacing store (lib/pacing-store.ts): a token bucket learnt from the rate headers, so a
 * sustained workload is spaced at the rate the budget refills and meets almost no 429s, and a 429
 * pauses every caller of the account. The store is this process's memory by default, or a Redis
 * shared by every worker process of the account (`pacing: {store: 'redis', url}`).
 */
import crypto, { createHash } from 'node:crypto';
import type { EndpointLimit } from '../contract';
import { type BucketRef, MemoryPacingStore, type Observation, type PacingStore, type Reservation } from './pacing-store';
import { checkRedisUrl, RedisPacingStore } from './redis-pacing';
import { parseRetryAfter } from './retry';

export interface PacingOptions {
  /** Requests in flight at once for one account, in this process. */
  concurrency: number;
  /**
   * Where the account's rate budget, 429 pauses and live-job count are kept: `memory` (this process,
   * the default) or `redis` (shared by every process given the same `url`).
   */
  store?: 'memory' | 'redis';
  /** With store `redis`: `redis://[user:password@]host:port[/db]` (or `rediss://`). */
  url?: string;
}

export const DEFAULT_PACING: PacingOptions = { concurrency: 8 };

/** Zendesk runs at most 30 background jobs of an account at once; more are refused. */
export const ACCOUNT_JOB_SLOTS = 30;

/** Endpoints with a limit of their own below the account's (the incremental exports: 10 per minute): a request's `endpointLimit`. */
export type RateGroup = EndpointLimit;

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

/** The account is paused (or its job slots held) for longer than the caller may wait. */
export class PacerWait extends Error {
  constructor(readonly delayMs: number) {
    super(`the account is rate limited for ${Math.ceil(delayMs / 1000)} s`);
  }
}

/** Pacing options that cannot be used: the executor reports them as invalid input of `pacing`. */
export class PacingOptionError extends Error {
  readonly param = 'pacing';
}

/** Rate headers → what they say; a limit below 1 per minute is no real budget ("0.0001" would space requests hours apart). */
function observation(status: number, headers: Record<string, string>): Observation {
  const limit = Number(headers['x-rate-limit'] ?? headers['ratelimit-limit']);
  const remaining = Number(headers['x-rate-limit-remaining'] ?? headers['ratelimit-remaining']);
  const seen: Observation = {};
  if (Number.isFinite(limit) && limit >= 1) seen.limit = limit;
  if (Number.isFinite(remaining) && remaining >= 0) seen.remaining = remaining;
  if (status === 429) {
    seen.remaining = 0;
    seen.pauseMs = parseRetryAfter(headers['retry-after']) ?? 1000; // bounded by MAX_RETRY_AFTER_MS
  }
  return seen;
}

export class AccountPacer {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly accountBucket: readonly BucketRef[];
  /** Requests waiting in line for a token, and the end of that line. */
  private queued = 0;
  private line: Promise<void> = Promise.resolve();
  /** 429 answers seen by this process, for reports and benchmarks. */
  throttled = 0;

  constructor(
    public concurrency: number,
    readonly store: PacingStore = new MemoryPacingStore(),
    /** The account's name in the store: its origin and a hash of its credential. */
    readonly account = 'account',
    public jobSlots = ACCOUNT_JOB_SLOTS,
  ) {
    this.accountBucket = [{ account }];
  }

  /**
   * A slot and a token at once, without waiting, when both are there (the common case): the
   * release, or undefined when the caller must wait in acquire(). Only for a store that answers
   * at once (memory); the others always go through acquire().
   */
  tryAcquire(): (() => void) | undefined {
    if (this.active >= this.concurrency || this.queued > 0 || !(this.store instanceof MemoryPacingStore)) return undefined;
    const reservation = this.store.reserve(this.accountBucket);
    if (!reservation.taken) return undefined;
    if (reservation.delayMs > 0) {
      this.store.cancel(this.accountBucket);
      return undefined;
    }
    this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiting.shift()?.();
    };
  }

  /**
   * Waits for a free slot and for the rate budget (the account's, and the group's when given);
   * resolves to the function that frees the slot. A wait longer than `maxWaitMs` (a pause ordered
   * by a 429) is not taken: it throws PacerWait.
   */
  async acquire(signal?: AbortSignal, maxWaitMs = Infinity, group?: RateGroup): Promise<() => void> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiting.shift()?.();
    };
    const buckets = group ? [...this.accountBucket, { account: this.account, group: group.group, perMinute: group.perMinute }] : this.accountBucket;
    try {
      let reservation: Reservation | undefined;
      if (this.queued === 0) {
        const pending = this.store.reserve(buckets);
        reservation = 'then' in pending ? await pending : pending;
      }
      if (!reservation?.taken) reservation = await this.inLine(buckets, maxWaitMs, signal);
      if (reservation.delayMs > maxWaitMs) {
        // A token within reach, but later than the caller may wait: given back, not held.
        this.store.cancel(buckets);
        throw new PacerWait(reservation.delayMs);
      }
      if (reservation.delayMs > 0) {
        try {
          await sleep(reservation.delayMs, signal);
        } catch (error) {
          this.store.cancel(buckets);
          throw error;
        }
      }
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  /**
   * Waits in this process's line until a token comes within reach, and takes it. Only the first in
   * line asks the store (again when it said when), so a shared store sees one asker per process.
   */
  private async inLine(buckets: readonly BucketRef[], maxWaitMs: number, signal?: AbortSignal): Promise<Reservation> {
    const started = Date.now();
    const ahead = this.line;
    let leave!: () => void;
    this.line = new Promise((resolve) => (leave = resolve));
    this.queued += 1;
    try {
      await ahead;
      for (;;) {
        const pending = this.store.reserve(buckets);
        const reservation = 'then' in pending ? await pending : pending;
        if (reservation.taken) return reservation;
        // The whole wait counts, to the moment the token is usable, and is what the caller is told.
        if (Date.now() - started + (reservation.readyMs ?? reservation.delayMs) > maxWaitMs) throw new PacerWait(reservation.readyMs ?? reservation.delayMs);
        await sleep(reservation.delayMs, signal);
      }
    } finally {
      this.queued -= 1;
      leave();
    }
  }

  /** Learns the budget from a response's headers; a 429 pauses every caller of the account (of the group, for a grouped request). */
  observe(status: number, headers: Record<string, string>, group?: RateGroup): void {
    if (status === 429) this.throttled += 1;
    this.store.observe(this.account, observation(status, headers), group?.group);
  }

  /**
   * Waits for one of the account's background-job slots, polling the store; resolves to its release.
   * Throws PacerWait when none frees within `maxWaitMs`.
   */
  async jobSlot(maxWaitMs: number, signal?: AbortSignal): Promise<() => void> {
    const deadline = Date.now() + maxWaitMs;
    for (let delay = 50; ; delay = Math.min(1000, delay * 2)) {
      const slot = await this.store.takeJobSlot(this.account, this.jobSlots);
      if (slot) return () => slot.release();
      const left = deadline - Date.now();
      if (left <= 0) throw new PacerWait(maxWaitMs);
      await sleep(Math.min(delay, left), signal);
    }
  }
}

const pacers = new Map<string, AccountPacer>();
const memoryStore = new MemoryPacingStore();
const redisStores = new Map<string, RedisPacingStore>();

/** crypto.hash (Node ≥ 20.12) hashes without building a Hash object; older Nodes use createHash. Same digest. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = (text: string): string => (oneShotHash ? oneShotHash('sha256', text, 'hex') : createHash('sha256').update(text).digest('hex'));

/** The store the options name; throws (without repeating the URL, which may hold a password) when they are wrong. */
function storeFor(options: PacingOptions): { store: PacingStore; id: string } {
  if (options.store === undefined || options.store === 'memory') return { store: memoryStore, id: 'memory' };
  if (options.store !== 'redis') throw new PacingOptionError(`pacing.store must be "memory" or "redis"; got ${JSON.stringify(String(options.store)).slice(0, 40)}`);
  let url: string;
  try {
    url = checkRedisUrl(options.url);
  } catch (error) {
    throw new PacingOptionError((error as Error).message);
  }
  let store = redisStores.get(url);
  if (!store) redisStores.set(url, (store = new RedisPacingStore(url)));
  return { store, id: url };
}

/** An account's name in the stores: its origin and a hash of its credential, never the credential. */
export const accountKey = (origin: string, credential: string) => `${origin} ${sha256Hex(credential).slice(0, 32)}`;

/** The pacer of an account, kept per store and account. */
export function pacerFor(origin: string, credential: string, options: PacingOptions): AccountPacer {
  const { store, id } = storeFor(options);
  const account = accountKey(origin, credential);
  const key = `${id}\n${account}`;
  let pacer = pacers.get(key);
  if (!pacer) pacers.set(key, (pacer = new AccountPacer(options.concurrency, store, account)));
  pacer.concurrency = options.concurrency;
  return pacer;
}

/**
 * Pacing shared through the Redis at `url` (the CLI's and MCP server's ZENDESK_PACING_REDIS_URL).
 * Throws a message that names the problem, never the URL (it may hold a password).
 */
export function redisPacing(url: string): Pick<PacingOptions, 'store' | 'url'> {
  return { store: 'redis', url: checkRedisUrl(url) };
}

/** Closes every Redis connection and forgets every pacer (tests, and hosts that shut down cleanly). */
export async function closePacing(): Promise<void> {
  const stores = [...redisStores.values()];
  redisStores.clear();
  pacers.clear();
  await Promise.all(stores.map((store) => store.close()));
}
