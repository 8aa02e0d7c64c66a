import type { ResourceOperations } from '../../contract';
import { createTicketTool } from './create-ticket';
import { createTicketsBulkTool } from './create-tickets-bulk';
import { deleteTicketTool } from './delete-ticket';
import { getTicketTool } from './get-ticket';
import { getTicketsTool } from './get-tickets';
import { mergeTicketsTool } from './merge-tickets';
import { tickets } from './resource';
import { updateTicketTool } from './update-ticket';
import { updateTicketsBulkTool } from './update-tickets-bulk';

export const ticketOperations: ResourceOperations = {
  resource: tickets,
  operations: [getTicketsTool, getTicketTool, createTicketTool, createTicketsBulkTool, updateTicketTool, updateTicketsBulkTool, deleteTicketTool, mergeTicketsTool],
};
