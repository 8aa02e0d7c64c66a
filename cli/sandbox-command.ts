/** `zendesk-blocks sandbox`: runs the embedded Zendesk sandbox in the foreground until Ctrl+C. */
import { InvalidArgumentError, type Command } from 'commander';
import type { SandboxOptions } from '../sandbox';

function integer(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${name} must be a whole number; got "${value}".`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be between ${min} and ${max}; got ${n}.`);
    return n;
  };
}

function probability(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`must be a number from 0 to 1; got "${value}".`);
  return n;
}

/** A word as a POSIX shell reads it back: bare when safe, single-quoted otherwise. */
export function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/** The `export ZENDESK_...=...` lines that point every command at a sandbox (all four are needed). */
export function sandboxExports(baseUrl: string, credentials: { subdomain: string; email: string; apiToken: string }): string[] {
  return [
    `export ZENDESK_BASE_URL=${shellWord(baseUrl)}`,
    `export ZENDESK_SUBDOMAIN=${shellWord(credentials.subdomain)}`,
    `export ZENDESK_EMAIL=${shellWord(credentials.email)}`,
    `export ZENDESK_API_TOKEN=${shellWord(credentials.apiToken)}`,
  ];
}

interface SandboxFlags {
  port: number;
  host: string;
  seed: number;
  tickets: number;
  users: number;
  organizations: number;
  email?: string;
  token?: string;
  accessToken?: string;
  rateLimit?: number;
  faultRate?: number;
  jobDelay?: number;
  log?: boolean;
}

export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('Run a local Zendesk sandbox: the Support API for tickets, users, organizations, search and job statuses, with seeded data.')
    .option('--port <port>', 'port to listen on (0 picks a free one)', integer('--port', 0, 65535), 4010)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--seed <n>', 'seed for the generated data and faults (same seed, same data)', integer('--seed', 0, 2 ** 32 - 1), 1)
    .option('--tickets <n>', 'tickets to seed', integer('--tickets', 0, 2_000_000), 500)
    .option('--users <n>', 'users to seed (the first is the admin owning the credentials)', integer('--users', 1, 1_000_000), 100)
    .option('--organizations <n>', 'organizations to seed', integer('--organizations', 0, 100_000), 20)
    .option('--email <email>', 'email of the admin the API token belongs to (default admin@sandbox.zendesk.test)')
    .option('--token <token>', 'API token accepted as {email}/token:{token} (default sandbox-api-token)')
    .option('--access-token <token>', 'OAuth access token accepted as Bearer (default sandbox-access-token)')
    .option('--rate-limit <requests/min>', 'requests per minute per credential before 429 (default: unlimited)', integer('--rate-limit', 1))
    .option('--fault-rate <0..1>', 'share of requests that get a fault: 5xx, a reset connection (before or after the work) or a slow answer', probability)
    .option('--job-delay <ms>', 'delay before a bulk job starts and between its progress steps (default 50)', integer('--job-delay', 0, 600_000))
    .option('--log', 'print one line per request')
    .addHelpText(
      'after',
      `
Examples:
  zendesk-blocks sandbox
  zendesk-blocks sandbox --port 0 --tickets 100000 --seed 7
  zendesk-blocks sandbox --rate-limit 200 --fault-rate 0.05`,
    )
    .action(async (flags: SandboxFlags) => {
      // A plain require: dynamic import() of a folder fails under ESM loaders (see target.ts).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { startSandbox } = require('../sandbox') as typeof import('../sandbox');
      const options: SandboxOptions = {
        port: flags.port,
        host: flags.host,
        seed: flags.seed,
        tickets: flags.tickets,
        users: flags.users,
        organizations: flags.organizations,
        email: flags.email,
        token: flags.token,
        accessToken: flags.accessToken,
        rateLimit: flags.rateLimit,
        faultRate: flags.faultRate,
        jobDelayMs: flags.jobDelay,
        logger: flags.log ? (line) => process.stdout.write(`${line}\n`) : undefined,
      };
      const started = Date.now();
      const sb = await startSandbox(options);
      const { subdomain, email, apiToken, accessToken } = sb.credentials;
      const out = (s = '') => process.stdout.write(`${s}\n`);
      out(`Zendesk sandbox listening on ${sb.baseUrl}`);
      out(`  data          ${flags.tickets} tickets, ${flags.users} users, ${flags.organizations} organizations (seed ${flags.seed}, ready in ${Date.now() - started} ms)`);
      if (flags.rateLimit) out(`  rate limit    ${flags.rateLimit} requests/min per credential`);
      if (flags.faultRate) out(`  faults        ${flags.faultRate * 100}% of requests`);
      out();
      out('Point zendesk-blocks (any command, and `zendesk-blocks mcp`) at it from another shell: paste');
      for (const line of sandboxExports(sb.baseUrl, { subdomain, email, apiToken })) out(`  ${line}`);
      out(`  (or OAuth: export ZENDESK_ACCESS_TOKEN=${shellWord(accessToken)} instead of the email and API token)`);
      out('then:');
      out('  zendesk-blocks run get_tickets --per-page 5');
      out();
      out('Or with curl:');
      out(`  curl -u ${shellWord(`${email}/token:${apiToken}`)} '${sb.baseUrl}/tickets.json?page[size]=5'`);
      out(`  curl -H ${shellWord(`Authorization: Bearer ${accessToken}`)} '${sb.baseUrl}/search.json?query=status:open'`);
      out();
      out('Press Ctrl+C to stop.');

      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          process.stdout.write(`\n${signal}: stopping the sandbox…\n`);
          sb.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      out(`Stopped after ${sb.stats.total} requests.`);
    });
}
