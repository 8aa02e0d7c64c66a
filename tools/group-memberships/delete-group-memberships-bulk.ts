import { defineTool, DELETES, jobAnswer } from '../define';
import { param } from '../params';
import { groupMemberships } from './resource';

export const deleteGroupMembershipsBulkTool = defineTool({
  id: 'zendesk_delete_group_memberships_bulk',
  name: 'Delete group memberships in bulk',
  resource: groupMemberships.id,
  description:
    'Remove many agents from groups by membership id in background jobs (Zendesk takes 100 ids per job; longer lists are split). Zendesk also ' +
    'unassigns each agent\'s working tickets of the group. The per-item results say which memberships were deleted.',
  params: {
    groupMembershipIds: param.idList('Comma-separated membership ids, e.g. "360000456, 360000457" (not group or user ids).', {
      required: true,
      perRequestLimit: 100,
      example: '360000456, 360000457',
    }),
  },
  request: (p) => ({ method: 'DELETE', path: ['group_memberships', 'destroy_many'], query: { ids: p.groupMembershipIds } }),
  ...jobAnswer('groupMembershipIds'),
  hints: DELETES,
});
