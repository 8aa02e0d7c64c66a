/**
 * Turns parsed terms into one predicate per record type. References (assignee:"Jane", group:Billing)
 * are resolved to id sets once per query, so evaluating a ticket is a handful of comparisons.
 *
 * Semantics: different keywords AND together; repeated positive `keyword:value` terms for the same
 * keyword OR together (`status:open status:pending`); comparisons, negations and free words always AND.
 */
import { isoSeconds } from '../seed';
import { PRIORITY_ORDER, STATUS_ORDER, type SandboxState } from '../state';
import type { GroupRecord, OrganizationRecord, TicketRecord, UserRecord } from '../types';
import { normalize, normalizeTerm } from './text';
import { tokenize, type Term } from './parse';

export type SearchType = 'ticket' | 'user' | 'organization' | 'group';
export const SEARCH_TYPES: readonly SearchType[] = ['ticket', 'user', 'organization', 'group'];

type Pred<T> = (rec: T) => boolean;
type AnyRec = TicketRecord | UserRecord | OrganizationRecord | GroupRecord;

export interface CompiledSearch {
  /** Types that can match, in result order. */
  types: SearchType[];
  match: Partial<Record<SearchType, Pred<AnyRec>>>;
  /** The query named a type (`type:ticket`); the export endpoint refuses that. */
  hasTypeTerm: boolean;
  sortBy: string | null;
  sortOrder: 'asc' | 'desc' | null;
}

export interface SearchEnv {
  state: SandboxState;
  meId: number;
  now: number;
}

const NEVER = () => false;

/** Whole-word / word-prefix match on normalised text (see text.ts). */
function textMatcher(term: Term): ((text: string) => boolean) | null {
  const t = normalizeTerm(term.value);
  if (!t) return null;
  const needle = term.phrase ? ` ${t} ` : ` ${t}`;
  return (text) => text.includes(needle);
}

function matchString(term: Term, value: string | null): boolean {
  const v = term.value.toLowerCase();
  if (v === 'none') return value === null || value === '';
  if (value === null) return false;
  const s = value.toLowerCase();
  return term.wildcard ? s.startsWith(v) : s === v;
}

function matchTags(term: Term, tags: string[]): boolean {
  const v = term.value.toLowerCase();
  if (v === 'none') return tags.length === 0;
  return term.wildcard ? tags.some((t) => t.startsWith(v)) : tags.includes(v);
}

/** Date values: YYYY-MM-DD (a whole UTC day), an ISO instant, or relative like `4hours`. */
function dateRange(value: string, now: number): [string, string] | null {
  const rel = /^(\d+)(minute|hour|day|week|month|year)s?$/i.exec(value);
  if (rel) {
    const unit = { minute: 60e3, hour: 3600e3, day: 86400e3, week: 7 * 86400e3, month: 30 * 86400e3, year: 365 * 86400e3 }[
      rel[2].toLowerCase() as 'minute'
    ];
    const at = now - Number(rel[1]) * unit;
    return [isoSeconds(at), isoSeconds(at + 1000)];
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(start)) return null;
    return [isoSeconds(start), isoSeconds(start + 86400e3)];
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  return [isoSeconds(t), isoSeconds(t + 1000)];
}

function compareDate(term: Term, env: SearchEnv, get: (r: AnyRec) => string): Pred<AnyRec> {
  const range = dateRange(term.value, env.now);
  if (!range) return NEVER;
  const [s, e] = range;
  switch (term.op) {
    case ':': return (r) => { const x = get(r); return x >= s && x < e; };
    case '<': return (r) => get(r) < s;
    case '<=': return (r) => get(r) < e;
    case '>': return (r) => get(r) >= e;
    case '>=': return (r) => get(r) >= s;
  }
}

function compareRank(term: Term, order: readonly string[], get: (r: AnyRec) => string | null): Pred<AnyRec> {
  const v = term.value.toLowerCase();
  if (v === 'none') return term.op === ':' ? (r) => get(r) === null : NEVER;
  const target = order.indexOf(v);
  if (target < 0) return NEVER;
  const rankOf = (r: AnyRec) => { const x = get(r); return x === null ? -1 : order.indexOf(x); };
  switch (term.op) {
    case ':': return (r) => get(r) === v;
    case '<': return (r) => { const k = rankOf(r); return k >= 0 && k < target; };
    case '<=': return (r) => { const k = rankOf(r); return k >= 0 && k <= target; };
    case '>': return (r) => rankOf(r) > target;
    case '>=': return (r) => rankOf(r) >= target;
  }
}

