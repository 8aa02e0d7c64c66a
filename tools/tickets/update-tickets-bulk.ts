import { defineTool, jobAnswer, requireOneOf, UPDATES } from '../define';
import { param, ticketFieldParams } from '../params';
import { ticketFields } from './ticket-fields';
import { tickets } from './resource';

export const updateTicketsBulkTool = defineTool({
  id: 'zendesk_update_tickets_bulk',
  name: 'Update tickets in bulk',
  resource: tickets.id,
  description:
    'Apply the same change to many tickets by id in one background job: status, priority, assignee, group, and tags that are ADDED to each ticket\'s ' +
    'existing tags (never replacing them). Zendesk takes 100 ids per job; longer lists are split. At least one change is required.',
  params: {
    ticketIds: param.idList('Comma-separated ticket ids, e.g. "111, 222, 333".', { required: true, perRequestLimit: 100, example: '111, 222, 333' }),
    status: ticketFieldParams.status,
    priority: ticketFieldParams.priority,
    assigneeId: ticketFieldParams.assigneeId,
    groupId: ticketFieldParams.groupId,
    tags: param.stringList('Comma-separated tags to add to every ticket (existing tags are kept).', { field: 'ticketTagsToAdd' }),
  },
  check: (p) => requireOneOf(p, ['status', 'priority', 'assigneeId', 'groupId', 'tags']),
  request: (p) => {
    const { tags, ...changes } = p;
    return {
      method: 'PUT',
      path: ['tickets', 'update_many'],
      query: { ids: p.ticketIds },
      // additional_tags adds; `tags` would replace every ticket's tags.
      body: { ticket: { ...ticketFields(changes), ...(tags ? { additional_tags: tags } : {}) } },
    };
  },
  ...jobAnswer('ticketIds'),
  hints: UPDATES,
});
