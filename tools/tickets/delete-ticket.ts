import { defineTool, DELETES } from '../define';
import { out } from '../outputs';
import { tickets, ticketId } from './resource';

export const deleteTicketTool = defineTool({
  id: 'zendesk_delete_ticket',
  name: 'Delete ticket',
  resource: tickets.id,
  description: 'Delete one ticket. It moves to the deleted tickets view, where an admin can restore it for 30 days.',
  params: {
    ticketId: ticketId('Id of the ticket to delete.'),
  },
  request: (p) => ({ method: 'DELETE', path: ['tickets', p.ticketId] }),
  outputs: { deleted: out.boolean('True once the ticket is deleted'), ticket_id: out.string('Id of the deleted ticket') },
  output: (_response, p) => ({ deleted: true, ticket_id: String(p.ticketId) }),
  result: { kind: 'single' },
  hints: DELETES,
});
