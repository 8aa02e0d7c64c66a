/**
 * The request pipeline: route → auth (401, no faults) → fault draw → rate limit → body (size, JSON,
 * nesting depth) → handler → answer.
 * Handlers return Replies, so faults can drop (resetAfter) or delay (slow) an answer after the work.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import Router from 'find-my-way';
import { authenticate, type AuthConfig } from './auth';
import { encodeBody } from './compression';
import type { Core, RequestCtx } from './core';
import type { FaultInjector } from './faults';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
import type { RateLimiter, RateDecision } from './rate-limit';
import { badRequest, invalidEndpoint, json, tooManyRequests, unauthorized, type Reply } from './reply';
import { groupMembershipRoutes } from './routes/group-memberships';
import { groupRoutes } from './routes/groups';
import { jobStatusRoutes } from './routes/job-statuses';
import { organizationRoutes } from './routes/organizations';
import type { RouteDef } from './routes/route-def';
import { searchRoutes } from './routes/search';
import { sharingAgreementRoutes } from './routes/sharing-agreements';
import { ticketRoutes } from './routes/tickets';
import { userOrganizationRoutes } from './routes/user-organizations';
import { userRoutes } from './routes/users';
import { accountSecurityRoutes } from './routes/account-security';
import { sessionRoutes } from './routes/sessions';
import { userIdentityRoutes } from './routes/user-identities';
import { userLookupRoutes } from './routes/user-lookups';
import { userChangeRoutes } from './routes/user-changes';
import { incrementalExportRoutes } from './routes/incremental-exports';
import type { SandboxStats } from './types';

const MAX_BODY = 10 * 1024 * 1024;

export interface PipelineDeps {
  core: Core;
  auth: AuthConfig;
  limiter: RateLimiter;
  faults: FaultInjector;
  stats: SandboxStats;
  logger?: (line: string) => void;
  /** Timers of slow answers, cleared on close. */
  timers: Set<NodeJS.Timeout>;
  /** The incremental exports' own limit per credential (Zendesk: 10 a minute). */
  exportLimiter: RateLimiter;
  /** Answers longer than this are gzipped for clients that ask. */
  gzipAbove?: number;
}

export function buildRouter() {
  const router = Router({ ignoreTrailingSlash: true, maxParamLength: 200 });
  const all: RouteDef[] = [...ticketRoutes, ...userRoutes, ...organizationRoutes, ...searchRoutes, ...jobStatusRoutes];
  all.push(...sessionRoutes, ...accountSecurityRoutes);
  all.push(...groupRoutes, ...groupMembershipRoutes, ...userOrganizationRoutes, ...sharingAgreementRoutes);
  all.push(...userIdentityRoutes, ...userLookupRoutes, ...userChangeRoutes, ...incrementalExportRoutes);
  for (const r of all) router.on(r.method, r.path, () => undefined, r);
  return router;
}

