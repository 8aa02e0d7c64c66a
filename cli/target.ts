/**
 * Where a command's requests go and with which credentials: flags, then the environment; or the
 * embedded sandbox (`--sandbox`), started in-process for the one command and closed after it.
 */
import { type Command, Option } from 'commander';
import type { ExecuteOptions } from '../lib/executor';
import { redisPacing } from '../lib/pacer';
import type { Sandbox } from '../sandbox';
import { UsageError } from './errors';
import { printError } from './output';

export interface TargetFlags {
  subdomain?: string;
  email?: string;
  apiToken?: string;
  accessToken?: string;
  baseUrl?: string;
  sandbox?: boolean;
  sandboxTickets?: string;
  verbose?: boolean;
}

export const CREDENTIAL_FLAGS = ['subdomain', 'email', 'apiToken', 'accessToken'] as const;
export type CredentialName = (typeof CREDENTIAL_FLAGS)[number];

/** The credential and target options every command that calls Zendesk takes. */
export function addTargetOptions(command: Command): Command {
  return command
    .addOption(new Option('--subdomain <name>', 'Zendesk subdomain: "acme" for acme.zendesk.com').env('ZENDESK_SUBDOMAIN'))
    .addOption(new Option('--email <address>', 'email of the user the API token belongs to').env('ZENDESK_EMAIL'))
    .addOption(new Option('--api-token <token>', 'API token (prefer the environment variable: flags show in the process list)').env('ZENDESK_API_TOKEN'))
    .addOption(new Option('--access-token <token>', 'OAuth access token, instead of email + API token').env('ZENDESK_ACCESS_TOKEN'))
    .addOption(new Option('--base-url <url>', 'where to send requests instead of https://{subdomain}.zendesk.com/api/v2, e.g. a local sandbox: its API base or just its origin (/api/v2 is added)').env('ZENDESK_BASE_URL'))
    .addOption(new Option('--sandbox', 'start the embedded sandbox (seeded data) for this command only, and use it'))
    .addOption(new Option('--sandbox-tickets <n>', 'with --sandbox: how many tickets to seed').default('500'))
    .addOption(new Option('--verbose', 'log retries and rate-limit waits on stderr'));
}

export interface Target {
  /** Credentials as tool params (subdomain, email, apiToken, accessToken), only those given. */
  credentials: Partial<Record<CredentialName, string>>;
  /** Which credentials came from flags (they win over params given as JSON). */
  fromFlags: Set<CredentialName>;
  options: ExecuteOptions;
  sandbox?: Sandbox;
  close(): Promise<void>;
}

/** Resolves flags and environment (or starts the sandbox) into credentials and executor options. */
export async function openTarget(flags: TargetFlags, command: Command): Promise<Target> {
  const options: ExecuteOptions = {};
  if (flags.verbose) options.log = (line) => printError(`[zendesk] ${line}`);
  // Workers of one account share its rate budget through Redis when one is named.
  const pacingUrl = process.env.ZENDESK_PACING_REDIS_URL?.trim();
  if (pacingUrl) {
    try {
      options.pacing = redisPacing(pacingUrl);
    } catch (error) {
      throw new UsageError(`ZENDESK_PACING_REDIS_URL: ${(error as Error).message}.`);
    }
  }
  if (flags.sandbox) {
    const tickets = Number(flags.sandboxTickets ?? '500');
    if (!Number.isInteger(tickets) || tickets < 0) throw new UsageError(`--sandbox-tickets must be a whole number; got "${flags.sandboxTickets}"`);
    // Loaded only when asked for (a plain require: dynamic import() of a folder fails under ESM loaders).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startSandbox } = require('../sandbox') as typeof import('../sandbox');
    const sandbox = await startSandbox({ port: 0, tickets });
    const { subdomain, email, apiToken } = sandbox.credentials;
    return {
      credentials: { subdomain, email, apiToken },
      fromFlags: new Set(['subdomain', 'email', 'apiToken']),
      options: { ...options, baseUrl: sandbox.baseUrl },
      sandbox,
      close: () => sandbox.close(),
    };
  }
  const credentials: Target['credentials'] = {};
  const fromFlags = new Set<CredentialName>();
  for (const name of CREDENTIAL_FLAGS) {
    const value = flags[name];
    if (value === undefined || value === '') continue;
    credentials[name] = value;
    if (command.getOptionValueSource(name) === 'cli') fromFlags.add(name);
  }
  if (flags.baseUrl) {
    options.baseUrl = flags.baseUrl;
    // The host comes from the base URL; the subdomain only has to be well formed.
    credentials.subdomain ??= 'local';
  }
  return { credentials, fromFlags, options, close: async () => undefined };
}

/** Params with the target's credentials: flags override the JSON, the environment only fills gaps. */
export function withCredentials(params: Record<string, unknown>, target: Target): Record<string, unknown> {
  const merged = { ...params };
  for (const name of CREDENTIAL_FLAGS) {
    const value = target.credentials[name];
    if (value === undefined) continue;
    if (target.fromFlags.has(name) || merged[name] === undefined || merged[name] === '') merged[name] = value;
  }
  return merged;
}

/**
 * A message saying which credentials are missing, or undefined when there are enough. With a base URL
 * but no credentials, the user most likely exported only ZENDESK_BASE_URL of a sandbox: say what else.
 */
export function missingCredentials(params: Record<string, unknown>, target?: Pick<Target, 'options'>): string | undefined {
  const has = (name: string) => typeof params[name] === 'string' && params[name] !== '';
  if (!has('subdomain')) return 'No Zendesk subdomain: pass --subdomain or set ZENDESK_SUBDOMAIN (or use --sandbox).';
  if (has('accessToken') || (has('email') && has('apiToken'))) return undefined;
  const sandboxHint = target?.options.baseUrl
    ? ' A base URL alone is not enough: `zendesk-blocks sandbox` prints the four export lines to paste (ZENDESK_BASE_URL, ZENDESK_SUBDOMAIN, ZENDESK_EMAIL, ZENDESK_API_TOKEN).'
    : '';
  return `No credentials: pass --email and --api-token (or set ZENDESK_EMAIL and ZENDESK_API_TOKEN), or --access-token / ZENDESK_ACCESS_TOKEN (or use --sandbox).${sandboxHint}`;
}
