/**
 * ZENDESK_PACING_REDIS_URL on the CLI and the MCP server, as child processes: a malformed URL is a
 * usage error naming the variable (never echoing the URL, which may hold a password); a Redis that
 * does not answer leaves the command working, paced locally, and says so once; a live one holds the
 * account's budget under its key.
 */
import { spawn } from 'node:child_process';
import Redis from 'ioredis';
import { cli, cleanEnv, ROOT } from '../cli/run-cli';
import { freePort, testRedis } from '../../bench/redis-server';

jest.setTimeout(60_000);

describe('the CLI', () => {
  it('refuses a malformed ZENDESK_PACING_REDIS_URL by name, without repeating it', async () => {
    const { code, stderr } = await cli(['run', 'get_ticket', '--ticket-id', '1', '--sandbox'], { env: { ZENDESK_PACING_REDIS_URL: 'http://user:s3cret@127.0.0.1:6379' } });
    expect(code).not.toBe(0);
    expect(stderr).toContain('ZENDESK_PACING_REDIS_URL: the Redis URL must start with redis:// or rediss://');
    expect(stderr).not.toContain('s3cret');
  });

  it('runs with a Redis that does not answer, and says so once', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const { code, stdout, stderr } = await cli(['run', 'get_ticket', '--ticket-id', '1', '--sandbox', '--verbose'], { env: { ZENDESK_PACING_REDIS_URL: url } });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ success: true, output: { ticket_id: 1 } });
    expect(stderr.match(/Pacing: Redis at .* does not answer \(ECONNREFUSED\)/g)).toHaveLength(1);
  });

  it('paces through a live Redis', async () => {
    const redis = await testRedis();
    const client = new Redis(redis.url);
    try {
      const prefix = `zendesk-blocks:pacing:{http://127.0.0.1:`;
      const before = new Set(await client.keys(`${prefix}*`));
      const { code } = await cli(['run', 'get_ticket', '--ticket-id', '1', '--sandbox'], { env: { ZENDESK_PACING_REDIS_URL: redis.url } });
      expect(code).toBe(0);
      const added = (await client.keys(`${prefix}*`)).filter((k) => !before.has(k));
      expect(added.length).toBeGreaterThan(0);
    } finally {
      client.disconnect();
      await redis.release();
    }
  });
});

it('the MCP server exits 2 on a malformed ZENDESK_PACING_REDIS_URL, naming it', async () => {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'cli/index.ts', 'mcp', '--sandbox'], {
    cwd: ROOT,
    env: cleanEnv({ ZENDESK_PACING_REDIS_URL: 'redis//no-scheme', NODE_NO_WARNINGS: '1' }),
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code).toBe(2);
  expect(stderr).toContain('ZENDESK_PACING_REDIS_URL: the Redis URL is not a URL');
});
