/**
 * A real redis-server for the tests and the bench that need one. `.ci/run` starts one and exports its URL as
 * ZB_TEST_REDIS_URL; without it (a plain `npx jest`) a test file spawns its own. A missing
 * redis-server fails the test, never skips it: `apt-get install redis-server`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, or SIGKILL as a crash would) and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Freezes the server (SIGSTOP: connections accepted, nothing answered) or thaws it (SIGCONT). */
  freeze(frozen: boolean): void;
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function redisServerPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('redis-server is not installed; these tests need a real one (apt-get install redis-server), as .ci/run installs it');
  }
}

/** Starts a redis-server of its own on a free loopback port (or `port`), without persistence, and waits until it answers. */
export async function spawnRedis(port?: number): Promise<RedisServer> {
  const binary = redisServerPath();
  port ??= await freePort();
  const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited at start: ${stderr.trim()}`);
    if (await answers(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${port} within 10 s: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill(signal);
      }
      await exited;
    },
    freeze: (frozen) => void child.kill(frozen ? 'SIGSTOP' : 'SIGCONT'),
  };
}

/** Whether a Redis on the port answers PING. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** The shared test Redis (ZB_TEST_REDIS_URL), or one of this file's own; `release` stops only an own one. */
export async function testRedis(): Promise<{ url: string; release(): Promise<void> }> {
  const given = process.env.ZB_TEST_REDIS_URL;
  if (given) return { url: given, release: async () => undefined };
  const own = await spawnRedis();
  return { url: own.url, release: () => own.stop() };
}
