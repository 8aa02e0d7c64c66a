/**
 * Tokeniser for Zendesk's search syntax: `field:value`, `field<value` (also `<=`, `>`, `>=`),
 * a leading `-` for negation, `"quoted phrases"` (alone or as a value) and a trailing `*` wildcard.
 */

export type Op = ':' | '<' | '>' | '<=' | '>=';

export interface Term {
  neg: boolean;
  /** null for a free word or phrase. */
  field: string | null;
  op: Op;
  value: string;
  /** The value was quoted: match the exact phrase (whole words). */
  phrase: boolean;
  /** The value ended in `*`: match as a prefix. */
  wildcard: boolean;
}

export const KEYWORDS = new Set([
  'type', 'status', 'priority', 'ticket_type', 'tags', 'tag', 'assignee', 'assignee_id', 'requester',
  'requester_id', 'submitter', 'submitter_id', 'group', 'group_id', 'organization', 'organization_id',
  'created', 'updated', 'external_id', 'role', 'name', 'email', 'subject', 'description', 'order_by', 'sort',
  'is_suspended',
]);

const FIELD_OP = /^([a-z_]+)(<=|>=|:|<|>)/i;

export function tokenize(query: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    while (i < n && /\s/.test(query[i])) i++;
    if (i >= n) break;
    let neg = false;
    if (query[i] === '-' && i + 1 < n && !/\s/.test(query[i + 1])) {
      neg = true;
      i++;
    }
    let field: string | null = null;
    let op: Op = ':';
    const m = FIELD_OP.exec(query.slice(i, i + 40));
    if (m && KEYWORDS.has(m[1].toLowerCase())) {
      field = m[1].toLowerCase();
      op = m[2] as Op;
      i += m[0].length;
    }
    let value = '';
    let phrase = false;
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      const end = close < 0 ? n : close;
      value = query.slice(i + 1, end);
      phrase = true;
      i = close < 0 ? n : close + 1;
    } else {
      const start = i;
      while (i < n && !/\s/.test(query[i])) i++;
      value = query.slice(start, i);
    }
    let wildcard = false;
    if (!phrase && value.endsWith('*')) {
      wildcard = true;
      value = value.slice(0, -1);
    }
    if (field !== null && value === '' && !phrase) continue; // "status:" alone says nothing
    terms.push({ neg, field, op, value, phrase, wildcard });
  }
  return terms;
}
