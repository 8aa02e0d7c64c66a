import type { ResourceOperations } from '../../contract';
import { createGroupMembershipTool } from './create-group-membership';
import { createGroupMembershipsBulkTool } from './create-group-memberships-bulk';
import { deleteGroupMembershipTool } from './delete-group-membership';
import { deleteGroupMembershipsBulkTool } from './delete-group-memberships-bulk';
import { getGroupMembershipsTool } from './get-group-memberships';
import { makeGroupMembershipDefaultTool } from './make-group-membership-default';
import { groupMemberships } from './resource';

export const groupMembershipOperations: ResourceOperations = {
  resource: groupMemberships,
  operations: [
    getGroupMembershipsTool,
    createGroupMembershipTool,
    createGroupMembershipsBulkTool,
    makeGroupMembershipDefaultTool,
    deleteGroupMembershipTool,
    deleteGroupMembershipsBulkTool,
  ],
};
