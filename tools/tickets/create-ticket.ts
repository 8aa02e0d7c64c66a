import { CREATES, defineTool } from '../define';
import { out } from '../outputs';
import { param, ticketFieldParams } from '../params';
import { checkCustomFields, ticketFields } from './ticket-fields';
import { tickets } from './resource';

const SUBJECT_LENGTH = 80;

/** The first line of the description, cut on a word boundary, as Zendesk agents would title it. */
export function subjectFrom(description: string): string {
  const firstLine = description.trim().split('\n')[0].trim();
  if (firstLine.length <= SUBJECT_LENGTH) return firstLine;
  const cut = firstLine.slice(0, SUBJECT_LENGTH - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : cut.length)}…`;
}

export const createTicketTool = defineTool({
  id: 'zendesk_create_ticket',
  name: 'Create ticket',
  resource: tickets.id,
  description:
    'Create one ticket. The description becomes its first comment; the subject is taken from the description when left empty. ' +
    'The executor\'s own retries cannot duplicate it (an idempotency key), but calling it twice creates two tickets. For many tickets at once use zendesk_create_tickets_bulk.',
  params: {
    subject: param.text('Subject line; generated from the description when empty.'),
    description: param.text('The first comment of the ticket: what the requester needs.', { required: true, multiline: true }),
    priority: ticketFieldParams.priority,
    status: ticketFieldParams.status,
    type: ticketFieldParams.type,
    tags: ticketFieldParams.tags,
    assigneeId: ticketFieldParams.assigneeId,
    groupId: ticketFieldParams.groupId,
    requesterId: param.numericId('Id of the requester; the caller when empty.'),
    customFields: ticketFieldParams.customFields,
  },
  check: (p) => checkCustomFields(p.customFields),
  request: (p) => ({
    method: 'POST',
    path: ['tickets'],
    body: { ticket: { ...ticketFields({ ...p, subject: p.subject ?? subjectFrom(p.description) }), comment: { body: p.description } } },
    idempotencyKey: true,
    reads: ['ticket.id'],
  }),
  outputs: { ticket: tickets.record, ticket_id: out.number('Id of the new ticket') },
  output: ({ body }) => ({ ticket: body.ticket, ticket_id: body.ticket?.id }),
  result: { kind: 'single' },
  hints: CREATES,
});
