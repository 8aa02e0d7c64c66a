import type { ResourceOperations } from '../../contract';
import { autocompleteUsersTool } from './autocomplete-users';
import { countUsersTool } from './count-users';
import { createOrUpdateUserTool } from './create-or-update-user';
import { createOrUpdateUsersBulkTool } from './create-or-update-users-bulk';
import { createUserTool } from './create-user';
import { createUsersBulkTool } from './create-users-bulk';
import { deleteUserTool } from './delete-user';
import { deleteUsersBulkTool } from './delete-users-bulk';
import { exportUsersIncrementalTool } from './export-users-incremental';
import { getCurrentUserTool } from './get-current-user';
import { getUserTool } from './get-user';
import { getUserComplianceDeletionStatusesTool } from './get-user-compliance-deletion-statuses';
import { getUserPasswordRequirementsTool } from './get-user-password-requirements';
import { getUserRelatedTool } from './get-user-related';
import { getUserTicketSkipsTool } from './get-user-ticket-skips';
import { getUsersTool } from './get-users';
import { getUsersByIdsTool } from './get-users-by-ids';
import { mergeUsersTool } from './merge-users';
import { openUserProfileInAgentBrowserTool } from './open-user-profile-in-agent-browser';
import { permanentlyDeleteUserTool } from './permanently-delete-user';
import { removeUserFromOrganizationTool } from './remove-user-from-organization';
import { requestUserCreateTool } from './request-user-create';
import { users } from './resource';
import { searchUsersTool } from './search-users';
import { setUserDefaultOrganizationTool } from './set-user-default-organization';
import { setUserPasswordTool } from './set-user-password';
import { suspendUserTool } from './suspend-user';
import { updateUserTool } from './update-user';
import { updateUsersBulkTool } from './update-users-bulk';

export const userOperations: ResourceOperations = {
  resource: users,
  operations: [
    getUsersTool,
    getUserTool,
    getCurrentUserTool,
    searchUsersTool,
    createUserTool,
    createUsersBulkTool,
    updateUserTool,
    updateUsersBulkTool,
    deleteUserTool,
    getUsersByIdsTool,
    autocompleteUsersTool,
    countUsersTool,
    getUserRelatedTool,
    createOrUpdateUserTool,
    createOrUpdateUsersBulkTool,
    suspendUserTool,
    mergeUsersTool,
    deleteUsersBulkTool,
    exportUsersIncrementalTool,
    setUserDefaultOrganizationTool,
    removeUserFromOrganizationTool,
    // Account security (the Users API's passwords, GDPR deletion, skips).
    setUserPasswordTool,
    getUserPasswordRequirementsTool,
    getUserComplianceDeletionStatusesTool,
    getUserTicketSkipsTool,
    requestUserCreateTool,
    openUserProfileInAgentBrowserTool,
    permanentlyDeleteUserTool,
  ],
};
