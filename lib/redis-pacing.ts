/**
 * The pacing state in Redis, shared by every process (on every machine) that paces the same
 * Zendesk account: one token bucket per bucket key, its pause after a 429, the learnt limit, and
 * the account's live background jobs. Each step is one Lua script, so it is atomic across
 * processes, and the clock is Redis's own (`TIME`), so machines whose clocks differ still agree.
 *
 * Redis is a help, never a dependency of a call: a command that fails or takes longer than
 * COMMAND_TIMEOUT_MS falls back at once to this process's own memory store (fed with every answer
 * all along, so it knows the limit), the change is logged once, and Redis is tried again in the
 * background. The client is ioredis, loaded only when a Redis store is configured: its
 * defineCommand runs each script by EVALSHA (EVAL when Redis has not seen it), and it bounds
 * connections and commands. rate-limiter-flexible was not used: its limiters consume points in fixed
 * windows or buckets of a configured size, whereas this state is a bucket whose size is learnt from
 * the answers and capped by them, a pause set by Retry-After, tokens taken at most one interval
 * ahead, and a semaphore of job slots held by named holders that expire unless renewed.
 */
import { randomUUID } from 'node:crypto';
import type { Redis as RedisClient } from 'ioredis';
import { type BucketRef, type JobSlot, MemoryPacingStore, type Observation, type PacingStore, type Reservation, RESERVE_AHEAD, RESERVE_TOKENS } from './pacing-store';

/** A Redis command answered within this, or the process paces on its own for a while. */
export const COMMAND_TIMEOUT_MS = 1000;
/** A connection (TCP and Redis's ready check) made within this, or the same. */
export const CONNECT_TIMEOUT_MS = 2000;
/** Redis is tried again, in the background of the calls, after 250 ms and then at most every 2 s. */
const MAX_RECONNECT_DELAY_MS = 2000;
/** Keys outlive the longest pause a Retry-After may order (15 minutes). */
const KEY_TTL_MS = 20 * 60_000;
/** A job slot not renewed within this is free again: its worker has died. */
export const JOB_SLOT_TTL_MS = 60_000;

/** The current time in ms from Redis's clock. */
const NOW_MS = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: the buckets. ARGV: tokens kept in reserve, token intervals a token may be taken ahead, key
 * TTL, then each bucket's declared limit (0 = the learnt one; a declared one holds one token and no
 * reserve, as bucketShape says). Same arithmetic as MemoryPacingStore.reserve. Returns {taken, wait ms, and when not taken the ms until the token is usable}.
 */
const RESERVE = `${NOW_MS}
local reserve = tonumber(ARGV[1]) local ahead = tonumber(ARGV[2]) local ttl = tonumber(ARGV[3])
local wait = 0 local aheadMs = 0 local tokens = {}
for i, key in ipairs(KEYS) do
  local s = redis.call('HMGET', key, 'limit', 'tokens', 'at', 'paused')
  local declared = tonumber(ARGV[3 + i]) local limit = declared if limit == 0 then limit = tonumber(s[1]) or 0 end
  local capacity = limit local kept = reserve
  if declared > 0 then capacity = 1 kept = 0 end
  local w = math.max(0, (tonumber(s[4]) or 0) - now)
  if limit > 0 then
    local at = tonumber(s[3]) or 0
    local have = capacity
    if at > 0 then have = math.min(capacity, tonumber(s[2]) + (now - at) * limit / 60000) end
    local missing = 1 + kept - have
    if missing > 0 then w = math.max(w, missing * 60000 / limit) end
    aheadMs = math.max(aheadMs, ahead * 60000 / limit)
    tokens[i] = have
  end
  w = math.ceil(w)
  if w > wait then wait = w end
end
if wait > aheadMs then return {0, math.ceil(wait - aheadMs), wait} end
for i, key in ipairs(KEYS) do
  if tokens[i] then redis.call('HSET', key, 'tokens', tostring(tokens[i] - 1), 'at', now) redis.call('PEXPIRE', key, ttl) end
end
return {1, wait}`;

