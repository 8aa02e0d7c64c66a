/** The registry of every operation, keyed by tool id. */
import type { AnyToolDefinition } from './types';
import { createTicketTool } from './tickets/create-ticket';
import { createTicketsBulkTool } from './tickets/create-tickets-bulk';
import { deleteTicketTool } from './tickets/delete-ticket';
import { getTicketTool } from './tickets/get-ticket';
import { getTicketsTool } from './tickets/get-tickets';
import { mergeTicketsTool } from './tickets/merge-tickets';
import { updateTicketTool } from './tickets/update-ticket';
import { updateTicketsBulkTool } from './tickets/update-tickets-bulk';

const definitions: AnyToolDefinition[] = [
  getTicketsTool,
  getTicketTool,
  createTicketTool,
  createTicketsBulkTool,
  updateTicketTool,
  updateTicketsBulkTool,
  deleteTicketTool,
  mergeTicketsTool,
];

export const zendeskTools: Readonly<Record<string, AnyToolDefinition>> = Object.freeze(
  Object.fromEntries(definitions.map((tool) => [tool.id, tool])),
);

export const allTools: readonly AnyToolDefinition[] = definitions;
export const toolIds: readonly string[] = definitions.map((tool) => tool.id);

export function getTool(id: string): AnyToolDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(zendeskTools, id) ? zendeskTools[id] : undefined;
}

export type { AnyToolDefinition, ToolDefinition, ParamDefinition, OutputNode, OutputMap } from './types';