function compareId(term: Term, get: (r: AnyRec) => number | null): Pred<AnyRec> {
  const v = term.value.toLowerCase();
  if (v === 'none') return term.op === ':' ? (r) => get(r) === null : NEVER;
  if (!/^\d+$/.test(v)) return NEVER;
  const n = Number(v);
  switch (term.op) {
    case ':': return (r) => get(r) === n;
    case '<': return (r) => { const x = get(r); return x !== null && x < n; };
    case '<=': return (r) => { const x = get(r); return x !== null && x <= n; };
    case '>': return (r) => { const x = get(r); return x !== null && x > n; };
    case '>=': return (r) => { const x = get(r); return x !== null && x >= n; };
  }
}

/** `assignee:`/`requester:` values: none, me, an id, an email, or (part of) a name. */
function userRef(term: Term, env: SearchEnv, get: (r: AnyRec) => number | null): Pred<AnyRec> {
  const v = term.value.toLowerCase();
  if (v === 'none') return (r) => get(r) === null;
  if (v === 'me') return (r) => get(r) === env.meId;
  if (/^\d+$/.test(v)) return compareId(term, get);
  const ids = new Set<number>();
  if (v.includes('@')) {
    for (const u of env.state.users.map.values()) {
      if (matchString(term, u.email) || u.secondary_emails.some((e) => matchString(term, e))) ids.add(u.id);
    }
  } else {
    const tm = textMatcher(term);
    if (!tm) return NEVER;
    for (const u of env.state.users.map.values()) if (tm(normalize(u.name))) ids.add(u.id);
  }
  return (r) => { const x = get(r); return x !== null && ids.has(x); };
}

/** `group:`/`organization:` values: none, an id, or (part of) a name. */
function namedRef(term: Term, records: Iterable<{ id: number; name: string }>, get: (r: AnyRec) => number | null): Pred<AnyRec> {
  const v = term.value.toLowerCase();
  if (v === 'none') return (r) => get(r) === null;
  if (/^\d+$/.test(v)) return compareId(term, get);
  const tm = textMatcher(term);
  if (!tm) return NEVER;
  const ids = new Set<number>();
  for (const rec of records) if (tm(normalize(rec.name))) ids.add(rec.id);
  return (r) => { const x = get(r); return x !== null && ids.has(x); };
}

function textField(term: Term, get: (r: AnyRec) => string): Pred<AnyRec> {
  const tm = textMatcher(term);
  if (!tm) return () => true;
  return (r) => tm(normalize(get(r)));
}

const T = (r: AnyRec) => r as TicketRecord;
const U = (r: AnyRec) => r as UserRecord;
const O = (r: AnyRec) => r as OrganizationRecord;

/** The predicate for one keyword term on one type, or null when the keyword does not apply to it. */
function fieldPredicate(type: SearchType, term: Term, env: SearchEnv): Pred<AnyRec> | null {
  const f = term.field === 'tag' ? 'tags' : term.field;
  const eqOnly = term.op === ':';
  const s = env.state;
  const created = (r: AnyRec) => r.created_at;
  const updated = (r: AnyRec) => r.updated_at;
  if (f === 'created') return compareDate(term, env, created);
  if (f === 'updated') return compareDate(term, env, updated);
  switch (type) {
    case 'ticket':
      switch (f) {
        case 'status': return compareRank(term, STATUS_ORDER, (r) => T(r).status);
        case 'priority': return compareRank(term, PRIORITY_ORDER, (r) => T(r).priority);
        case 'ticket_type': return eqOnly ? (r) => matchString(term, T(r).type) : NEVER;
        case 'tags': return eqOnly ? (r) => matchTags(term, T(r).tags) : NEVER;
        case 'assignee': return userRef(term, env, (r) => T(r).assignee_id);
        case 'requester': return userRef(term, env, (r) => T(r).requester_id);
        case 'submitter': return userRef(term, env, (r) => T(r).submitter_id);
        case 'assignee_id': return compareId(term, (r) => T(r).assignee_id);
        case 'requester_id': return compareId(term, (r) => T(r).requester_id);
        case 'submitter_id': return compareId(term, (r) => T(r).submitter_id);
        case 'group': return namedRef(term, s.groups.map.values(), (r) => T(r).group_id);
        case 'group_id': return compareId(term, (r) => T(r).group_id);
        case 'organization': return namedRef(term, s.organizations.map.values(), (r) => T(r).organization_id);
        case 'organization_id': return compareId(term, (r) => T(r).organization_id);
        case 'external_id': return (r) => matchString(term, T(r).external_id);
        case 'subject': return textField(term, (r) => T(r).subject);
        case 'description': return textField(term, (r) => T(r).description);
      }
      return null;
    case 'user':
      switch (f) {
        case 'role': { const role = term.value.toLowerCase().replace('_', '-'); return (r) => U(r).role === role; }
        case 'name': return textField(term, (r) => U(r).name);
        case 'email': return (r) => matchString(term, U(r).email) || U(r).secondary_emails.some((e) => matchString(term, e));
        case 'tags': return eqOnly ? (r) => matchTags(term, U(r).tags) : NEVER;
        case 'organization': return namedRef(term, s.organizations.map.values(), (r) => U(r).organization_id);
        case 'organization_id': return compareId(term, (r) => U(r).organization_id);
        case 'external_id': return (r) => matchString(term, U(r).external_id);
        case 'is_suspended': { const suspended = term.value.toLowerCase() === 'true'; return (r) => U(r).suspended === suspended; }
      }
      return null;
    case 'organization':
      switch (f) {
        case 'name': return textField(term, (r) => O(r).name);
        case 'tags': return eqOnly ? (r) => matchTags(term, O(r).tags) : NEVER;
        case 'external_id': return (r) => matchString(term, O(r).external_id);
      }
      return null;
    case 'group':
      return f === 'name' ? textField(term, (r) => (r as GroupRecord).name) : null;
  }
}