/** KEYS: the buckets whose reservation is given back. */
const CANCEL = `for _, key in ipairs(KEYS) do
  if redis.call('HEXISTS', key, 'tokens') == 1 then redis.call('HINCRBYFLOAT', key, 'tokens', 1) end
end`;

/**
 * KEYS[1] the account's bucket, KEYS[2] the bucket a 429 pauses. ARGV: limit (0 = none), remaining
 * (-1 = none), pause ms (0 = none), key TTL. Same arithmetic as MemoryPacingStore.observe.
 */
const OBSERVE = `${NOW_MS}
local limit = tonumber(ARGV[1]) local remaining = tonumber(ARGV[2]) local pause = tonumber(ARGV[3]) local ttl = tonumber(ARGV[4])
local s = redis.call('HMGET', KEYS[1], 'limit', 'tokens', 'at')
local known = tonumber(s[1]) or 0
if limit > 0 then known = limit redis.call('HSET', KEYS[1], 'limit', limit) end
if remaining >= 0 and known > 0 then
  local at = tonumber(s[3]) or 0
  local have = known
  if at > 0 then have = math.min(known, tonumber(s[2]) + (now - at) * known / 60000) end
  local allowance = math.max(10, known / 10)
  if remaining < have then have = remaining elseif remaining - allowance > have then have = remaining - allowance end
  redis.call('HSET', KEYS[1], 'tokens', tostring(have), 'at', now)
end
redis.call('PEXPIRE', KEYS[1], ttl)
if pause > 0 then
  local resume = now + pause
  if resume > (tonumber(redis.call('HGET', KEYS[2], 'paused')) or 0) then redis.call('HSET', KEYS[2], 'paused', resume) end
  local left = tonumber(redis.call('HGET', KEYS[2], 'tokens'))
  if left and left > 0 then redis.call('HSET', KEYS[2], 'tokens', 0) end
  redis.call('PEXPIRE', KEYS[2], ttl)
end`;

/** KEYS[1] the account's job slots (holder → expiry). ARGV: slots, slot TTL, holder. 1 when taken. */
const TAKE_JOB_SLOT = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** KEYS[1] the account's job slots. ARGV: slot TTL, holder. Extends a slot still held. */
const RENEW_JOB_SLOT = `${NOW_MS}
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end`;

interface PacingCommands {
  paceReserve(numKeys: number, ...args: (string | number)[]): Promise<[number, number, number?]>;
  paceCancel(numKeys: number, ...keys: string[]): Promise<unknown>;
  paceObserve(account: string, refused: string, limit: number, remaining: number, pauseMs: number, ttl: number): Promise<unknown>;
  paceTakeJobSlot(key: string, slots: number, ttl: number, holder: string): Promise<number>;
  paceRenewJobSlot(key: string, ttl: number, holder: string): Promise<unknown>;
}

export interface RedisPacingOptions {
  /** Prefix of every key. Default `zendesk-blocks:pacing:`. */
  prefix?: string;
  /** How long a job slot lives without renewal. Default JOB_SLOT_TTL_MS. */
  jobSlotTtlMs?: number;
}

