/**
 * The pacing stores, memory and Redis, held to the same rules: a bucket learnt from the rate
 * headers, requests spaced at the refill rate once it runs low, a 429 pausing the account (or only
 * its rate group), tokens given back by a cancelled wait, job slots counted. The Redis store shares
 * all of it between clients (processes), under keys that name the account by a hash and expire.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Redis from 'ioredis';
import { type BucketRef, MemoryPacingStore, type PacingStore, RESERVE_AHEAD, RESERVE_TOKENS } from '../../lib/pacing-store';
import { RedisPacingStore } from '../../lib/redis-pacing';
import { testRedis } from '../../bench/redis-server';

jest.setTimeout(30_000);

let redis: { url: string; release(): Promise<void> };
const opened: RedisPacingStore[] = [];
beforeAll(async () => {
  redis = await testRedis();
});
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await redis.release();
});

/** A Redis store as another process would have it: its own connection to the same Redis. */
function redisStore(): RedisPacingStore {
  const store = new RedisPacingStore(redis.url);
  store.useLog(() => undefined);
  opened.push(store);
  return store;
}

const STORES: [string, () => PacingStore][] = [
  ['memory', () => new MemoryPacingStore()],
  ['redis', redisStore],
];

/** A fresh account name per test: the tests share one Redis. */
const newAccount = () => `http://127.0.0.1:1 ${randomUUID()}`;
const reserve = async (store: PacingStore, buckets: BucketRef[]) => store.reserve(buckets);
/** Milliseconds as the stores compute them, give or take the time the test itself takes. */
const near = (actual: number, expected: number, slack = 100) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(slack);
const settle = () => new Promise((r) => setTimeout(r, 20)); // observe and cancel are not awaited: let Redis apply them

describe.each(STORES)('the %s store', (_name, make) => {
  it('lets requests go while the limit is unknown, and while the budget is ample', async () => {
    const store = make();
    const account = newAccount();
    for (let i = 0; i < 5; i += 1) expect(await reserve(store, [{ account }])).toEqual({ delayMs: 0, taken: true });
    store.observe(account, { limit: 600, remaining: 500 });
    await settle();
    for (let i = 0; i < 20; i += 1) expect(await reserve(store, [{ account }])).toEqual({ delayMs: 0, taken: true });
  });

  it('once the budget runs low, hands out tokens at the refill rate, each at most one interval ahead', async () => {
    expect({ RESERVE_TOKENS, RESERVE_AHEAD }).toEqual({ RESERVE_TOKENS: 2, RESERVE_AHEAD: 1 });
    const store = make();
    const [spent, low] = [newAccount(), newAccount()];
    // 60 a minute: one token a second; 2 kept in reserve.
    store.observe(spent, { limit: 60, remaining: 0 });
    store.observe(low, { limit: 60, remaining: 2 });
    await settle();
    // 3 tokens short: 3 s away, 2 s more than a token may be taken ahead. Ask again then.
    const early = await reserve(store, [{ account: spent }]);
    expect(early.taken).toBe(false);
    near(early.delayMs, 2000, 200);
    // 1 token short: within reach, taken, to be used in a second.
    const taken = await reserve(store, [{ account: low }]);
    expect(taken.taken).toBe(true);
    near(taken.delayMs, 1000, 200);
    // That token is gone: the next one is a second further, out of reach for now.
    const next = await reserve(store, [{ account: low }]);
    expect(next.taken).toBe(false);
    near(next.delayMs, 1000, 200);
  });

  it('takes back the token of a cancelled wait', async () => {
    const store = make();
    const account = newAccount();
    store.observe(account, { limit: 60, remaining: 2 });
    await settle();
    const taken = await reserve(store, [{ account }]);
    expect(taken.taken).toBe(true);
    store.cancel([{ account }]);
    await settle();
    const again = await reserve(store, [{ account }]);
    expect(again.taken).toBe(true); // without the cancel it would be a second further, out of reach
  });

  it('pauses the account after a 429, and a group alone after a 429 of its own', async () => {
    const store = make();
    const account = newAccount();
    const group: BucketRef = { account, group: 'incremental-export', perMinute: 10 };
    store.observe(account, { limit: 600, remaining: 500, pauseMs: 1000 }, 'incremental-export');
    await settle();
    // The group's token is within reach (its interval is 6 s): taken, to be used once the pause is over.
    const paused = await reserve(store, [{ account }, group]);
    expect(paused.taken).toBe(true);
    near(paused.delayMs, 980);
    expect(await reserve(store, [{ account }])).toEqual({ delayMs: 0, taken: true }); // the account's other requests go on
    const other = newAccount();
    store.observe(other, { pauseMs: 1000 });
    await settle();
    const held = await reserve(store, [{ account: other }]);
    expect(held.taken).toBe(false);
    near(held.delayMs, 980);
  });

  it("spaces a rate group at its own lower limit while the account's budget is ample", async () => {
    const store = make();
    const account = newAccount();
    store.observe(account, { limit: 700, remaining: 600 });
    await settle();
    const exports: BucketRef[] = [{ account }, { account, group: 'incremental-export', perMinute: 10 }];
    // Evenly, one every 6 s, so that no minute holds more than 10, however it is cut: the first goes at
    // once, the second is taken to be used in 6 s, the third is out of reach (asked again in 6 s).
    expect(await reserve(store, exports)).toEqual({ delayMs: 0, taken: true });
    const second = await reserve(store, exports);
    expect(second.taken).toBe(true);
    near(second.delayMs, 6000, 100);
    const third = await reserve(store, exports);
    expect(third.taken).toBe(false);
    near(third.delayMs, 6000, 100);
    for (let i = 0; i < 3; i += 1) expect(await reserve(store, [{ account }])).toEqual({ delayMs: 0, taken: true }); // the account's other requests are not held
  });

  it('counts job slots: none past the limit, one again once released', async () => {
    const store = make();
    const account = newAccount();
    const slots = await Promise.all([1, 2, 3].map(() => store.takeJobSlot(account, 3)));
    expect(slots.every(Boolean)).toBe(true);
    expect(await store.takeJobSlot(account, 3)).toBeUndefined();
    slots[0]!.release();
    slots[0]!.release(); // twice is once
    await settle();
    const again = await store.takeJobSlot(account, 3);
    expect(again).toBeDefined();
    expect(await store.takeJobSlot(account, 3)).toBeUndefined();
  });
});

