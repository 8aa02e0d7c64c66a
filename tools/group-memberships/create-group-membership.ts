import { CREATES, defineTool } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { groupMemberships } from './resource';

export const createGroupMembershipTool = defineTool({
  id: 'zendesk_create_group_membership',
  name: 'Create group membership',
  resource: groupMemberships.id,
  description:
    'Add an agent to a group. Only agents and admins can be members: an end user is refused (422), as is a deleted group. Set isDefault to make it ' +
    'the agent\'s default group. For many agents at once use zendesk_create_group_memberships_bulk, or set a group\'s agents with zendesk_update_group.',
  params: {
    userId: param.numericId('Id of the agent to add, e.g. 12345.', { required: true, example: '12345' }),
    groupId: param.numericId('Id of the group, e.g. 360000123.', { required: true, example: '360000123' }),
    isDefault: param.boolean('Whether it becomes the agent\'s default group: "true" or "false".', { advanced: true }),
  },
  request: (p) => ({
    method: 'POST',
    path: ['group_memberships'],
    body: { group_membership: { user_id: p.userId, group_id: p.groupId, ...(p.isDefault === undefined ? {} : { default: p.isDefault }) } },
    reads: ['group_membership.id'],
  }),
  outputs: { group_membership: groupMemberships.record, group_membership_id: out.number('Id of the new membership') },
  output: ({ body }) => ({ group_membership: body.group_membership, group_membership_id: body.group_membership?.id }),
  result: { kind: 'single' },
  hints: CREATES,
});
