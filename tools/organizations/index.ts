import type { ResourceOperations } from '../../contract';
import { autocompleteOrganizationsTool } from './autocomplete-organizations';
import { createOrganizationTool } from './create-organization';
import { createOrganizationsBulkTool } from './create-organizations-bulk';
import { deleteOrganizationTool } from './delete-organization';
import { getOrganizationTool } from './get-organization';
import { getOrganizationsTool } from './get-organizations';
import { organizations } from './resource';
import { updateOrganizationTool } from './update-organization';

export const organizationOperations: ResourceOperations = {
  resource: organizations,
  operations: [
    getOrganizationsTool,
    getOrganizationTool,
    autocompleteOrganizationsTool,
    createOrganizationTool,
    createOrganizationsBulkTool,
    updateOrganizationTool,
    deleteOrganizationTool,
  ],
};
