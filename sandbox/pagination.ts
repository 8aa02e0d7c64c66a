/**
 * Cursor and offset paging over a Collection's cached sorted views. Pages are found by binary search
 * and a short scan, so paging 100k records never copies or filters the whole set per request.
 */
import type { Collection, SortValue } from './collection';
import { invalidParameter, badRequest, type Reply } from './reply';

export const OFFSET_RECORD_LIMIT = 10_000;

export interface CursorPage<T> {
  items: T[];
  hasMore: boolean;
  hasNext: boolean;
  hasPrev: boolean;
  afterCursor: string | null;
  beforeCursor: string | null;
}

interface CursorData {
  o: string;
  v: [SortValue, number];
}

export function encodeCursor(sort: string, value: SortValue, id: number): string {
  return Buffer.from(JSON.stringify({ o: sort, v: [value, id] } satisfies CursorData)).toString('base64url');
}

function decodeCursor(raw: string, sort: string): [SortValue, number] | null {
  try {
    const d = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as CursorData;
    if (d.o !== sort || !Array.isArray(d.v) || typeof d.v[1] !== 'number') return null;
    if (typeof d.v[0] !== 'string' && typeof d.v[0] !== 'number') return null;
    return d.v;
  } catch {
    return null;
  }
}

/** Parsed `sort` such as `-updated_at`. */
export interface SortSpec {
  raw: string;
  key: string;
  desc: boolean;
}

export function parseSort(raw: string | null, allowed: readonly string[], fallback: string): SortSpec | null {
  const value = raw ?? fallback;
  const desc = value.startsWith('-');
  const key = desc ? value.slice(1) : value;
  if (!allowed.includes(key)) return null;
  return { raw: value, key, desc };
}

/** Reads `page[size]` etc.; returns a 400 Reply when a value is unusable. */
export function readCursorParams(
  q: URLSearchParams,
  maxSize: number,
): { size: number; after: string | null; before: string | null } | Reply {
  const sizeRaw = q.get('page[size]');
  let size = 100;
  if (sizeRaw !== null) {
    if (!/^\d+$/.test(sizeRaw) || Number(sizeRaw) < 1) {
      return invalidParameter('InvalidPaginationParameter', 'page[size] is not valid', 'page[size] must be a positive integer');
    }
    size = Number(sizeRaw);
    if (size > maxSize) {
      return invalidParameter('InvalidPaginationParameter', 'page[size] is not valid', `page[size] must be less than or equal to ${maxSize}`);
    }
  }
  return { size, after: q.get('page[after]'), before: q.get('page[before]') };
}

export function isCursorRequest(q: URLSearchParams): boolean {
  return q.has('page[size]') || q.has('page[after]') || q.has('page[before]');
}

export function cursorPage<T extends { id: number }>(
  coll: Collection<T>,
  sort: SortSpec,
  size: number,
  after: string | null,
  before: string | null,
  match: ((rec: T) => boolean) | null,
): CursorPage<T> | Reply {
  const arr = coll.sorted(sort.key);
  const keyOf = coll.sortKeys[sort.key];
  const n = arr.length;
  const at = (i: number): T => (sort.desc ? arr[n - 1 - i] : arr[i]);
  const ok = (rec: T): boolean => match === null || match(rec);

  // First ascending index whose (key, id) is > or ≥ the cursor's.
  const lowerBound = (v: SortValue, id: number, strict: boolean): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = keyOf(arr[mid]);
      const cmp = k < v ? -1 : k > v ? 1 : arr[mid].id - id;
      if (cmp < 0 || (strict && cmp === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const items: T[] = [];
  let first = -1;
  let last = -1;
  const cursorRaw = before ?? after;
  if (cursorRaw !== null) {
    const c = decodeCursor(cursorRaw, sort.raw);
    if (!c) return invalidParameter('InvalidPaginationParameter', `page[${before !== null ? 'before' : 'after'}] is not valid`);
    const gt = lowerBound(c[0], c[1], true);
    const ge = lowerBound(c[0], c[1], false);
    // View positions: how many view items sort at-or-before / strictly-before the cursor.
    const posAfter = sort.desc ? n - ge : gt;
    const posBefore = sort.desc ? n - gt : ge;
    if (before !== null) {
      for (let i = posBefore - 1; i >= 0 && items.length < size; i--) {
        if (ok(at(i))) {
          items.push(at(i));
          if (last < 0) last = i;
          first = i;
        }
      }
      items.reverse();
    } else {
      for (let i = posAfter; i < n && items.length < size; i++) {
        if (ok(at(i))) {
          items.push(at(i));
          if (first < 0) first = i;
          last = i;
        }
      }
    }
  } else {
    for (let i = 0; i < n && items.length < size; i++) {
      if (ok(at(i))) {
        items.push(at(i));
        if (first < 0) first = i;
        last = i;
      }
    }
  }
  let hasNext = false;
  let hasPrev = false;
  if (items.length) {
    for (let i = last + 1; i < n; i++) if (ok(at(i))) { hasNext = true; break; }
    for (let i = first - 1; i >= 0; i--) if (ok(at(i))) { hasPrev = true; break; }
  }
  const cursorOf = (rec: T) => encodeCursor(sort.raw, keyOf(rec), rec.id);
  return {
    items,
    hasMore: before !== null ? hasPrev : hasNext,
    hasNext,
    hasPrev,
    afterCursor: items.length ? cursorOf(items[items.length - 1]) : null,
    beforeCursor: items.length ? cursorOf(items[0]) : null,
  };
}

export interface OffsetParams {
  page: number;
  perPage: number;
}

export function readOffsetParams(q: URLSearchParams, maxPerPage = 100, recordLimit: number | null = OFFSET_RECORD_LIMIT): OffsetParams | Reply {
  const pageRaw = q.get('page') ?? '1';
  const perRaw = q.get('per_page') ?? String(maxPerPage);
  if (!/^\d+$/.test(pageRaw) || Number(pageRaw) < 1) return badRequest('Invalid page', 'page must be a positive integer');
  if (!/^\d+$/.test(perRaw) || Number(perRaw) < 1) return badRequest('Invalid per_page', 'per_page must be a positive integer');
  const page = Number(pageRaw);
  const perPage = Math.min(maxPerPage, Number(perRaw));
  if (recordLimit !== null && page * perPage > recordLimit) {
    return badRequest(
      'Invalid pagination',
      `Offset pagination is limited to the first ${recordLimit.toLocaleString('en-US')} records. Use cursor pagination (page[size], page[after]) to go further.`,
    );
  }
  return { page, perPage };
}

/** One offset page over an ordered walk; counts every match but keeps only the window. */
export function offsetWindow<T>(walk: (visit: (rec: T) => void) => void, p: OffsetParams): { items: T[]; count: number } {
  const start = (p.page - 1) * p.perPage;
  const end = start + p.perPage;
  const items: T[] = [];
  let count = 0;
  walk((rec) => {
    if (count >= start && count < end) items.push(rec);
    count++;
  });
  return { items, count };
}

/** Builds `${base}${path}.json?...` keeping the caller's filters; brackets are percent-encoded. */
export function pageUrl(base: string, path: string, carry: URLSearchParams, set: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [k, v] of carry) if (!(k in set)) q.append(k, v);
  for (const [k, v] of Object.entries(set)) q.set(k, v);
  return `${base}${path}.json?${q.toString()}`;
}
