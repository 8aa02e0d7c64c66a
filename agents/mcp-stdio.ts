/**
 * The MCP server on stdio, as `zendesk-blocks mcp` runs it: credentials from the environment (or the
 * embedded sandbox with `--sandbox`), the protocol on stdout, every log line on stderr.
 */
import type { ExecuteOptions } from '../lib/executor';
import type { Credentials } from '../lib/input';
import { redisPacing } from '../lib/pacer';
import { checkedBaseUrl } from '../lib/url';
import { SUBDOMAIN_PATTERN } from '../tools/params';
import { createMcpServer } from './mcp-server';
import { ALL_TOOLSETS, DEFAULT_TOOLSETS, resolveToolsets, ToolsetError, toolsetNames, toolsOfToolsets } from './toolsets';

/** A configuration problem found before serving; the command exits with `exitCode` (2). */
export class McpStartupError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'McpStartupError';
  }
}

export const MCP_ENV_HELP = `Environment:
  ZENDESK_SUBDOMAIN    your subdomain: "acme" for acme.zendesk.com (required)
  ZENDESK_EMAIL        email of the Zendesk user the API token belongs to
  ZENDESK_API_TOKEN    API token (Admin Center > Apps and integrations > Zendesk API)
  ZENDESK_ACCESS_TOKEN OAuth access token (sent as Bearer); replaces email + API token
  ZENDESK_BASE_URL     optional: send requests to this URL instead of https://{subdomain}.zendesk.com/api/v2
                       (a local Zendesk-compatible server such as the sandbox; an origin gets /api/v2 added)
  ZENDESK_MCP_TOOLSETS optional: the toolsets to offer, comma-separated (${toolsetNames().join(', ')} or ${ALL_TOOLSETS});
                       default ${DEFAULT_TOOLSETS.join(',')}. --toolsets wins over it.
  ZENDESK_PACING_REDIS_URL optional: redis://host:port of a Redis through which every process using it
                       shares the account's rate budget and job count (default: this process alone)`;

export interface EnvConnection {
  credentials: Credentials;
  baseUrl?: string;
}

const EMAIL_PATTERN = /^[^\s@:/]+@[^\s@:/]+$/;

/** Reads the account from ZENDESK_* variables, or says exactly what is missing or wrong. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): EnvConnection {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const subdomain = read('ZENDESK_SUBDOMAIN');
  const email = read('ZENDESK_EMAIL');
  const apiToken = read('ZENDESK_API_TOKEN');
  const accessToken = read('ZENDESK_ACCESS_TOKEN');
  const baseUrl = read('ZENDESK_BASE_URL');
  const problems: string[] = [];

  if (!subdomain) problems.push('ZENDESK_SUBDOMAIN is not set (your subdomain: "acme" for acme.zendesk.com).');
  else if (!new RegExp(SUBDOMAIN_PATTERN).test(subdomain)) {
    problems.push(`ZENDESK_SUBDOMAIN must be a bare subdomain such as "acme" (letters, digits and inner hyphens); got "${subdomain.slice(0, 60)}".`);
  }
  if (!accessToken) {
    if (!email && !apiToken) problems.push('No credentials: set ZENDESK_EMAIL and ZENDESK_API_TOKEN (API token), or ZENDESK_ACCESS_TOKEN (OAuth).');
    else if (!email) problems.push('ZENDESK_EMAIL is not set: it goes with ZENDESK_API_TOKEN (or set ZENDESK_ACCESS_TOKEN instead).');
    else if (!apiToken) problems.push('ZENDESK_API_TOKEN is not set: it goes with ZENDESK_EMAIL (or set ZENDESK_ACCESS_TOKEN instead).');
  }
  if (!accessToken && email && !EMAIL_PATTERN.test(email)) problems.push('ZENDESK_EMAIL must be an email address such as agent@example.com.');
  let checkedBase: string | undefined;
  if (baseUrl) {
    try {
      checkedBase = checkedBaseUrl(baseUrl);
    } catch (error) {
      problems.push(`ZENDESK_BASE_URL: ${(error as Error).message}.`);
    }
  }
  if (problems.length) {
    throw new McpStartupError(`Cannot start the Zendesk MCP server:\n  - ${problems.join('\n  - ')}\n\n${MCP_ENV_HELP}\n\nOr run with --sandbox to serve the embedded sandbox.`);
  }
  const credentials: Credentials = accessToken ? { subdomain: subdomain!, accessToken } : { subdomain: subdomain!, email, apiToken };
  return { credentials, ...(checkedBase ? { baseUrl: checkedBase } : {}) };
}

/** Shared pacing through the Redis of ZENDESK_PACING_REDIS_URL, when it is set. */
function pacingFromEnv(env: NodeJS.ProcessEnv) {
  const url = env.ZENDESK_PACING_REDIS_URL?.trim();
  if (!url) return undefined;
  try {
    return redisPacing(url);
  } catch (error) {
    throw new McpStartupError(`Cannot start the Zendesk MCP server: ZENDESK_PACING_REDIS_URL: ${(error as Error).message}.`);
  }
}

