import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { groups, groupId } from './resource';

export const getGroupTool = defineTool({
  id: 'zendesk_get_group',
  name: 'Get group',
  resource: groups.id,
  description:
    'Fetch one group by id: its name, description, whether it is public, the default group or deleted. Its agents are listed by zendesk_get_group_users ' +
    '(or zendesk_get_group_memberships with groupId).',
  params: {
    groupId: groupId('Id of the group, e.g. 360000123.'),
  },
  request: (p) => ({ method: 'GET', path: ['groups', p.groupId], reads: ['group.id'] }),
  outputs: { group: groups.record, group_id: out.number('Id of the group') },
  output: ({ body }) => ({ group: body.group, group_id: body.group?.id }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
