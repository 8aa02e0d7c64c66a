import type { Handler } from '../core';

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** find-my-way pattern below /api/v2, without `.json`. */
  path: string;
  /** Key in stats.requests, e.g. `GET /tickets/{id}`. */
  name: string;
  handler: Handler;
  /** Ticket lists also carry the `ratelimit-*` headers. */
  ticketList?: boolean;
  /** An incremental export: it also counts against the credential's export limit (10 a minute). */
  exportLimited?: boolean;
}