function allOf(preds: Pred<AnyRec>[]): Pred<AnyRec> {
  if (preds.length === 0) return () => true;
  if (preds.length === 1) return preds[0];
  return (r) => {
    for (let i = 0; i < preds.length; i++) if (!preds[i](r)) return false;
    return true;
  };
}

export function compileSearch(query: string, env: SearchEnv): CompiledSearch {
  const terms = tokenize(query);
  let sortBy: string | null = null;
  let sortOrder: 'asc' | 'desc' | null = null;
  let allowed = new Set<SearchType>(SEARCH_TYPES);
  let hasTypeTerm = false;
  const positiveTypes = new Set<string>();
  const rest: Term[] = [];
  for (const t of terms) {
    if (t.field === 'type') {
      hasTypeTerm = true;
      const v = t.value.toLowerCase();
      if (t.neg) allowed.delete(v as SearchType);
      else positiveTypes.add(v);
    } else if (t.field === 'order_by') {
      sortBy = { created: 'created_at', updated: 'updated_at', commented: 'updated_at' }[t.value.toLowerCase()] ?? t.value.toLowerCase();
    } else if (t.field === 'sort') {
      sortOrder = t.value.toLowerCase() === 'asc' ? 'asc' : 'desc';
    } else rest.push(t);
  }
  if (positiveTypes.size) allowed = new Set([...allowed].filter((t) => positiveTypes.has(t)));

  // Positive equality terms on the same keyword form one OR group.
  const groups = new Map<string, Term[]>();
  const singles: Term[] = [];
  for (const t of rest) {
    if (t.field !== null && !t.neg && t.op === ':') {
      const key = t.field === 'tag' ? 'tags' : t.field;
      const list = groups.get(key) ?? [];
      list.push(t);
      groups.set(key, list);
    } else singles.push(t);
  }

  const match: Partial<Record<SearchType, Pred<AnyRec>>> = {};
  const types: SearchType[] = [];
  for (const type of SEARCH_TYPES) {
    if (!allowed.has(type)) continue;
    const coll = collectionFor(env.state, type) as unknown as { searchText(r: AnyRec): string };
    // Deleted (inactive) users no longer show up in search, as in Zendesk.
    const preds: Pred<AnyRec>[] = type === 'user' ? [(r) => U(r).active] : [];
    let possible = true;
    for (const list of groups.values()) {
      const ors = list.map((t) => fieldPredicate(type, t, env)).filter((p): p is Pred<AnyRec> => p !== null);
      if (ors.length === 0) { possible = false; break; }
      preds.push(ors.length === 1 ? ors[0] : (r) => ors.some((p) => p(r)));
    }
    if (!possible) continue;
    for (const t of singles) {
      if (t.field === null) {
        const tm = textMatcher(t);
        if (!tm) continue;
        preds.push(t.neg ? (r) => !tm(coll.searchText(r)) : (r) => tm(coll.searchText(r)));
        continue;
      }
      const p = fieldPredicate(type, t, env);
      if (p === null) {
        if (t.neg) continue; // a user has no status, so "-status:open" holds for it
        possible = false;
        break;
      }
      preds.push(t.neg ? (r) => !p(r) : p);
    }
    if (!possible) continue;
    types.push(type);
    match[type] = allOf(preds);
  }
  return { types, match, hasTypeTerm, sortBy, sortOrder };
}

export function collectionFor(state: SandboxState, type: SearchType) {
  switch (type) {
    case 'ticket': return state.tickets;
    case 'user': return state.users;
    case 'organization': return state.organizations;
    case 'group': return state.groups;
  }
}
