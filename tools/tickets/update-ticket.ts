import { defineTool, requireOneOf } from '../define';
import { out, ticketOutput } from '../outputs';
import { credentialParams, param, ticketFieldParams } from '../params';
import { checkCustomFields, ticketFields } from './ticket-fields';

const CHANGES = ['subject', 'comment', 'priority', 'status', 'type', 'tags', 'assigneeId', 'groupId', 'customFields'];

export const updateTicketTool = defineTool({
  id: 'zendesk_update_ticket',
  name: 'Update ticket',
  resource: 'tickets',
  description:
    'Change one ticket and optionally add a public comment. Only the fields you set are changed; tags given here replace the ticket\'s tags ' +
    '(to add tags to many tickets without replacing, use zendesk_update_tickets_bulk). At least one change is required.',
  params: {
    ...credentialParams,
    ticketId: param.numericId('Id of the ticket to change.', { required: true, example: '12345' }),
    subject: param.text('New subject.'),
    comment: param.text('A public comment to add to the ticket.', { multiline: true }),
    priority: ticketFieldParams.priority,
    status: ticketFieldParams.status,
    type: ticketFieldParams.type,
    tags: param.stringList('Comma-separated tags; they replace the current tags.'),
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
  }),
  outputs: { ticket: ticketOutput, ticket_id: out.number('Id of the ticket') },
  output: ({ body }) => ({ ticket: body.ticket, ticket_id: body.ticket?.id }),
  result: { kind: 'single' },
  hints: { readOnly: false, destructive: false, idempotent: false },
});
