import { defineResource } from '../define';
import { ticketOutput } from '../outputs';
import { param } from '../param';

export const tickets = defineResource({ id: 'tickets', title: 'Tickets', singular: 'ticket', record: ticketOutput });

/** The ticket an operation acts on. */
export const ticketId = (description: string) => param.numericId(description, { required: true, example: '12345' });
