/**
 * The CLI as a process among others: a reader that closes the pipe early, a port already taken, and
 * the sandbox banner's export lines pasted into a real shell (both forms of ZENDESK_BASE_URL).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import net from 'node:net';
import { cleanEnv, ROOT } from './run-cli';

const CLI = ['--require', 'tsx/cjs', 'cli/index.ts'];

function start(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: cleanEnv(env) });
}

function finished(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

describe('a closed stdout (zendesk-blocks list | head -1)', () => {
  it.each([[['list']], [['list', '--json']], [['describe', 'get_tickets']], [['run', 'get_tickets', '--help']]])(
    '%j exits 0 quietly when the reader has gone',
    async (args) => {
      const child = start(args);
      // The reader goes away before the first line is written: every write meets a closed pipe (EPIPE).
      child.stdout.destroy();
      const { code, signal, stderr } = await finished(child);
      expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    },
  );
});

describe('a port in use', () => {
  let holder: net.Server;
  let port: number;
  beforeAll(async () => {
    holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    port = (holder.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => holder.close(resolve)));

  it('zendesk-blocks sandbox --port N says so, without a stack trace, and exits 2', async () => {
    const child = start(['sandbox', '--port', String(port), '--tickets', '5']);
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const { code, stderr } = await finished(child);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: port ${port} is in use; try --port 0 (any free port) or another port.\n`);
    expect(stdout).toBe('');
  });
});

describe('the sandbox banner', () => {
  /** Starts `zendesk-blocks sandbox` and resolves with its banner once it is up. */
  async function startSandboxCommand(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; banner: string }> {
    const child = start(['sandbox', '--port', '0', '--tickets', '20', ...args]);
    let banner = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        banner += d;
        if (banner.includes('Press Ctrl+C to stop.')) resolve();
      });
      child.on('close', () => reject(new Error(`the sandbox exited: ${banner}`)));
    });
    return { child, banner };
  }

  /** Runs a script in bash with a clean environment (no ZENDESK_* of the developer's shell). */
  function bash(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn('bash', ['-c', script], { cwd: ROOT, env: cleanEnv() });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('prints the four export lines; pasted into a shell, they make every command work (API base or origin)', async () => {
    // A token with a quote and a space: the lines must survive the shell as printed.
    const { child, banner } = await startSandboxCommand(['--token', "it's a secret-token"]);
    try {
      const exports = banner.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('export ZENDESK_'));
      expect(exports.map((line) => line.split('=')[0])).toEqual([
        'export ZENDESK_BASE_URL',
        'export ZENDESK_SUBDOMAIN',
        'export ZENDESK_EMAIL',
        'export ZENDESK_API_TOKEN',
      ]);
      const run = `node ${CLI.join(' ')} run get_ticket --ticket-id 2`;
      const pasted = await bash(`${exports.join('\n')}\n${run}`);
      expect(pasted.stderr).toBe('');
      expect(pasted.code).toBe(0);
      expect(JSON.parse(pasted.stdout)).toMatchObject({ success: true, output: { ticket_id: 2 } });
      // The same with the base URL written as an origin, as most people would: /api/v2 is added.
      const origin = await bash(`${exports.join('\n')}\nexport ZENDESK_BASE_URL="\${ZENDESK_BASE_URL%/api/v2}"\necho "$ZENDESK_BASE_URL" >&2\n${run}`);
      expect(origin.stderr).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
      expect(origin.code).toBe(0);
      expect(JSON.parse(origin.stdout)).toMatchObject({ success: true, output: { ticket_id: 2 } });
      // Without the credentials (only the base URL), the error says what else to export.
      const only = await bash(`${exports[0]}\n${run}`);
      expect(only.code).toBe(2);
      expect(only.stderr).toContain('ZENDESK_BASE_URL, ZENDESK_SUBDOMAIN, ZENDESK_EMAIL, ZENDESK_API_TOKEN');
    } finally {
      child.kill('SIGTERM');
      await finished(child);
    }
  });
});
