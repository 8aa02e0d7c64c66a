/**
 * Runs a compiled search over the state. `walk` is the single source of truth for which records match
 * and in what order, so /search, /search/count and /search/export always agree.
 */
import type { SandboxState } from '../state';
import { collectionFor, type CompiledSearch, type SearchType } from './compile';

export interface Hit {
  type: SearchType;
  rec: { id: number; created_at: string; updated_at: string };
}

/** Sort keys /search accepts in `sort_by`, mapped to collection sort keys. */
const SORTABLE: Record<string, string> = {
  created_at: 'created_at',
  updated_at: 'updated_at',
  priority: 'priority',
  status: 'status',
  ticket_type: 'ticket_type',
};

export function countMatches(cs: CompiledSearch, state: SandboxState): number {
  let n = 0;
  for (const type of cs.types) {
    const match = cs.match[type]!;
    for (const rec of collectionFor(state, type).map.values()) if (match(rec)) n++;
  }
  return n;
}

/**
 * Visits matches in result order. Without a sort they come type by type, by id; with one, a single
 * type walks its cached sorted view and several types are merged.
 */
export function walkMatches(
  cs: CompiledSearch,
  state: SandboxState,
  sortBy: string | null,
  desc: boolean,
  visit: (hit: Hit) => void,
): void {
  const key = sortBy ? SORTABLE[sortBy] : undefined;
  if (!key) {
    for (const type of cs.types) {
      const match = cs.match[type]!;
      for (const rec of collectionFor(state, type).map.values()) if (match(rec)) visit({ type, rec });
    }
    return;
  }
  const sortedOf = (type: SearchType): Hit['rec'][] => {
    const coll = collectionFor(state, type) as unknown as { sortKeys: Record<string, unknown>; sorted(k: string): Hit['rec'][] };
    return coll.sortKeys[key] ? coll.sorted(key) : coll.sorted('id');
  };
  if (cs.types.length === 1) {
    const type = cs.types[0];
    const match = cs.match[type]! as (r: Hit['rec']) => boolean;
    const arr = sortedOf(type);
    const n = arr.length;
    for (let i = 0; i < n; i++) {
      const rec = desc ? arr[n - 1 - i] : arr[i];
      if (match(rec)) visit({ type, rec });
    }
    return;
  }
  // Several types: only dates are common to all, so merge on those; other keys put tickets first.
  const hits: Hit[] = [];
  for (const type of cs.types) {
    const match = cs.match[type]! as (r: Hit['rec']) => boolean;
    for (const rec of sortedOf(type)) if (match(rec)) hits.push({ type, rec });
  }
  if (key === 'created_at' || key === 'updated_at') {
    hits.sort((a, b) => (a.rec[key] < b.rec[key] ? -1 : a.rec[key] > b.rec[key] ? 1 : a.rec.id - b.rec.id));
  }
  if (desc) hits.reverse();
  for (const h of hits) visit(h);
}
