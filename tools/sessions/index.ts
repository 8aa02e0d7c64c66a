import type { ResourceOperations } from '../../contract';
import { deleteUserSessionTool } from './delete-user-session';
import { deleteUserSessionsTool } from './delete-user-sessions';
import { getUserSessionTool } from './get-user-session';
import { getUserSessionsTool } from './get-user-sessions';
import { logoutUsersBulkTool } from './logout-users-bulk';
import { sessions } from './resource';

export const sessionOperations: ResourceOperations = {
  resource: sessions,
  operations: [getUserSessionsTool, getUserSessionTool, deleteUserSessionTool, deleteUserSessionsTool, logoutUsersBulkTool],
};
