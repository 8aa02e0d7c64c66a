import { defineTool, UPDATES } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { groupMemberships, groupMembershipId } from './resource';

export const makeGroupMembershipDefaultTool = defineTool({
  id: 'zendesk_make_group_membership_default',
  name: 'Make group membership default',
  resource: groupMemberships.id,
  description:
    'Make one of an agent\'s group memberships their default: tickets assigned to the agent without a group go to that group. ' +
    'The answer lists all of the agent\'s memberships, exactly one of them default.',
  params: {
    userId: param.numericId('Id of the agent, e.g. 12345.', { required: true, example: '12345' }),
    groupMembershipId: groupMembershipId('Id of the agent\'s membership to make the default, e.g. 360000456.'),
  },
  request: (p) => ({ method: 'PUT', path: ['users', p.userId, 'group_memberships', p.groupMembershipId, 'make_default'], reads: ['group_memberships[]'] }),
  outputs: {
    group_memberships: out.array('All memberships of the agent, the default one included', groupMemberships.record),
    default_group_id: out.number('Id of the agent\'s default group now'),
  },
  output: ({ body }, p) => {
    const memberships: Record<string, any>[] = body.group_memberships;
    const chosen = memberships.find((m) => m?.id === p.groupMembershipId) ?? memberships.find((m) => m?.default === true);
    return { group_memberships: memberships, default_group_id: chosen?.group_id ?? null };
  },
  result: { kind: 'single' },
  hints: UPDATES,
});