describe('a process pacing on its own among others (memory store)', () => {
  it('halves its share of the budget after a 429, and grows it back with each answer that passes', async () => {
    const store = new MemoryPacingStore();
    const [fresh, throttled] = [newAccount(), newAccount()];
    store.observe(fresh, { limit: 60, remaining: 0 });
    store.observe(throttled, { limit: 60, remaining: 0, pauseMs: 1 });
    await settle();
    // 3 tokens short at 1 a second: asked again in 2 s (3 s less the 1 s a token may be taken ahead); at half the rate, in 4 s (6 s less 2 s).
    near(store.reserve([{ account: fresh }]).delayMs, 2000, 200);
    near(store.reserve([{ account: throttled }]).delayMs, 4000, 300);
    for (let i = 0; i < 30; i += 1) store.observe(throttled, { remaining: 0 }); // +1/60 each: back to the whole budget
    near(store.reserve([{ account: throttled }]).delayMs, 2000, 200);
  });
});

describe('the Redis store is shared', () => {
  it('the limit one process learns, and the tokens it takes, pace another', async () => {
    const [a, b] = [redisStore(), redisStore()];
    const account = newAccount();
    a.observe(account, { limit: 60, remaining: 3 });
    await settle();
    expect(await a.reserve([{ account }])).toEqual({ delayMs: 0, taken: true });
    // b never saw an answer: what it knows (limit, tokens left) comes from Redis.
    const second = await b.reserve([{ account }]);
    expect(second.taken).toBe(true);
    near(second.delayMs, 1000, 200);
    const third = await a.reserve([{ account }]);
    expect(third.taken).toBe(false);
    // Two memory stores, by contrast, know nothing of each other.
    const [m1, m2] = [new MemoryPacingStore(), new MemoryPacingStore()];
    m1.observe(account, { limit: 600, remaining: 0 });
    expect(m2.reserve([{ account }])).toEqual({ delayMs: 0, taken: true });
  });

  it('a pause one process meets holds every other', async () => {
    const [a, b] = [redisStore(), redisStore()];
    const account = newAccount();
    a.observe(account, { remaining: 0, pauseMs: 2000 });
    await settle();
    const held = await b.reserve([{ account }]);
    expect(held.taken).toBe(false);
    near(held.delayMs, 1980);
  });

  it("job slots are counted across processes, and a crashed process's slots expire", async () => {
    const account = newAccount();
    const worker = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'hold-job-slots.ts'), redis.url, account, '3', '1000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const said = await new Promise<string>((resolve) => worker.stdout.on('data', (d) => resolve(String(d).trim())));
    expect(said).toBe('held 3');
    worker.kill('SIGKILL'); // a crash: no release, no renewal
    await new Promise((r) => worker.once('exit', r));
    const other = redisStore();
    expect(await other.takeJobSlot(account, 3)).toBeUndefined(); // still counted, for now
    await new Promise((r) => setTimeout(r, 1100));
    const freed = await Promise.all([1, 2, 3].map(() => other.takeJobSlot(account, 3)));
    expect(freed.every(Boolean)).toBe(true);
  });

  it('held slots are renewed while held, past their TTL', async () => {
    const account = newAccount();
    const holder = new RedisPacingStore(redis.url, { jobSlotTtlMs: 300 });
    holder.useLog(() => undefined);
    opened.push(holder);
    const slot = await holder.takeJobSlot(account, 1);
    await new Promise((r) => setTimeout(r, 900));
    expect(await redisStore().takeJobSlot(account, 1)).toBeUndefined();
    slot!.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(await redisStore().takeJobSlot(account, 1)).toBeDefined();
  });

  it('keeps its keys under the prefix, the account named by origin and hash, every key expiring', async () => {
    const store = redisStore();
    const account = `https://acme.zendesk.com ${'f'.repeat(32)}`;
    store.observe(account, { limit: 700, remaining: 5, pauseMs: 1000 }, 'incremental-export');
    await store.reserve([{ account }, { account, group: 'incremental-export', perMinute: 10 }]);
    await store.takeJobSlot(account, 30);
    const client = new Redis(redis.url);
    try {
      const keys = (await client.keys(`zendesk-blocks:pacing:{${account}}*`)).sort();
      expect(keys).toEqual([
        `zendesk-blocks:pacing:{${account}}`,
        `zendesk-blocks:pacing:{${account}}:group:incremental-export`,
        `zendesk-blocks:pacing:{${account}}:jobs`,
      ]);
      for (const key of keys) expect(await client.pttl(key)).toBeGreaterThan(0);
      expect(await client.hget(keys[0], 'limit')).toBe('700');
    } finally {
      client.disconnect();
    }
  });
});
