/**
 * The incremental user exports: every user changed since a time, oldest change first, deleted users
 * included. A position in the export is a change: the user's `updated_at`, then the order of the
 * collection's writes, so a change made after a cursor was handed out always comes after it.
 */
import type { Handler, RequestCtx } from '../core';
import { badRequest, rawJson, type Reply } from '../reply';
import type { UserRecord } from '../types';
import type { RouteDef } from './route-def';

const MAX_PER_PAGE = 1000;

interface Position {
  /** `updated_at` in ms. */
  t: number;
  /** Collection.writeOrder of the user's last change. */
  w: number;
}

const encode = (p: Position) => Buffer.from(JSON.stringify(p)).toString('base64url');

function decode(raw: string): Position | null {
  try {
    const p = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Position;
    return Number.isSafeInteger(p?.t) && Number.isSafeInteger(p?.w) ? { t: p.t, w: p.w } : null;
  } catch {
    return null;
  }
}

const isAfter = (a: Position, b: Position) => a.t > b.t || (a.t === b.t && a.w > b.w);

/** The users changed after `from`, oldest change first: a page of `size`, and whether more follow. */
function changedAfter(ctx: RequestCtx, from: Position, size: number): { page: { user: UserRecord; at: Position }[]; more: boolean } {
  const users = ctx.core.state.users;
  const later = [...users.map.values()]
    .map((user) => ({ user, at: { t: Date.parse(user.updated_at), w: users.writeOrder(user.id) } }))
    .filter(({ at }) => isAfter(at, from))
    .sort((a, b) => a.at.t - b.at.t || a.at.w - b.at.w);
  return { page: later.slice(0, size), more: later.length > size };
}

/** `per_page` (at most 1000), `start_time` (Unix seconds, at least a minute ago, as Zendesk requires), or the 400. */
function readPaging(ctx: RequestCtx, startRequired: boolean): { size: number; start?: number } | Reply {
  const q = ctx.query;
  const perPage = q.get('per_page');
  if (perPage !== null && !/^\d+$/.test(perPage)) return badRequest('Invalid parameter', 'per_page must be a positive whole number');
  const size = Math.min(MAX_PER_PAGE, Math.max(1, perPage === null ? MAX_PER_PAGE : Number(perPage)));
  const startRaw = q.get('start_time');
  if (startRaw === null) return startRequired ? badRequest('Invalid parameter', 'start_time is required') : { size };
  if (!/^\d{1,12}$/.test(startRaw)) return badRequest('Invalid parameter', 'start_time must be a Unix time in seconds');
  const start = Number(startRaw);
  if (start * 1000 > ctx.core.now() - 60_000) return badRequest('Invalid parameter', 'Too recent start_time. Use a start_time older than 1 minute');
  return { size, start };
}

const usersJson = (ctx: RequestCtx, page: { user: UserRecord }[]) => page.map(({ user }) => ctx.core.state.users.toJson(user)).join(',');

/** `?start_time=` for the first page, then `?cursor=` (after_cursor); end_of_stream once nothing more has changed. */
const cursorExport: Handler = (ctx) => {
  const cursor = ctx.query.get('cursor');
  const paging = readPaging(ctx, cursor === null);
  if ('status' in paging) return paging;
  // start_time: users changed at or after it (write orders start at 1).
  const from = cursor !== null ? decode(cursor) : { t: paging.start! * 1000, w: 0 };
  if (!from) return badRequest('Invalid parameter', 'cursor is not a cursor of this export');
  const { page, more } = changedAfter(ctx, from, paging.size);
  const afterCursor = encode(page.length ? page[page.length - 1].at : from);
  const perPage = ctx.query.get('per_page');
  const afterUrl = `${ctx.core.base}/incremental/users/cursor?cursor=${afterCursor}${perPage === null ? '' : `&per_page=${paging.size}`}`;
  const tail = { after_url: afterUrl, after_cursor: afterCursor, before_url: null, before_cursor: null, end_of_stream: !more };
  return rawJson(200, `{"users":[${usersJson(ctx, page)}],${JSON.stringify(tail).slice(1)}`);
};

/** The older export: `?start_time=`, then next_page (start_time = end_time); a user changed within a second may come twice, as on Zendesk. */
const timeExport: Handler = (ctx) => {
  const paging = readPaging(ctx, true);
  if ('status' in paging) return paging;
  const { page, more } = changedAfter(ctx, { t: paging.start! * 1000, w: 0 }, paging.size);
  const endTime = page.length ? Math.floor(page[page.length - 1].at.t / 1000) : paging.start!;
  const tail = { next_page: `${ctx.core.base}/incremental/users?start_time=${endTime}`, count: page.length, end_of_stream: !more, end_time: endTime };
  return rawJson(200, `{"users":[${usersJson(ctx, page)}],${JSON.stringify(tail).slice(1)}`);
};

export const incrementalExportRoutes: RouteDef[] = [
  { method: 'GET', path: '/incremental/users/cursor', name: 'GET /incremental/users/cursor', handler: cursorExport, exportLimited: true },
  { method: 'GET', path: '/incremental/users', name: 'GET /incremental/users', handler: timeExport, exportLimited: true },
];