function rateHeaders(rate: RateDecision, ticketList: boolean): Record<string, string> {
  const h: Record<string, string> = {
    'X-Rate-Limit': String(rate.limit),
    'X-Rate-Limit-Remaining': String(rate.remaining),
  };
  if (ticketList) {
    h['ratelimit-limit'] = String(rate.limit);
    h['ratelimit-remaining'] = String(rate.remaining);
    h['ratelimit-reset'] = String(rate.resetSeconds);
  }
  return h;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const NO_QUERY = new URLSearchParams('');

export function createPipeline(deps: PipelineDeps) {
  const router = buildRouter();
  const { core, stats } = deps;
  let seq = 0;
  // Clients send the same Authorization header on every request: remember the few valid ones.
  const knownAuth = new Map<string, string>();
  const accountOf = (header: string | undefined): string | null => {
    if (header === undefined) return null;
    const hit = knownAuth.get(header);
    if (hit !== undefined) return hit;
    const account = authenticate(header, deps.auth);
    if (account !== null && knownAuth.size < 16) knownAuth.set(header, account);
    return account;
  };

  const send = (req: IncomingMessage, res: ServerResponse, reply: Reply, rate: RateDecision, ticketList: boolean, t0: number) => {
    if (res.destroyed) return;
    const encoded = encodeBody(reply.body, req.headers['accept-encoding'], deps.gzipAbove);
    const headers: Record<string, string> = {
      'Content-Type': reply.contentType ?? 'application/json; charset=utf-8',
      ...rateHeaders(rate, ticketList),
      ...reply.headers,
      ...encoded.headers,
    };
    res.writeHead(reply.status, headers);
    res.end(encoded.body);
    stats.responses[reply.status] = (stats.responses[reply.status] ?? 0) + 1;
    deps.logger?.(`${req.method} ${req.url} ${reply.status} ${(performance.now() - t0).toFixed(1)}ms`);
  };

  return function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const t0 = performance.now();
    stats.total++;
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const rawPath = qi < 0 ? url : url.slice(0, qi);
    const method = req.method ?? 'GET';
    let path = rawPath.startsWith('/api/v2/') ? rawPath.slice(7) : null;
    if (path !== null && path.endsWith('.json')) path = path.slice(0, -5);
    const found = path === null ? null : router.find(method as 'GET', path);
    const route = found ? (found.store as RouteDef) : null;
    const name = route ? route.name : 'unmatched';
    stats.requests[name] = (stats.requests[name] ?? 0) + 1;
    const ticketList = route?.ticketList === true;

    const account = accountOf(req.headers.authorization);
    if (account === null) {
      send(req, res, unauthorized(), deps.limiter.peek('anonymous'), ticketList, t0);
      return;
    }
    const fault = deps.faults.draw();
    if (fault.kind === 'resetBefore') {
      stats.faults.resetBefore++;
      deps.logger?.(`${method} ${url} RESET (before)`);
      req.socket.destroy();
      return;
    }
    const rate = deps.limiter.take(account);
    if (!rate.allowed) {
      stats.rateLimited++;
      send(req, res, tooManyRequests(rate.retryAfter, `Too Many Requests: rate limit of ${rate.limit} requests per minute exceeded. Retry after ${rate.retryAfter} seconds.`), rate, ticketList, t0);
      return;
    }
    const exportRate = route?.exportLimited ? deps.exportLimiter.take(account) : null;
    if (exportRate && !exportRate.allowed) {
      stats.rateLimited++;
      send(req, res, tooManyRequests(exportRate.retryAfter, `Too Many Requests: incremental exports allow ${exportRate.limit} requests per minute. Retry after ${exportRate.retryAfter} seconds.`), rate, ticketList, t0);
      return;
    }
    if (fault.kind === 'serverError') {
      stats.faults.serverError++;
      const body = fault.status === 503
        ? json(503, { error: 'ServiceUnavailable', description: 'Service temporarily unavailable' }, { 'Retry-After': '1' })
        : json(fault.status, { error: fault.status === 502 ? 'BadGateway' : 'InternalServerError', description: 'Something went wrong' });
      send(req, res, body, rate, ticketList, t0);
      return;
    }
    if (!route || !found) {
      send(req, res, invalidEndpoint(), rate, ticketList, t0);
      return;
    }

    const finish = (reply: Reply) => {
      if (fault.kind === 'resetAfter') {
        stats.faults.resetAfter++;
        deps.logger?.(`${method} ${url} RESET (after processing, would have been ${reply.status})`);
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'slow') {
        stats.faults.slow++;
        const t = setTimeout(() => {
          deps.timers.delete(t);
          send(req, res, reply, rate, ticketList, t0);
        }, deps.faults.slowMs);
        t.unref();
        deps.timers.add(t);
        return;
      }
      send(req, res, reply, rate, ticketList, t0);
    };
    const fail = (err: unknown) => {
      deps.logger?.(`${method} ${url} handler error: ${err instanceof Error ? err.stack : String(err)}`);
      send(req, res, json(500, { error: 'InternalServerError', description: 'The sandbox failed on this request' }), rate, ticketList, t0);
    };
    const run = (body: unknown) => {
      const requestId = `sandbox-${++seq}`;
      const ctx: RequestCtx = {
        core,
        method,
        path: path!,
        params: found.params,
        query: qi < 0 ? NO_QUERY : new URLSearchParams(url.slice(qi + 1)),
        body,
        headers: req.headers,
        account,
        userId: core.state.ownerId,
        origin: { requestId, method, path: path!, account },
      };
      try {
        const out = route.handler(ctx);
        if (out instanceof Promise) out.then(finish, fail);
        else finish(out);
      } catch (err) {
        fail(err);
      }
    };

    if (method === 'GET' || method === 'DELETE' || method === 'HEAD') {
      run(undefined);
      return;
    }
    readBody(req).then((text) => {
      if (text === null) {
        finish(json(413, { error: 'PayloadTooLarge', description: `Request bodies are limited to ${MAX_BODY} bytes` }));
        return;
      }
      if (text.trim() === '') return run(undefined);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (err) {
        finish(badRequest('Invalid JSON', `The request body is not valid JSON: ${(err as Error).message}`));
        return;
      }
      if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
        finish(badRequest('Invalid JSON', `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`));
        return;
      }
      run(body);
    }, fail);
  };
}
