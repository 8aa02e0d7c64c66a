import { defineResource } from '../define';
import { out } from '../outputs';
import { param } from '../param';

export const groupMembershipOutput = out.object(
  'The group membership: one agent in one group',
  {
    id: out.number('Membership id'),
    url: out.string('API URL of the membership'),
    user_id: out.number('Id of the agent'),
    group_id: out.number('Id of the group'),
    default: out.boolean('Whether it is the agent\'s default group: tickets assigned to the agent alone go to it'),
    created_at: out.string('When it was created (ISO 8601)'),
    updated_at: out.string('When it was last updated (ISO 8601)'),
  },
  { ref: 'GroupMembership' },
);

export const groupMemberships = defineResource({ id: 'group_memberships', title: 'Group memberships', singular: 'group membership', record: groupMembershipOutput });

/** The membership an operation acts on. */
export const groupMembershipId = (description: string) => param.numericId(description, { required: true, example: '360000456' });
