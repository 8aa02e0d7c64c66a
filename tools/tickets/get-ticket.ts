import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { tickets, ticketId } from './resource';

export const getTicketTool = defineTool({
  id: 'zendesk_get_ticket',
  name: 'Get ticket',
  resource: tickets.id,
  description: 'Fetch one ticket by its id, with all its fields, tags and custom field values.',
  params: {
    ticketId: ticketId('Id of the ticket.'),
  },
  request: (p) => ({ method: 'GET', path: ['tickets', p.ticketId], reads: ['ticket.id'] }),
  outputs: { ticket: tickets.record, ticket_id: out.number('Id of the ticket') },
  output: ({ body }) => ({ ticket: body.ticket, ticket_id: body.ticket?.id }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
