/**
 * What keeps a local server with real credentials from being used by other web pages. A page the
 * user visits can send requests to 127.0.0.1 (a form, a no-cors fetch), and a DNS-rebinding name can
 * even read the answers; neither may run an operation. So:
 * - every request must name this server in `Host` (a rebinding name does not);
 * - every request that acts (anything but GET and HEAD) must come from this server's own page: its
 *   `Origin` is this server's, `Sec-Fetch-Site` (when sent) says same-origin, and its body is JSON
 *   (which a cross-site form cannot send, and a cross-site fetch cannot without a preflight this
 *   server never answers).
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The `Host` values that name this server: its address and, on loopback, the loopback names, with its port. */
export function allowedHosts(host: string, port: number): Set<string> {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const names = new Set([bracketed.toLowerCase()]);
  if (['127.0.0.1', '::1', '[::1]', 'localhost'].includes(host.toLowerCase())) for (const name of LOOPBACK_NAMES) names.add(name);
  return new Set([...names].map((name) => `${name}:${port}`));
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Why a request is refused, or undefined when it may be served. */
export function refusal(request: IncomingMessage, hosts: ReadonlySet<string>): string | undefined {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return `Host "${host.slice(0, 100)}" is not this playground (${[...hosts][0]}): open the playground by its own address.`;
  if (SAFE_METHODS.has(request.method ?? '')) return undefined;
  const origin = request.headers.origin;
  if (origin !== `http://${host}`) return `Requests that act must come from the playground's own page; Origin ${origin ? `"${origin.slice(0, 100)}"` : 'is missing'}.`;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return `Requests that act must come from the playground's own page; Sec-Fetch-Site is "${String(site).slice(0, 40)}".`;
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return 'Requests that act must send JSON (Content-Type: application/json).';
  return undefined;
}