export interface McpStdioOptions {
  /** Start the embedded sandbox in this process and serve against it. */
  sandbox?: boolean;
  readOnly?: boolean;
  /** The toolsets to offer (`--toolsets`); default ZENDESK_MCP_TOOLSETS, then DEFAULT_TOOLSETS. */
  toolsets?: string;
  env?: NodeJS.ProcessEnv;
  /** Defaults to stderr; stdout carries the protocol only. */
  log?: (line: string) => void;
  /** Executor options over the agent defaults. */
  executeOptions?: ExecuteOptions;
}

export interface RunningMcpStdio {
  /** Closes the transport and the sandbox, if one was started. */
  close(): Promise<void>;
}

const stderrLine = (line: string) => {
  process.stderr.write(`[zendesk-blocks mcp] ${line}\n`);
};

/**
 * Serves MCP on this process's stdin/stdout until stdin ends or a SIGINT/SIGTERM arrives.
 * Throws McpStartupError (exit code 2) when the environment lacks credentials.
 */
export async function runMcpStdio(options: McpStdioOptions = {}): Promise<RunningMcpStdio> {
  const log = options.log ?? stderrLine;
  // stdout is the protocol: anything printed with console.log would corrupt it.
  console.log = (...args: unknown[]) => log(args.map(String).join(' '));
  console.info = console.log;
  console.debug = console.log;

  const env = options.env ?? process.env;
  let resources: string[];
  try {
    resources = resolveToolsets(options.toolsets ?? env.ZENDESK_MCP_TOOLSETS);
  } catch (error) {
    if (error instanceof ToolsetError) throw new McpStartupError(`Cannot start the Zendesk MCP server: ${options.toolsets !== undefined ? '--toolsets' : 'ZENDESK_MCP_TOOLSETS'}: ${error.message}`);
    throw error;
  }

  const pacing = pacingFromEnv(env);
  let connection: EnvConnection;
  let closeSandbox: (() => Promise<void>) | undefined;
  if (options.sandbox) {
    // A plain require: dynamic import() of a folder fails under ESM loaders.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startSandbox } = require('../sandbox') as typeof import('../sandbox');
    const sandbox = await startSandbox({ port: 0 });
    closeSandbox = () => sandbox.close();
    connection = { credentials: { subdomain: sandbox.credentials.subdomain, email: sandbox.credentials.email, apiToken: sandbox.credentials.apiToken }, baseUrl: sandbox.baseUrl };
    log(`sandbox started at ${sandbox.baseUrl}`);
  } else {
    connection = credentialsFromEnv(env);
  }

  const server = createMcpServer({
    credentials: connection.credentials,
    readOnly: options.readOnly,
    toolsets: resources,
    executeOptions: {
      ...options.executeOptions,
      ...(connection.baseUrl ? { baseUrl: connection.baseUrl } : {}),
      ...(pacing ? { pacing: { ...options.executeOptions?.pacing, ...pacing } } : {}),
    },
    log,
  });
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const transport = new StdioServerTransport();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await server.close().catch(() => undefined);
      await closeSandbox?.().catch(() => undefined);
    })());
  const shutdown = () => {
    void close().finally(() => process.exit(0));
  };
  process.stdin.on('end', shutdown);
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  transport.onerror = (error) => log(`transport error: ${error.message}`);
  await server.connect(transport);

  const count = toolsOfToolsets(resources, options.readOnly).length;
  const target = connection.baseUrl ?? `https://${connection.credentials.subdomain}.zendesk.com/api/v2`;
  const auth = connection.credentials.accessToken ? 'OAuth access token' : 'API token';
  log(`serving ${count} tools (${resources.join(', ')}${options.readOnly ? '; read-only' : ''}) on stdio for ${target} (${auth})`);
  return { close };
}
