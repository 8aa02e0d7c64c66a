import { defineTool, DELETES } from '../define';
import { out } from '../outputs';
import { groupMemberships, groupMembershipId } from './resource';

export const deleteGroupMembershipTool = defineTool({
  id: 'zendesk_delete_group_membership',
  name: 'Delete group membership',
  resource: groupMemberships.id,
  description:
    'Remove an agent from a group by the membership id (from zendesk_get_group_memberships). Zendesk also unassigns the agent\'s working ' +
    'tickets of that group (they stay in the group, with no assignee). For many memberships use zendesk_delete_group_memberships_bulk.',
  params: {
    groupMembershipId: groupMembershipId('Id of the membership to delete, e.g. 360000456 (not the group\'s id).'),
  },
  request: (p) => ({ method: 'DELETE', path: ['group_memberships', p.groupMembershipId] }),
  outputs: { deleted: out.boolean('True once the membership is deleted'), group_membership_id: out.string('Id of the deleted membership') },
  output: (_response, p) => ({ deleted: true, group_membership_id: String(p.groupMembershipId) }),
  result: { kind: 'single' },
  hints: DELETES,
});
