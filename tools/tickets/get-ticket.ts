import { defineTool, READ_ONLY } from '../define';
import { out, ticketOutput } from '../outputs';
import { credentialParams, param } from '../params';

export const getTicketTool = defineTool({
  id: 'zendesk_get_ticket',
  name: 'Get ticket',
  resource: 'tickets',
  description: 'Fetch one ticket by its id, with all its fields, tags and custom field values.',
  params: {
    ...credentialParams,
    ticketId: param.numericId('Id of the ticket.', { required: true, example: '12345' }),
  },
  request: (p) => ({ method: 'GET', path: ['tickets', p.ticketId] }),
  outputs: { ticket: ticketOutput, ticket_id: out.number('Id of the ticket') },
  output: ({ body }) => ({ ticket: body.ticket, ticket_id: body.ticket?.id }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
