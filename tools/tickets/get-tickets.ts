import { defineTool, READ_ONLY } from '../define';
import { cursorListAnswer, cursorPagingParams, cursorQuery } from '../paging';
import { param, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../params';
import { tickets } from './resource';

interface TicketFilters {
  status?: string;
  priority?: string;
  type?: string;
  assigneeId?: number;
  organizationId?: number;
}

/** Search terms from validated values only (enums and numeric ids), so nothing needs quoting. */
function filterQuery(p: TicketFilters): string | undefined {
  const terms = [
    p.status && `status:${p.status}`,
    p.priority && `priority:${p.priority}`,
    p.type && `ticket_type:${p.type}`,
    p.assigneeId && `assignee_id:${p.assigneeId}`,
    p.organizationId && `organization_id:${p.organizationId}`,
  ].filter(Boolean);
  return terms.length ? terms.join(' ') : undefined;
}

export const getTicketsTool = defineTool({
  id: 'zendesk_get_tickets',
  name: 'Get tickets',
  resource: tickets.id,
  description:
    'List tickets one page at a time (up to 100 per page), optionally filtered by status, priority, type, assignee or organization. ' +
    'Without filters it reads the ticket list and can be sorted; with filters it uses the search export (ordered by creation, no sort). ' +
    'Pass paging.after_cursor as pageAfter to get the next page. For free-text or date conditions use zendesk_search.',
  params: {
    status: param.choice(TICKET_STATUSES, 'Only tickets with this status.'),
    priority: param.choice(TICKET_PRIORITIES, 'Only tickets with this priority.'),
    type: param.choice(TICKET_TYPES, 'Only tickets of this type.'),
    assigneeId: param.numericId('Only tickets assigned to this agent id.'),
    organizationId: param.numericId('Only tickets of this organization id.'),
    sort: param.choice(['updated_at', '-updated_at', 'id', '-id', 'status', '-status'], 'Sort order ("-" for descending); only without filters.', {
      advanced: true,
    }),
    ...cursorPagingParams,
  },
  check: (p) =>
    p.sort && filterQuery(p)
      ? { param: 'sort', message: 'sort applies only without filters: filtered results come from the search export, which is ordered by creation date. Remove sort or the filters.' }
      : undefined,
  request: (p) => {
    const query = filterQuery(p);
    const paging = cursorQuery(p);
    // Filtered, the tickets come from the search export, which holds them under `results`.
    return query
      ? { method: 'GET', path: ['search', 'export'], query: { query, 'filter[type]': 'ticket', ...paging }, reads: ['results[]'] }
      : { method: 'GET', path: ['tickets'], query: { ...paging, sort: p.sort } };
  },
  // Filtered pages come from the search export, which calls its items `results`.
  ...cursorListAnswer('tickets', tickets.record, 'The tickets of this page', (body) => body?.tickets ?? body?.results),
  hints: READ_ONLY,
});
