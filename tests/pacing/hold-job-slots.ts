/**
 * A worker that takes job slots in Redis and then hangs, for tests to kill as a crash would:
 *   node --require tsx/cjs tests/pacing/hold-job-slots.ts REDIS_URL ACCOUNT SLOTS TTL_MS
 * Prints "held N" once it holds them.
 */
import { RedisPacingStore } from '../../lib/redis-pacing';

(async () => {
  const [url, account, slots, ttl] = process.argv.slice(2);
  const store = new RedisPacingStore(url, { jobSlotTtlMs: Number(ttl) });
  store.useLog((line) => process.stderr.write(`${line}\n`));
  let held = 0;
  while ((await store.takeJobSlot(account, Number(slots))) !== undefined) held += 1;
  process.stdout.write(`held ${held}\n`);
  setInterval(() => undefined, 60_000); // until killed
})();
