import { CREATES, defineTool, jobAnswer } from '../define';
import { param } from '../params';
import type { InputProblem } from '../../contract';
import { tickets } from './resource';

/** Each element must be a ticket object; `description` is accepted for the first comment, as in create ticket. */
function asTicket(element: unknown): Record<string, unknown> {
  const ticket = element as Record<string, unknown>;
  if (ticket.comment === undefined && typeof ticket.description === 'string') {
    const { description, ...rest } = ticket;
    return { ...rest, comment: { body: description } };
  }
  return ticket;
}

function checkTickets(tickets: unknown[]): InputProblem | undefined {
  const bad = tickets.findIndex((t) => !t || typeof t !== 'object' || Array.isArray(t));
  if (bad >= 0) return { param: 'tickets', message: `tickets: item ${bad + 1} must be a ticket object ({"subject": ..., "comment": {"body": ...}}).` };
  const bodiless = tickets.findIndex((t) => (t as any).comment === undefined && typeof (t as any).description !== 'string');
  if (bodiless >= 0) return { param: 'tickets', message: `tickets: item ${bodiless + 1} needs a "comment": {"body": ...} or a "description".` };
  return undefined;
}

export const createTicketsBulkTool = defineTool({
  id: 'zendesk_create_tickets_bulk',
  name: 'Create tickets in bulk',
  resource: tickets.id,
  description:
    'Create many tickets in one background job. Give a JSON array of ticket objects, each with a "comment": {"body": ...} or a "description". ' +
    'Zendesk takes 100 per job; longer lists are split into several jobs. The answer is the job status; per-item results say which tickets were created.',
  params: {
    tickets: param.batch(
      'JSON array of tickets, e.g. [{"subject": "Hi", "comment": {"body": "Help"}, "priority": "high"}].',
      '{"subject": "Printer on fire", "comment": {"body": "Smoke everywhere"}, "priority": "urgent"}',
    ),
  },
  check: (p) => checkTickets(p.tickets),
  request: (p) => ({ method: 'POST', path: ['tickets', 'create_many'], body: { tickets: p.tickets.map(asTicket) } }),
  ...jobAnswer('tickets'),
  hints: CREATES,
});
