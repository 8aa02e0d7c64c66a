import type { ResourceOperations } from '../../contract';
import { countGroupsTool } from './count-groups';
import { createGroupTool } from './create-group';
import { deleteGroupTool } from './delete-group';
import { getGroupTool } from './get-group';
import { getGroupUsersTool } from './get-group-users';
import { getGroupsTool } from './get-groups';
import { groups } from './resource';
import { updateGroupTool } from './update-group';

export const groupOperations: ResourceOperations = {
  resource: groups,
  operations: [getGroupsTool, getGroupTool, countGroupsTool, getGroupUsersTool, createGroupTool, updateGroupTool, deleteGroupTool],
};