/** A Redis URL as it may be shown: its password (and user) left out. */
export function redisTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname && parsed.pathname !== '/' ? parsed.pathname : ''}`;
  } catch {
    return 'the configured Redis';
  }
}

/** Refuses anything but a redis:// or rediss:// URL, without repeating it (it may hold a password). */
export function checkRedisUrl(url: unknown): string {
  if (typeof url !== 'string' || !url.trim()) throw new Error('a Redis URL is required with store "redis" (pacing.url, e.g. redis://127.0.0.1:6379)');
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error('the Redis URL is not a URL (expected e.g. redis://127.0.0.1:6379 or rediss://user:password@host:6380/0)');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error('the Redis URL must start with redis:// or rediss://');
  return url.trim();
}

export class RedisPacingStore implements PacingStore {
  /** This process's own pacing, used whenever Redis does not answer; every answer is recorded here too. */
  readonly local = new MemoryPacingStore();
  private readonly client: RedisClient & PacingCommands;
  private readonly prefix: string;
  private readonly slotTtlMs: number;
  private readonly holder = randomUUID();
  private readonly target: string;
  /** Whether Redis answers: set after a command succeeds, cleared by a failure. */
  private up = false;
  /** Whether the log has been told that this process paces on its own. */
  private degradedSaid = false;
  private connecting?: Promise<void>;
  /** The first connection, which the first calls wait for (bounded by CONNECT_TIMEOUT_MS). */
  private firstConnect?: Promise<void>;
  private nextConnectAt = 0;
  private reconnectDelayMs = 250;
  private log?: (line: string) => void;
  private lastError?: Error;

  constructor(url: string, options: RedisPacingOptions = {}) {
    this.prefix = options.prefix ?? 'zendesk-blocks:pacing:';
    this.slotTtlMs = options.jobSlotTtlMs ?? JOB_SLOT_TTL_MS;
    this.target = redisTarget(url);
    // Loaded here, so a process that paces in memory never loads it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Redis = (require('ioredis') as typeof import('ioredis')).default;
    this.client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      commandTimeout: COMMAND_TIMEOUT_MS,
      // A command never waits for a connection: it falls back to local pacing at once.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Reconnection is this store's (connect()): ioredis's own timer would keep a finished process alive.
      retryStrategy: () => null,
    }) as RedisClient & PacingCommands;
    // Failures are seen where the commands fail (the last one names the cause); without a listener ioredis prints each one.
    this.client.on('error', (error) => (this.lastError = error));
    // The socket alone must not keep a finished process alive (a pending command's timer still does).
    this.client.on('connect', () => (this.client as unknown as { stream?: { unref?(): void } }).stream?.unref?.());
    // Redis gone while in use (stopped, crashed): said at once, not at the next failing command.
    this.client.on('close', () => {
      if (this.up) this.failed(this.lastError ?? Object.assign(new Error('the connection closed'), { code: 'connection closed' }));
    });
    this.client.defineCommand('paceReserve', { lua: RESERVE });
    this.client.defineCommand('paceCancel', { lua: CANCEL });
    this.client.defineCommand('paceObserve', { numberOfKeys: 2, lua: OBSERVE });
    this.client.defineCommand('paceTakeJobSlot', { numberOfKeys: 1, lua: TAKE_JOB_SLOT });
    this.client.defineCommand('paceRenewJobSlot', { numberOfKeys: 1, lua: RENEW_JOB_SLOT });
  }

  useLog(log: ((line: string) => void) | undefined): void {
    if (log) this.log = log;
  }

  private say(line: string) {
    if (this.log) this.log(line);
    else process.emitWarning(line, { code: 'ZENDESK_PACING' });
  }

  /** The key of a bucket; the braces keep an account's keys in one hash slot of a Redis Cluster (a script touches several). */
  private key(account: string, suffix?: string): string {
    return `${this.prefix}{${account}}${suffix ? `:${suffix}` : ''}`;
  }

  /**
   * Whether Redis answers; when it does not, a reconnection starts in the background (at most one
   * every MAX_RECONNECT_DELAY_MS). Only the very first use waits for the connection (at most
   * CONNECT_TIMEOUT_MS).
   */
  private async ready(): Promise<boolean> {
    if (this.up && this.client.status === 'ready') return true;
    if (!this.firstConnect) this.firstConnect = this.connecting = this.connect();
    else if (Date.now() >= this.nextConnectAt && !this.connecting) this.connecting = this.connect();
    await this.firstConnect;
    return this.up && this.client.status === 'ready';
  }

  private async connect(): Promise<void> {
    this.nextConnectAt = Date.now() + this.reconnectDelayMs;
    try {
      if (this.client.status !== 'ready') {
        if (this.client.status !== 'wait' && this.client.status !== 'end') this.client.disconnect();
        // Bounded as a whole: a Redis that accepts the connection but never answers must not hold a call.
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${CONNECT_TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' })), CONNECT_TIMEOUT_MS);
        });
        try {
          await Promise.race([this.client.connect(), timeout]);
        } finally {
          clearTimeout(timer);
        }
      }
      this.up = true;
      this.lastError = undefined;
      this.reconnectDelayMs = 250;
      if (this.degradedSaid) {
        this.degradedSaid = false;
        this.say(`Pacing: Redis at ${this.target} answers again; the account's rate budget is shared again.`);
      }
    } catch (error) {
      this.failed(error);
    } finally {
      this.connecting = undefined;
    }
  }

  /** A command or connection failed: this process paces on its own until Redis answers again. */
  private failed(error: unknown) {
    this.up = false;
    this.reconnectDelayMs = Math.min(MAX_RECONNECT_DELAY_MS, this.reconnectDelayMs * 2);
    this.nextConnectAt = Math.max(this.nextConnectAt, Date.now() + this.reconnectDelayMs);
    // A command that timed out leaves a stalled connection: drop it, connect() makes a new one.
    if (this.client.status !== 'wait' && this.client.status !== 'end') this.client.disconnect();
    if (!this.degradedSaid) {
      this.degradedSaid = true;
      const cause = ((error as { code?: string }).code ? error : this.lastError ?? error) as Error & { code?: string };
      const reason = cause.code ?? cause.message ?? String(cause);
      this.say(`Pacing: Redis at ${this.target} does not answer (${reason}); this process paces its own requests until it does.`);
    }
  }

  async reserve(buckets: readonly BucketRef[]): Promise<Reservation> {
    if (await this.ready()) {
      try {
        const limits = buckets.map((b) => b.perMinute ?? 0);
        const keys = buckets.map((b) => this.key(b.account, b.group && `group:${b.group}`));
        const [taken, wait, ready] = await this.client.paceReserve(keys.length, ...keys, RESERVE_TOKENS, RESERVE_AHEAD, KEY_TTL_MS, ...limits);
        // The local store follows along, so it is up to date should Redis go away.
        if (taken) this.local.take(buckets);
        return taken ? { delayMs: Number(wait), taken: true } : { delayMs: Number(wait), taken: false, readyMs: Number(ready ?? wait) };
      } catch (error) {
        this.failed(error);
      }
    }
    return this.local.reserve(buckets);
  }

  cancel(buckets: readonly BucketRef[]): void {
    this.local.cancel(buckets);
    if (!this.up) return;
    const keys = buckets.map((b) => this.key(b.account, b.group && `group:${b.group}`));
    this.client.paceCancel(keys.length, ...keys).catch((error) => this.failed(error));
  }

  observe(account: string, observation: Observation, group?: string): void {
    this.local.observe(account, observation, group);
    const { limit, remaining, pauseMs } = observation;
    const send = () =>
      this.client
        .paceObserve(this.key(account), this.key(account, group && `group:${group}`), limit ?? 0, remaining ?? -1, pauseMs ?? 0, KEY_TTL_MS)
        .catch((error) => this.failed(error));
    if (this.up) send();
    else void this.ready().then((up) => up && send());
  }

  async takeJobSlot(account: string, slots: number): Promise<JobSlot | undefined> {
    if (await this.ready()) {
      const key = this.key(account, 'jobs');
      const holder = `${this.holder}:${randomUUID()}`;
      try {
        if (!(await this.client.paceTakeJobSlot(key, slots, this.slotTtlMs, holder))) return undefined;
        return this.heldSlot(key, holder);
      } catch (error) {
        this.failed(error);
      }
    }
    return this.local.takeJobSlot(account, slots);
  }

  /** A slot held in Redis, renewed while held; one this process cannot renew expires after the TTL. */
  private heldSlot(key: string, holder: string): JobSlot {
    const renew = setInterval(() => {
      if (this.up) this.client.paceRenewJobSlot(key, this.slotTtlMs, holder).catch((error) => this.failed(error));
    }, Math.max(100, Math.floor(this.slotTtlMs / 3)));
    renew.unref();
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        clearInterval(renew);
        if (this.up) this.client.zrem(key, holder).catch((error) => this.failed(error));
      },
    };
  }

  /** Closes the connection (tests, and hosts that shut down cleanly). */
  async close(): Promise<void> {
    this.up = false;
    this.client.disconnect();
  }
}
