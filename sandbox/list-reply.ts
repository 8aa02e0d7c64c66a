/**
 * The list endpoints' common answer: cursor paging when any `page[...]` parameter is given, offset
 * paging otherwise (as Zendesk does), both assembled from each record's cached JSON.
 */
import type { Collection } from './collection';
import {
  cursorPage, isCursorRequest, offsetWindow, pageUrl, parseSort, readCursorParams, readOffsetParams,
} from './pagination';
import { invalidParameter, rawJson, type Reply } from './reply';

export interface ListSpec<T extends { id: number }> {
  coll: Collection<T>;
  /** Response key, e.g. `tickets`. */
  key: string;
  /** Path for links, e.g. `/tickets`. */
  path: string;
  /** Keys accepted by cursor paging's `sort` (each also as `-key`). */
  sortKeys: readonly string[];
  /** Keys accepted by offset paging's `sort_by` (default: sortKeys). */
  offsetSortKeys?: readonly string[];
  match: ((rec: T) => boolean) | null;
  /** Order when the request names none (default id). */
  defaultSort?: string;
  /** Offset-only endpoints (users search, autocomplete) ignore `page[...]`. */
  offsetOnly?: boolean;
}

export function listReply<T extends { id: number }>(base: string, q: URLSearchParams, spec: ListSpec<T>): Reply {
  const { coll } = spec;
  const join = (items: T[]) => items.map((r) => coll.toJson(r)).join(',');

  if (!spec.offsetOnly && isCursorRequest(q)) {
    const params = readCursorParams(q, 100);
    if ('status' in params) return params;
    const sort = parseSort(q.get('sort'), spec.sortKeys, spec.defaultSort ?? 'id');
    if (!sort) return invalidParameter('InvalidPaginationParameter', 'sort is not valid', `sort must be one of ${spec.sortKeys.flatMap((k) => [k, `-${k}`]).join(', ')}`);
    const page = cursorPage(coll, sort, params.size, params.after, params.before, spec.match);
    if ('status' in page) return page;
    const carry = new URLSearchParams(q);
    carry.delete('page[after]');
    carry.delete('page[before]');
    const size = String(params.size);
    const meta = { has_more: page.hasMore, after_cursor: page.afterCursor, before_cursor: page.beforeCursor };
    const links = {
      prev: page.hasPrev && page.beforeCursor ? pageUrl(base, spec.path, carry, { 'page[size]': size, 'page[before]': page.beforeCursor }) : null,
      next: page.hasNext && page.afterCursor ? pageUrl(base, spec.path, carry, { 'page[size]': size, 'page[after]': page.afterCursor }) : null,
    };
    return rawJson(200, `{"${spec.key}":[${join(page.items)}],"meta":${JSON.stringify(meta)},"links":${JSON.stringify(links)}}`);
  }

  const p = readOffsetParams(q);
  if ('status' in p) return p;
  const sortBy = q.get('sort_by');
  const key = sortBy && (spec.offsetSortKeys ?? spec.sortKeys).includes(sortBy) ? sortBy : spec.defaultSort ?? 'id';
  const desc = q.get('sort_order') === 'desc';
  const arr = coll.sorted(key);
  let window: { items: T[]; count: number };
  if (spec.match === null) {
    // Unfiltered: slice straight out of the sorted view.
    const start = (p.page - 1) * p.perPage;
    const n = arr.length;
    const items: T[] = [];
    for (let i = start; i < Math.min(n, start + p.perPage); i++) items.push(desc ? arr[n - 1 - i] : arr[i]);
    window = { items, count: n };
  } else {
    const match = spec.match;
    window = offsetWindow<T>((visit) => {
      const n = arr.length;
      for (let i = 0; i < n; i++) {
        const rec = desc ? arr[n - 1 - i] : arr[i];
        if (match(rec)) visit(rec);
      }
    }, p);
  }
  const perPage = String(p.perPage);
  const next = p.page * p.perPage < window.count ? pageUrl(base, spec.path, q, { page: String(p.page + 1), per_page: perPage }) : null;
  const prev = p.page > 1 ? pageUrl(base, spec.path, q, { page: String(p.page - 1), per_page: perPage }) : null;
  return rawJson(
    200,
    `{"${spec.key}":[${join(window.items)}],"next_page":${JSON.stringify(next)},"previous_page":${JSON.stringify(prev)},"count":${window.count}}`,
  );
}
