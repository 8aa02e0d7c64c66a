import { defineTool, DELETES } from '../define';
import { out } from '../outputs';
import { groups, groupId } from './resource';

export const deleteGroupTool = defineTool({
  id: 'zendesk_delete_group',
  name: 'Delete group',
  resource: groups.id,
  description:
    'Delete a group. Zendesk keeps it, marked deleted: true (zendesk_get_group still shows it) and tickets keep it as their group, but no ticket ' +
    'can be assigned to it any more. Cannot be undone. To change a group instead use zendesk_update_group.',
  params: {
    groupId: groupId('Id of the group to delete, e.g. 360000123.'),
  },
  request: (p) => ({ method: 'DELETE', path: ['groups', p.groupId] }),
  outputs: { deleted: out.boolean('True once the group is deleted'), group_id: out.string('Id of the deleted group') },
  output: (_response, p) => ({ deleted: true, group_id: String(p.groupId) }),
  result: { kind: 'single' },
  hints: DELETES,
});
