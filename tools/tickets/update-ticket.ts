import { defineTool, requireOneOf } from '../define';
import { out } from '../outputs';
import { param, ticketFieldParams } from '../params';
import { checkCustomFields, ticketFields } from './ticket-fields';
import { tickets, ticketId } from './resource';

const CHANGES = ['subject', 'comment', 'priority', 'status', 'type', 'tags', 'assigneeId', 'groupId', 'customFields'];

export const updateTicketTool = defineTool({
  id: 'zendesk_update_ticket',
  name: 'Update ticket',
  resource: tickets.id,
  description:
    'Change one ticket and optionally add a public comment. Only the fields you set are changed; tags given here replace the ticket\'s tags ' +
    '(to add tags to many tickets without replacing, use zendesk_update_tickets_bulk). At least one change is required.',
  params: {
    ticketId: ticketId('Id of the ticket to change.'),
    subject: param.text('New subject.'),
    comment: param.text('A public comment to add to the ticket.', { multiline: true }),
    priority: ticketFieldParams.priority,
    status: ticketFieldParams.status,
    type: ticketFieldParams.type,
    tags: param.stringList('Comma-separated tags; they replace the current tags.', { field: 'ticketTags' }),
    assigneeId: ticketFieldParams.assigneeId,
    groupId: ticketFieldParams.groupId,
    customFields: ticketFieldParams.customFields,
  },
  check: (p) => requireOneOf(p, CHANGES) ?? checkCustomFields(p.customFields),
  request: (p) => ({
    method: 'PUT',
    path: ['tickets', p.ticketId],
    body: { ticket: { ...ticketFields(p), ...(p.comment === undefined ? {} : { comment: { body: p.comment, public: true } }) } },
    // A comment is appended on every replay, so an update carrying one is not idempotent.
    idempotent: p.comment === undefined,
    reads: ['ticket.id'],
  }),
  outputs: { ticket: tickets.record, ticket_id: out.number('Id of the ticket') },
  output: ({ body }) => ({ ticket: body.ticket, ticket_id: body.ticket?.id }),
  result: { kind: 'single' },
  hints: { readOnly: false, destructive: false, idempotent: false },
});
