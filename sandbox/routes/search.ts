/** /search, /search/count and /search/export: one compiled query, one walk, three views of it. */
import type { Handler, RequestCtx } from '../core';
import { cursorPage, offsetWindow, pageUrl, readCursorParams, readOffsetParams } from '../pagination';
import { rawJson, searchError, type Reply } from '../reply';
import { collectionFor, compileSearch, SEARCH_TYPES, type CompiledSearch, type SearchType } from '../search/compile';
import { countMatches, walkMatches, type Hit } from '../search/run';
import type { RouteDef } from './route-def';

export const SEARCH_RESULT_LIMIT = 1000;

function compile(ctx: RequestCtx): CompiledSearch | Reply {
  const query = ctx.query.get('query');
  if (query === null || query.trim() === '') return searchError(400, 'Invalid search: the query parameter is required');
  return compileSearch(query, { state: ctx.core.state, meId: ctx.userId, now: ctx.core.now() });
}

function hitJson(ctx: RequestCtx, type: SearchType, rec: { id: number }): string {
  const coll = collectionFor(ctx.core.state, type) as unknown as { toJson(r: { id: number }): string };
  const json = coll.toJson(rec);
  return `${json.slice(0, -1)},"result_type":"${type}"}`;
}

const search: Handler = (ctx) => {
  const cs = compile(ctx);
  if ('status' in cs) return cs;
  const p = readOffsetParams(ctx.query, 100, null);
  if ('status' in p) return p;
  if (p.page * p.perPage > SEARCH_RESULT_LIMIT) {
    return searchError(422, 'Invalid search: Requested response size was greater than Search Response Limits');
  }
  const sortBy = ctx.query.get('sort_by') ?? cs.sortBy;
  const order = ctx.query.get('sort_order') ?? cs.sortOrder ?? 'desc';
  const { items, count } = offsetWindow<Hit>((visit) => walkMatches(cs, ctx.core.state, sortBy, order !== 'asc', visit), p);
  const per = String(p.perPage);
  const next = p.page * p.perPage < count ? pageUrl(ctx.core.base, '/search', ctx.query, { page: String(p.page + 1), per_page: per }) : null;
  const prev = p.page > 1 ? pageUrl(ctx.core.base, '/search', ctx.query, { page: String(p.page - 1), per_page: per }) : null;
  const results = items.map((h) => hitJson(ctx, h.type, h.rec)).join(',');
  return rawJson(200, `{"results":[${results}],"facets":null,"next_page":${JSON.stringify(next)},"previous_page":${JSON.stringify(prev)},"count":${count}}`);
};

const count: Handler = (ctx) => {
  const cs = compile(ctx);
  if ('status' in cs) return cs;
  return rawJson(200, `{"count":${countMatches(cs, ctx.core.state)}}`);
};

const exportResults: Handler = (ctx) => {
  const type = ctx.query.get('filter[type]');
  if (type === null || !(SEARCH_TYPES as readonly string[]).includes(type)) {
    return searchError(400, 'Invalid search: filter[type] is required and must be one of ticket, user, organization, group');
  }
  const cs = compile(ctx);
  if ('status' in cs) return cs;
  if (cs.hasTypeTerm) return searchError(400, 'Invalid search: the type keyword is not allowed in export queries; use filter[type] instead');
  const params = readCursorParams(ctx.query, 1000);
  if ('status' in params) return params;
  const t = type as SearchType;
  const match = cs.match[t] ?? null;
  const coll = collectionFor(ctx.core.state, t) as unknown as Parameters<typeof cursorPage>[0];
  const page = cursorPage(
    coll,
    { raw: '-created_at', key: 'created_at', desc: true },
    params.size,
    params.after,
    null,
    match === null ? () => false : (r) => match(r as never),
  );
  if ('status' in page) return page;
  const carry = new URLSearchParams(ctx.query);
  carry.delete('page[after]');
  const next = page.hasNext && page.afterCursor
    ? pageUrl(ctx.core.base, '/search/export', carry, { 'page[size]': String(params.size), 'page[after]': page.afterCursor })
    : null;
  const results = page.items.map((r) => hitJson(ctx, t, r)).join(',');
  const meta = { has_more: page.hasNext, after_cursor: page.afterCursor, before_cursor: null };
  return rawJson(200, `{"results":[${results}],"facets":null,"meta":${JSON.stringify(meta)},"links":{"prev":null,"next":${JSON.stringify(next)}}}`);
};

export const searchRoutes: RouteDef[] = [
  { method: 'GET', path: '/search', name: 'GET /search', handler: search },
  { method: 'GET', path: '/search/count', name: 'GET /search/count', handler: count },
  { method: 'GET', path: '/search/export', name: 'GET /search/export', handler: exportResults },
];
