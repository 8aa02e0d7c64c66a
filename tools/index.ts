/** The registry of every operation, keyed by tool id. */
import type { AnyToolDefinition } from './types';
import { autocompleteOrganizationsTool } from './organizations/autocomplete-organizations';
import { createOrganizationTool } from './organizations/create-organization';
import { createOrganizationsBulkTool } from './organizations/create-organizations-bulk';
import { deleteOrganizationTool } from './organizations/delete-organization';
import { getOrganizationTool } from './organizations/get-organization';
import { getOrganizationsTool } from './organizations/get-organizations';
import { updateOrganizationTool } from './organizations/update-organization';
import { searchTool } from './search/search';
import { searchCountTool } from './search/search-count';
import { createTicketTool } from './tickets/create-ticket';
import { createTicketsBulkTool } from './tickets/create-tickets-bulk';
import { deleteTicketTool } from './tickets/delete-ticket';
import { getTicketTool } from './tickets/get-ticket';
import { getTicketsTool } from './tickets/get-tickets';
import { mergeTicketsTool } from './tickets/merge-tickets';
import { updateTicketTool } from './tickets/update-ticket';
import { triageTicketsTool } from './tickets/triage-tickets';
import { updateTicketsBulkTool } from './tickets/update-tickets-bulk';
import { createUserTool } from './users/create-user';
import { createUsersBulkTool } from './users/create-users-bulk';
import { deleteUserTool } from './users/delete-user';
import { getCurrentUserTool } from './users/get-current-user';
import { getUserTool } from './users/get-user';
import { getUsersTool } from './users/get-users';
import { searchUsersTool } from './users/search-users';
import { updateUserTool } from './users/update-user';
import { updateUsersBulkTool } from './users/update-users-bulk';

const definitions: AnyToolDefinition[] = [
  getTicketsTool,
  getTicketTool,
  createTicketTool,
  createTicketsBulkTool,
  updateTicketTool,
  updateTicketsBulkTool,
  deleteTicketTool,
  mergeTicketsTool,
  getUsersTool,
  getUserTool,
  getCurrentUserTool,
  searchUsersTool,
  createUserTool,
  createUsersBulkTool,
  updateUserTool,
  updateUsersBulkTool,
  deleteUserTool,
  getOrganizationsTool,
  getOrganizationTool,
  autocompleteOrganizationsTool,
  createOrganizationTool,
  createOrganizationsBulkTool,
  updateOrganizationTool,
  deleteOrganizationTool,
  searchTool,
  searchCountTool,
  triageTicketsTool,
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
