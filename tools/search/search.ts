import { defineTool, READ_ONLY } from '../define';
import type { InputProblem } from '../../contract';
import { out } from '../outputs';
import { cursorListAnswer, cursorPagingParams, cursorQuery } from '../paging';
import { param } from '../params';
import { search } from './resource';

export const SEARCH_TYPES = ['ticket', 'user', 'organization', 'group'] as const;

/** Splits a query into its terms on whitespace outside double quotes: `subject:"a b"` stays one term. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  let term = '';
  let quoted = false;
  for (const ch of query) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && /\s/.test(ch)) {
      if (term) terms.push(term);
      term = '';
    } else term += ch;
  }
  if (term) terms.push(term);
  return terms;
}

const TYPE_TERM = /^(-?)type:(.*)$/i;

const problem = (message: string) => ({ problem: { param: 'query', message } });

/**
 * The search export refuses a `type:` keyword in the query: the type is `filter[type]`. A term that
 * says what filterType already says is dropped (`type:user` with filterType user, or `-type:ticket`
 * with filterType user); one that contradicts it, or names an unknown type, is refused.
 */
export function exportQuery(query: string, filterType: string): { query: string } | { problem: InputProblem } {
  const kept: string[] = [];
  let dropped = false;
  for (const term of queryTerms(query)) {
    const match = TYPE_TERM.exec(term);
    if (!match) {
      kept.push(term);
      continue;
    }
    const negated = match[1] === '-';
    const named = match[2].replace(/^"(.*)"$/, '$1').trim().toLowerCase();
    if (!(SEARCH_TYPES as readonly string[]).includes(named)) {
      return problem(`query has "${term}", but "${named}" is not a type this search returns (${SEARCH_TYPES.join(', ')}). The type is chosen with filterType, not in the query: remove the term.`);
    }
    if (negated ? named === filterType : named !== filterType) {
      const says = negated ? `excludes ${named}s, the very type filterType=${filterType} selects, so nothing could match` : `asks for ${named}s while filterType=${filterType}`;
      return problem(`query has "${term}", which ${says}. The search returns one type, the one filterType selects; Zendesk refuses "type:" in this query. Set filterType to the type you want and remove the term.`);
    }
    dropped = true;
  }
  if (!dropped) return { query };
  if (kept.length === 0) {
    return problem(`query holds nothing but a "type:" term, and filterType=${filterType} already selects the type. Say what to look for, e.g. "status:open" or "created>2024-01-01".`);
  }
  return { query: kept.join(' ') };
}

const searchAnswer = cursorListAnswer(
  'results',
  out.object('A ticket, user, organization or group, by filterType', {}),
  'The records of this page, all of the filterType kind',
);

export const searchTool = defineTool({
  id: 'zendesk_search',
  name: 'Search',
  resource: search.id,
  description:
    'Search tickets, users, organizations or groups with Zendesk search syntax, one page at a time (up to 100 per page), results ordered by creation date. ' +
    'filterType says which kind of record to return; do not put "type:" in the query (a "type:" term equal to filterType is dropped, a different one is refused). ' +
    'Syntax: field:value ("status:open", "tags:vip"), comparisons ("created>2024-01-01", "status<solved"), "-field:value" to exclude, "exact phrase", word* for prefixes. ' +
    'There is no 1,000-result cap: pass paging.after_cursor as pageAfter for the next page (a cursor expires after an hour). ' +
    'To only count matches use zendesk_search_count; for users by email or external id zendesk_search_users is simpler.',
  params: {
    query: param.text('Zendesk search syntax without a "type:" term, e.g. "status:open priority:urgent created>2024-01-01" or "tags:vip".', {
      required: true,
      example: 'status:open priority:urgent',
      field: 'searchQuery',
    }),
    filterType: param.choice(SEARCH_TYPES, 'Which kind of record to return: ticket, user, organization or group.', { required: true, example: 'ticket' }),
    ...cursorPagingParams,
  },
  check: (p) => {
    const resolved = exportQuery(p.query, p.filterType);
    return 'problem' in resolved ? resolved.problem : undefined;
  },
  request: (p) => {
    const resolved = exportQuery(p.query, p.filterType);
    if ('problem' in resolved) throw new Error(resolved.problem.message);
    return {
      method: 'GET',
      path: ['search', 'export'],
      query: { query: resolved.query, 'filter[type]': p.filterType, ...cursorQuery(p) },
    };
  },
  ...searchAnswer,
  // In the documented order: paging, metadata, results.
  outputs: (({ results, paging, metadata }) => ({ paging, metadata, results }))(searchAnswer.outputs),
  hints: READ_ONLY,
});
