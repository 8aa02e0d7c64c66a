/**
 * The embedded Zendesk sandbox: a local HTTP server that answers like the Zendesk Support API for
 * tickets, users, organizations, groups and their memberships, sharing agreements, search and job
 * statuses, with seeded data, rate limits and faults.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Core } from './core';
import { seedAccountSecurity, setAccountSecuritySerializers } from './account-security';
import { FaultInjector } from './faults';
import { IdempotencyStore } from './idempotency';
import { JobRunner } from './jobs';
import { RateLimiter } from './rate-limit';
import { seedState } from './seed';
import { groupMembershipObject, groupObject, organizationObject, sharingAgreementObject, ticketObject, userObject } from './serialize';
import { createPipeline } from './server';
import { SandboxState } from './state';
import type { FaultOptions, SandboxCredentials, SandboxOptions, SandboxStats } from './types';

export type * from './types';
export { SandboxState } from './state';

export interface Sandbox {
  /** `http://HOST:PORT/api/v2` */
  baseUrl: string;
  credentials: SandboxCredentials;
  state: SandboxState;
  stats: SandboxStats;
  setFaults(faults: FaultOptions | number | null): void;
  setRateLimit(perMinute: number, burst?: number): void;
  close(): Promise<void>;
  /** The incremental exports' own limit per credential (0 = unlimited). */
  setExportRateLimit(perMinute: number, burst?: number): void;
}

export const SANDBOX_DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  seed: 1,
  tickets: 500,
  users: 100,
  organizations: 20,
  groups: 8,
  email: 'admin@sandbox.zendesk.test',
  token: 'sandbox-api-token',
  accessToken: 'sandbox-access-token',
  subdomain: 'sandbox',
  jobDelayMs: 50,
  maxLiveJobs: 30,
  jobEarly404Ms: 0,
  exportRateLimit: 10,
} as const;

function count(name: string, v: number | undefined, fallback: number, min = 0): number {
  const n = v ?? fallback;
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${name} must be an integer ≥ ${min} (got ${String(v)})`);
  return n;
}

function secret(name: string, v: string | undefined): string | undefined {
  if (v !== undefined && (typeof v !== 'string' || v === '')) throw new RangeError(`${name} must be a non-empty string`);
  return v;
}

/**
 * The well-known default tokens are accepted only by a sandbox started with neither token: once one
 * is chosen, the other is random (shaped like Zendesk's: 40 and 64 hex characters), so a sandbox
 * started with `--token X` cannot be entered with the token printed in the docs.
 */
function credentialsOf(options: SandboxOptions): SandboxCredentials {
  const d = SANDBOX_DEFAULTS;
  const token = secret('token', options.token);
  const accessToken = secret('accessToken', options.accessToken);
  const zeroConfig = token === undefined && accessToken === undefined;
  return {
    subdomain: options.subdomain ?? d.subdomain,
    email: options.email ?? d.email,
    apiToken: token ?? (zeroConfig ? d.token : randomBytes(20).toString('hex')),
    accessToken: accessToken ?? (zeroConfig ? d.accessToken : randomBytes(32).toString('hex')),
  };
}

function anchorOf(v: SandboxOptions['anchorDate']): number {
  if (v === undefined) {
    const now = new Date();
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  }
  const ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(v);
  if (Number.isNaN(ms)) throw new RangeError(`anchorDate is not a date: ${String(v)}`);
  return ms;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const d = SANDBOX_DEFAULTS;
  const seed = count('seed', options.seed, d.seed);
  const credentials = credentialsOf(options);
  const email = credentials.email;
  const state = new SandboxState();
  const anchorMs = anchorOf(options.anchorDate);
  seedState(state, {
    seed,
    tickets: count('tickets', options.tickets, d.tickets),
    users: count('users', options.users, d.users, 1),
    organizations: count('organizations', options.organizations, d.organizations),
    groups: count('groups', options.groups, d.groups),
    email,
    anchorMs,
  });
  seedAccountSecurity(state, { seed, anchorMs });
  state.allowAdminSetPassword = options.allowAdminSetPassword === true;

  const now = () => Date.now();
  const jobs = new JobRunner(state, {
    seed,
    delayMs: count('jobDelayMs', options.jobDelayMs, d.jobDelayMs),
    maxLive: count('maxLiveJobs', options.maxLiveJobs, d.maxLiveJobs, 1),
    early404Ms: count('jobEarly404Ms', options.jobEarly404Ms, d.jobEarly404Ms),
    now,
  });
  const core: Core = { state, base: '', recipient: `support@${credentials.subdomain}.zendesk.com`, jobs, idempotency: new IdempotencyStore(now), now };
  const limiter = new RateLimiter(options.rateLimit ?? 0, options.rateLimitBurst);
  const exportLimiter = new RateLimiter(options.exportRateLimit ?? d.exportRateLimit);
  const faults = new FaultInjector(seed);
  faults.configure(options.faults ?? options.faultRate ?? null);
  const stats: SandboxStats = {
    requests: {},
    responses: {},
    rateLimited: 0,
    faults: { serverError: 0, resetBefore: 0, resetAfter: 0, slow: 0 },
    total: 0,
  };
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer(
    { keepAlive: true },
    createPipeline({ core, auth: { email, token: credentials.apiToken, accessToken: credentials.accessToken }, limiter, faults, stats, logger: options.logger, timers, exportLimiter, gzipAbove: options.gzipAbove }),
  );
  // Long keep-alive so a client's pooled socket is not closed under it between requests.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const host = options.host ?? d.host;
  await listen(server, options.port ?? d.port, host);
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port ?? d.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  core.base = `http://${urlHost}:${port}/api/v2`;
  state.tickets.setSerializer((t) => JSON.stringify(ticketObject(t, core.base, core.recipient)));
  state.users.setSerializer((u) => JSON.stringify(userObject(u, core.base)));
  state.organizations.setSerializer((o) => JSON.stringify(organizationObject(o, core.base)));
  state.groups.setSerializer((g) => JSON.stringify(groupObject(g, core.base)));
  setAccountSecuritySerializers(state, core.base, credentials.subdomain);
  state.groupMemberships.setSerializer((m) => JSON.stringify(groupMembershipObject(m, core.base)));
  state.sharingAgreements.setSerializer((a) => JSON.stringify(sharingAgreementObject(a, core.base)));

  let closing: Promise<void> | null = null;
  return {
    baseUrl: core.base,
    credentials,
    state,
    stats,
    setFaults(f: FaultOptions | number | null) {
      faults.configure(f);
    },
    setRateLimit(perMinute: number, burst?: number) {
      limiter.configure(perMinute, burst);
    },
    setExportRateLimit(perMinute: number, burst?: number) {
      exportLimiter.configure(perMinute, burst);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        jobs.close();
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
